package dev.incidents.memory;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The numbers of the incidents having one facet value, as a sorted set of {@code long}s without boxing.
 *
 * <p>The numbers live in blocks of at most {@link #BLOCK} sorted {@code long}s, in a tree keyed by a number no
 * greater than any in the block and greater than every number of the blocks before it. Numbers are allocated in
 * increasing order, so nearly every {@link #add} appends to the last block's array: no node, no boxed
 * {@code Long}, and one tree entry per {@link #BLOCK} numbers instead of one per number. An update that moves an
 * old incident to another value inserts into the middle; that, like a removal, moves at most one block's
 * numbers. Not thread-safe: {@link FacetIndex} uses it under the tenant's lock.
 */
final class Postings {

  /** The most numbers a block holds: an insert or removal moves at most 2 KiB. */
  static final int BLOCK = 256;
  /** A new block's first array: most facet values (one reporter, one part) have few incidents. */
  private static final int FIRST_CAPACITY = 4;

  private final int blockSize;
  private final TreeMap<Long, Block> blocks = new TreeMap<>();
  private long size;

  Postings() {
    this(BLOCK);
  }

  /** With blocks of {@code blockSize} (at least 2): tests use small blocks, which split and empty often. */
  Postings(int blockSize) {
    this.blockSize = blockSize;
  }

  /** Sorted numbers {@code numbers[0..count)}. */
  private static final class Block {
    long[] numbers;
    int count;

    Block(int capacity) {
      numbers = new long[capacity];
    }

    void insert(int at, long number) {
      if (count == numbers.length) {
        numbers = Arrays.copyOf(numbers, numbers.length * 2);
      }
      System.arraycopy(numbers, at, numbers, at + 1, count - at);
      numbers[at] = number;
      count++;
    }
  }

  /** How many numbers there are. */
  long size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Adds {@code number}, unless it is there already. */
  void add(long number) {
    Map.Entry<Long, Block> home = blocks.floorEntry(number);
    if (home == null) {
      Map.Entry<Long, Block> first = blocks.firstEntry();
      if (first == null) {
        startBlock(number);
        return;
      }
      // Below every number: the first block takes it, and its key must drop to it to stay a lower bound.
      blocks.remove(first.getKey());
      blocks.put(number, first.getValue());
      home = Map.entry(number, first.getValue());
    }
    Block block = home.getValue();
    int at = Arrays.binarySearch(block.numbers, 0, block.count, number);
    if (at >= 0) {
      return;
    }
    at = -at - 1;
    if (block.count == blockSize) {
      if (at == block.count) {
        // Past the end of a full block, as every new incident's number is past the last block's: a new block.
        startBlock(number);
        return;
      }
      split(block);
      block = blocks.floorEntry(number).getValue();
      at = -Arrays.binarySearch(block.numbers, 0, block.count, number) - 1;
    }
    block.insert(at, number);
    size++;
  }

  private void startBlock(long number) {
    Block block = new Block(FIRST_CAPACITY);
    block.insert(0, number);
    blocks.put(number, block);
    size++;
  }

  /** Moves the upper half of a full block to a new block keyed by its first number. */
  private void split(Block block) {
    int keep = block.count / 2;
    Block upper = new Block(blockSize);
    upper.count = block.count - keep;
    System.arraycopy(block.numbers, keep, upper.numbers, 0, upper.count);
    block.count = keep;
    blocks.put(upper.numbers[0], upper);
  }

  /** Removes {@code number}, if it is there. */
  void remove(long number) {
    Map.Entry<Long, Block> home = blocks.floorEntry(number);
    if (home == null) {
      return;
    }
    Block block = home.getValue();
    int at = Arrays.binarySearch(block.numbers, 0, block.count, number);
    if (at < 0) {
      return;
    }
    System.arraycopy(block.numbers, at + 1, block.numbers, at, block.count - at - 1);
    block.count--;
    size--;
    if (block.count == 0) {
      // An emptied block goes; the keys of the others still bound their numbers.
      blocks.remove(home.getKey());
    }
  }

  /** The numbers greater than {@code boundary}, ascending. */
  PrimitiveIterator.OfLong after(long boundary) {
    Map.Entry<Long, Block> start = blocks.floorEntry(boundary);
    Iterator<Block> following = (start == null ? blocks : blocks.tailMap(start.getKey(), true)).values().iterator();
    return new Walk(following, boundary, 1);
  }

  /** The numbers less than {@code boundary}, descending. */
  PrimitiveIterator.OfLong before(long boundary) {
    // The block holding numbers just below the boundary is the last one keyed below it.
    return new Walk(blocks.headMap(boundary, false).descendingMap().values().iterator(), boundary, -1);
  }

  /** The numbers of {@code blocks} beyond a boundary, walking each block by {@code step} (1 up, -1 down). */
  private static final class Walk implements PrimitiveIterator.OfLong {
    private final Iterator<Block> blocks;
    private final int step;
    private @Nullable Block block;
    /** The index of the next number in {@code block}; {@link #end} when the block is done. */
    private int next;

    Walk(Iterator<Block> blocks, long boundary, int step) {
      this.blocks = blocks;
      this.step = step;
      if (blocks.hasNext()) {
        block = blocks.next();
        int at = Arrays.binarySearch(block.numbers, 0, block.count, boundary);
        // The boundary itself, if present, is excluded either way.
        next = step > 0 ? (at >= 0 ? at + 1 : -at - 1) : (at >= 0 ? at : -at - 1) - 1;
      }
    }

    /** The index one step past the last number of {@code block} in this walk's direction. */
    private int end(Block block) {
      return step > 0 ? block.count : -1;
    }

    @Override
    public boolean hasNext() {
      while (block != null && next == end(block)) {
        block = blocks.hasNext() ? blocks.next() : null;
        next = block == null || step > 0 ? 0 : block.count - 1;
      }
      return block != null;
    }

    @Override
    public long nextLong() {
      Block current = hasNext() ? block : null;
      if (current == null) {
        throw new NoSuchElementException();
      }
      long number = current.numbers[next];
      next += step;
      return number;
    }
  }
}

package dev.incidents.store.mapdb;

import java.io.ByteArrayOutputStream;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mapdb.BTreeMap;
import org.mapdb.Fun;

/**
 * The facet postings of {@value Database#POSTINGS}: for each tenant and term ({@link FacetRecord#terms}), the
 * numbers of the incidents that have the term, in <em>blocks</em> of {@value #WIDTH} consecutive numbers. A
 * block is one entry {@code (tenant, term, first number of the block) -> the numbers in it}, so a create
 * changes one block per term, and a group of 1,000 creates in a row changes one or two blocks per term
 * instead of writing a B-tree leaf per posting (MapDB logs a leaf again at every insert into it).
 *
 * <p>The writer collects a group's changes here ({@link #add}, {@link #remove}; the last change of a posting
 * wins) and writes each touched block once, read-modify-write, just before the group's commit
 * ({@link #writeTo}), so the blocks change in the same MapDB commit as the documents. Until then readers see
 * the committed blocks; while the blocks are written they see the new ones, whose uncommitted postings are
 * masked like every uncommitted change (see {@link View}). Writer thread only.
 *
 * <p>Bytes of a block, whichever is shorter: {@value #GAPS} and each number's distance from the previous
 * one (the first from the block's start, plus one) as an unsigned LEB128 varint, ascending; or
 * {@value #BITMAP} and a bitmap of the block's numbers, bit {@code i} (byte {@code i / 8}, bit {@code i % 8})
 * for the number {@code start + i}, trailing zero bytes dropped. At most {@code 1 + WIDTH / 8} bytes.
 */
final class PostingBlocks {

  /** Numbers per block; a power of two, so a block starts at a multiple of it. */
  static final int WIDTH = 1024;
  static final byte GAPS = 1;
  static final byte BITMAP = 2;

  /** The changes of the current group: block key, then number to whether it is posted (last change wins). */
  private final TreeMap<Fun.Tuple3<String, String, Long>, Map<Long, Boolean>> changes = new TreeMap<>();

  /** The first number of the block holding {@code number}. */
  static long start(long number) {
    return number & -WIDTH;
  }

  /** Posts {@code number} under {@code term} (when the group commits). */
  void add(String tenant, String term, long number) {
    change(tenant, term, number, true);
  }

  /** Takes {@code number} out of {@code term}'s postings (when the group commits). */
  void remove(String tenant, String term, long number) {
    change(tenant, term, number, false);
  }

  private void change(String tenant, String term, long number, boolean posted) {
    changes.computeIfAbsent(Fun.t3(tenant, term, start(number)), k -> new HashMap<>()).put(number, posted);
  }

  /** Drops the collected changes: written and committed, or rolled back. */
  void clear() {
    changes.clear();
  }

  /**
   * Writes every block the group changed, each once, in key order; an emptied block is removed.
   *
   * @throws IllegalArgumentException if a stored block is not readable (the group then fails)
   */
  void writeTo(BTreeMap<Fun.Tuple3<String, String, Long>, byte[]> postings) {
    for (Map.Entry<Fun.Tuple3<String, String, Long>, Map<Long, Boolean>> block : changes.entrySet()) {
      Fun.Tuple3<String, String, Long> key = block.getKey();
      long start = key.c;
      byte[] stored = postings.get(key);
      BitSet numbers = stored == null ? new BitSet(WIDTH) : decode(key, stored);
      for (Map.Entry<Long, Boolean> change : block.getValue().entrySet()) {
        numbers.set((int) (change.getKey() - start), change.getValue());
      }
      if (numbers.isEmpty()) {
        if (stored != null) {
          postings.remove(key);
        }
      } else {
        postings.put(key, encode(numbers));
      }
    }
  }

  /** The bytes of a block holding {@code numbers} (offsets from its start, each below {@link #WIDTH}). */
  static byte[] encode(BitSet numbers) {
    ByteArrayOutputStream gaps = new ByteArrayOutputStream(Math.min(numbers.cardinality() + 1, WIDTH / 8 + 1));
    gaps.write(GAPS);
    int bitmapSize = 1 + (numbers.length() + 7) / 8;
    int previous = -1;
    for (int i = numbers.nextSetBit(0); i >= 0; i = numbers.nextSetBit(i + 1)) {
      writeVarint(gaps, i - previous);
      previous = i;
      if (gaps.size() > bitmapSize) {
        byte[] bitmap = new byte[bitmapSize];
        bitmap[0] = BITMAP;
        byte[] bits = numbers.toByteArray();
        System.arraycopy(bits, 0, bitmap, 1, bits.length);
        return bitmap;
      }
    }
    return gaps.toByteArray();
  }

  /**
   * The numbers of a stored block, as offsets from its start.
   *
   * @throws IllegalArgumentException if {@code bytes} are not a block {@link #encode} wrote
   */
  static BitSet decode(Fun.Tuple3<String, String, Long> key, byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == BITMAP && bytes.length <= 1 + WIDTH / 8) {
      BitSet numbers = new BitSet(WIDTH);
      for (int i = 1; i < bytes.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          if ((bytes[i] & (1 << bit)) != 0) {
            numbers.set((i - 1) * 8 + bit);
          }
        }
      }
      return numbers;
    }
    if (bytes.length > 0 && bytes[0] == GAPS) {
      BitSet numbers = new BitSet(WIDTH);
      int offset = -1;
      int i = 1;
      while (i < bytes.length) {
        int gap = 0;
        int shift = 0;
        byte b;
        do {
          if (i == bytes.length || shift > 14) {
            throw unreadable(key, bytes, "a varint is cut short or too long");
          }
          b = bytes[i++];
          gap |= (b & 0x7f) << shift;
          shift += 7;
        } while ((b & 0x80) != 0);
        offset += gap;
        if (gap < 1 || offset >= WIDTH) {
          throw unreadable(key, bytes, "the numbers leave the block or do not ascend");
        }
        numbers.set(offset);
      }
      return numbers;
    }
    throw unreadable(key, bytes, "unknown format or length");
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static IllegalArgumentException unreadable(Fun.Tuple3<String, String, Long> key, byte[] bytes,
      String why) {
    return new IllegalArgumentException("the postings block of term '" + key.b + "' of tenant '" + key.a
        + "' from number " + key.c + " is unusable (" + why + ", " + bytes.length + " bytes)");
  }
}

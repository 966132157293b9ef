package dev.incidents.store.mapdb;

import java.io.DataInput;
import java.io.EOFException;
import java.io.File;
import java.io.IOError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.mapdb.DataInput2;
import org.mapdb.Volume;

/**
 * MapDB's write-ahead log ({@code PATH.t}) kept in memory and written to its file when MapDB syncs it, in one
 * write for the records and one for the header, instead of a system call for every byte, long and record MapDB
 * puts into it and another for every one it reads back while it replays the commit (MapDB 1.0.9's
 * {@code FileChannelVol}: 154 writes and 154 reads for a typical create, where a raw put and commit makes 43
 * and 42).
 *
 * <p>What reaches the file, and in which order, is what MapDB's own log volume would leave there at each of
 * MapDB's steps, as far as a crash can tell: the records of a commit are written before its seal (the header's
 * offset 8, written just before the sync) and the sync forces both; between commits the log is truncated to its
 * header with the seal cleared at once, as MapDB does it. Only records not yet synced reach the file later than
 * with MapDB's volume, and a crash loses those either way (an unsealed log is discarded when the file opens).
 *
 * <p>The first {@code memoryLimit} bytes are kept in memory. A commit whose log grows past them (a batch of large
 * documents) writes and reads the rest through the file directly, as MapDB's volume does, so the heap this
 * takes is bounded whatever a commit holds; after a commit that grew it past {@value #RETAINED_MEMORY} bytes it
 * goes back to 4 KB.
 *
 * <p>Thread-safe: MapDB's readers read records of the writer's open transaction from the log while the writer
 * appends to it.
 */
final class BufferedLog extends Volume {

  /** MapDB's log header: magic, version, feature masks (offsets 0 to 7) and the seal (offset 8). */
  private static final int HEADER = 16;
  /** Bytes of the log kept in memory. */
  static final int MEMORY_LIMIT = 8 << 20;
  /** Memory kept once a commit's log is reset, so one large batch does not hold its peak for good. */
  static final int RETAINED_MEMORY = 1 << 20;
  private static final int INITIAL_MEMORY = 4096;

  private final File file;
  private final int memoryLimit;
  private final RandomAccessFile raf;
  private final FileChannel channel;
  /** The log's first bytes, up to {@link #memoryLimit}; its length is a capacity, {@link #length} says how many count. */
  private byte[] memory;
  /** The log's length as MapDB wrote it, whether or not it reached the file yet. */
  private long length;
  /** Records written to memory and not yet to the file: offsets {@code [bodyFrom, bodyTo)}, empty if equal. */
  private int bodyFrom;
  private int bodyTo;
  /** Header bytes written to memory while records were pending, to follow them to the file. */
  private int headerFrom;
  private int headerTo;
  private final byte[] scratch = new byte[8];

  BufferedLog(File file) {
    this(file, MEMORY_LIMIT);
  }

  BufferedLog(File file, int memoryLimit) {
    if (memoryLimit < HEADER) {
      throw new IllegalArgumentException("memoryLimit " + memoryLimit + " is below the log's header");
    }
    this.file = file;
    this.memoryLimit = memoryLimit;
    try {
      this.raf = new RandomAccessFile(file, "rw");
      this.channel = raf.getChannel();
      this.length = channel.size();
      this.memory = new byte[(int) Math.min(Math.max(length, INITIAL_MEMORY), memoryLimit)];
      readFromFile(0, memory, 0, (int) Math.min(length, memoryLimit));
    } catch (IOException e) {
      throw new IOError(e);
    }
  }

  @Override
  public synchronized boolean tryAvailable(long offset) {
    reserve(offset);
    return true;
  }

  @Override
  public synchronized void truncate(long size) {
    long kept = Math.min(length, size);
    try {
      channel.truncate(size);
      if (channel.size() < kept) {
        // records not written yet end short of the new size: the file still has the size MapDB's would have
        writeToFile(kept - 1, memory, (int) kept - 1, 1);
      }
    } catch (IOException e) {
      throw new IOError(e);
    }
    if (memory.length > RETAINED_MEMORY) {
      // a large commit is over: keep what the next ones need, not its peak
      memory = Arrays.copyOf(memory, (int) Math.max(Math.min(size, memoryLimit), INITIAL_MEMORY));
    } else if (size < length) {
      // the file reads zeros where it grows again; so does the memory
      Arrays.fill(memory, (int) Math.min(size, memory.length), (int) Math.min(length, memory.length), (byte) 0);
    }
    length = Math.min(length, size);
    bodyTo = (int) Math.min(bodyTo, size);
    if (bodyTo <= bodyFrom) {
      bodyFrom = bodyTo = 0;
    }
    headerTo = (int) Math.min(headerTo, size);
    if (headerTo <= headerFrom) {
      headerFrom = headerTo = 0;
    }
  }

  @Override
  public synchronized void putLong(long offset, long value) {
    writeNumber(offset, value, 8);
  }

  @Override
  public synchronized void putInt(long offset, int value) {
    writeNumber(offset, value, 4);
  }

  @Override
  public synchronized void putByte(long offset, byte value) {
    scratch[0] = value;
    write(offset, scratch, 0, 1);
  }

  @Override
  public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
    write(offset, src, srcPos, srcSize);
  }

  @Override
  public synchronized void putData(long offset, ByteBuffer buf) {
    int size = buf.remaining();
    if (buf.hasArray()) {
      write(offset, buf.array(), buf.arrayOffset() + buf.position(), size);
    } else {
      byte[] copy = new byte[size];
      buf.duplicate().get(copy);
      write(offset, copy, 0, size);
    }
    buf.position(buf.limit());
  }

  @Override
  public synchronized long getLong(long offset) {
    return readNumber(offset, 8);
  }

  @Override
  public synchronized int getInt(long offset) {
    return (int) readNumber(offset, 4);
  }

  @Override
  public synchronized byte getByte(long offset) {
    read(offset, scratch, 1);
    return scratch[0];
  }

  /** A copy, as MapDB's volume returns: the caller may still read it after the writer reused the log. */
  @Override
  public synchronized DataInput getDataInput(long offset, int size) {
    byte[] bytes = new byte[size];
    read(offset, bytes, size);
    return new DataInput2(ByteBuffer.wrap(bytes), 0);
  }

  /** Writes what is pending (records, then header) and forces the file to the disk. */
  @Override
  public synchronized void sync() {
    try {
      writePending();
      channel.force(true);
    } catch (IOException e) {
      throw new IOError(e);
    }
  }

  /** Writes what is pending, as MapDB's volume had written it already, then closes the file. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (raf) {
      writePending();
    } catch (IOException e) {
      throw new IOError(e);
    }
  }

  /** Bytes of heap the log holds now. */
  synchronized int memoryHeld() {
    return memory.length;
  }

  @Override
  public synchronized boolean isEmpty() {
    return length == 0;
  }

  @Override
  public void deleteFile() {
    file.delete();
  }

  @Override
  public boolean isSliced() {
    return false;
  }

  @Override
  public File getFile() {
    return file;
  }

  /**
   * Header bytes go to the file at once unless records are pending (then after them, so a seal never reaches
   * the file before the records it seals); records wait for {@link #sync}; past the memory limit, the file.
   */
  private void write(long offset, byte[] src, int from, int size) {
    length = Math.max(length, offset + size);
    try {
      while (size > 0) {
        int n;
        if (offset < HEADER) {
          n = (int) Math.min(size, HEADER - offset);
          System.arraycopy(src, from, memory, (int) offset, n);
          if (bodyTo > bodyFrom) {
            headerFrom = headerTo > headerFrom ? Math.min(headerFrom, (int) offset) : (int) offset;
            headerTo = Math.max(headerTo, (int) offset + n);
          } else {
            writeToFile(offset, src, from, n);
          }
        } else if (offset < memoryLimit) {
          n = (int) Math.min(size, memoryLimit - offset);
          reserve(offset + n);
          System.arraycopy(src, from, memory, (int) offset, n);
          bodyFrom = bodyTo > bodyFrom ? Math.min(bodyFrom, (int) offset) : (int) offset;
          bodyTo = Math.max(bodyTo, (int) offset + n);
        } else {
          n = size;
          writeToFile(offset, src, from, n);
        }
        offset += n;
        from += n;
        size -= n;
      }
    } catch (IOException e) {
      throw new IOError(e);
    }
  }

  /** Big-endian, as MapDB's volumes store numbers. */
  private void writeNumber(long offset, long value, int size) {
    for (int i = size - 1; i >= 0; i--) {
      scratch[i] = (byte) value;
      value >>>= 8;
    }
    write(offset, scratch, 0, size);
  }

  private long readNumber(long offset, int size) {
    read(offset, scratch, size);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = value << 8 | (scratch[i] & 0xff);
    }
    return value;
  }

  private void read(long offset, byte[] dst, int size) {
    if (offset < 0 || offset + size > length) {
      throw new IOError(new EOFException("read of " + size + " bytes at " + offset + " past the end of the log "
          + file + " (" + length + " bytes)"));
    }
    int inMemory = (int) Math.max(0, Math.min(size, memoryLimit - offset));
    if (inMemory > 0) {
      System.arraycopy(memory, (int) offset, dst, 0, inMemory);
    }
    if (inMemory < size) {
      try {
        readFromFile(offset + inMemory, dst, inMemory, size - inMemory);
      } catch (IOException e) {
        throw new IOError(e);
      }
    }
  }

  /** Grows the memory to hold the log up to {@code end}, within the limit, doubling. */
  private void reserve(long end) {
    long wanted = Math.min(end, memoryLimit);
    if (wanted > memory.length) {
      memory = Arrays.copyOf(memory, (int) Math.min(Math.max(wanted, 2L * memory.length), memoryLimit));
    }
  }

  private void writePending() throws IOException {
    if (bodyTo > bodyFrom) {
      writeToFile(bodyFrom, memory, bodyFrom, bodyTo - bodyFrom);
      bodyFrom = bodyTo = 0;
    }
    if (headerTo > headerFrom) {
      writeToFile(headerFrom, memory, headerFrom, headerTo - headerFrom);
      headerFrom = headerTo = 0;
    }
  }

  private void writeToFile(long offset, byte[] src, int from, int size) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(src, from, size);
    while (buffer.hasRemaining()) {
      offset += channel.write(buffer, offset);
    }
  }

  private void readFromFile(long offset, byte[] dst, int from, int size) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(dst, from, size);
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, offset);
      if (read < 0) {
        throw new EOFException("the log " + file + " ended at " + offset);
      }
      offset += read;
    }
  }
}

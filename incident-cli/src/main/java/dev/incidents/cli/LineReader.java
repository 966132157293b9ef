package dev.incidents.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines with bounded memory: a line ends at {@code \n} (a {@code \r} before it is
 * dropped), and of a line longer than the cap only the first {@code cap} bytes are kept; the rest is read
 * and thrown away. Bytes are not decoded: the library reads UTF-8 itself.
 */
final class LineReader {

  private final InputStream in;
  private final int cap;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int length;

  /**
   * @param cap the most bytes kept of one line
   */
  LineReader(InputStream in, int cap) {
    this.in = in;
    this.cap = cap;
  }

  /** The next line without its line end, or {@code null} at the end of the input. */
  byte[] next() throws IOException {
    length = 0;
    long seen = 0;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return seen == 0 ? null : line(seen);
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      keep(start, position - start);
      seen += position - start;
      if (position < limit) {
        position++; // the '\n'
        return line(seen);
      }
    }
  }

  private void keep(int from, int count) {
    int room = Math.min(count, cap - length);
    if (room <= 0) {
      return;
    }
    if (length + room > line.length) {
      line = Arrays.copyOf(line, Math.min(cap, Math.max(length + room, 2 * line.length)));
    }
    System.arraycopy(buffer, from, line, length, room);
    length += room;
  }

  /** The kept bytes; a {@code \r} before the line end goes, unless the line was cut short of it. */
  private byte[] line(long seen) {
    boolean whole = seen == length;
    int end = whole && length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    return Arrays.copyOf(line, end);
  }
}

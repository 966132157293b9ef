package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  @Test
  void splitsAtNewlinesAndDropsTheCarriageReturnBeforeThem() throws IOException {
    assertThat(lines("a\nb\r\n\nc", 100)).containsExactly("a", "b", "", "c");
  }

  @Test
  void aFinalNewlineEndsTheLastLineAndStartsNone() throws IOException {
    assertThat(lines("a\n", 100)).containsExactly("a");
    assertThat(lines("", 100)).isEmpty();
    assertThat(lines("\n", 100)).containsExactly("");
  }

  @Test
  void keepsOnlyTheCapOfALongLineAndFindsTheNextLineIntact() throws IOException {
    String longLine = "x".repeat(200_000); // longer than the 64 KiB read buffer
    assertThat(lines(longLine + "\nnext\n", 10)).containsExactly("x".repeat(10), "next");
  }

  @Test
  void aLineOfExactlyTheCapIsWholeAndLosesItsCarriageReturn() throws IOException {
    assertThat(lines("0123456789\r\n", 11)).containsExactly("0123456789");
    // Cut short of its end, the line keeps what it had, so it still counts as too long.
    assertThat(lines("012345678\r9\n", 10)).containsExactly("012345678\r");
  }

  @Test
  void readsLinesThatArriveOneByteAtATime() throws IOException {
    InputStream trickle = new FilterInputStream(input("first\r\nsecond\n")) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    assertThat(lines(new LineReader(trickle, 100))).containsExactly("first", "second");
  }

  private static List<String> lines(String text, int cap) throws IOException {
    return lines(new LineReader(input(text), cap));
  }

  private static List<String> lines(LineReader reader) throws IOException {
    List<String> lines = new ArrayList<>();
    for (byte[] line = reader.next(); line != null; line = reader.next()) {
      lines.add(new String(line, StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}

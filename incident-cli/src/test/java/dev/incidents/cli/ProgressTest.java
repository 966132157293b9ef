package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static final long MILLIS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(5_000 * MILLIS);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void showsCountAndRateAfterASecondAtMostFourTimesASecond() {
    Progress progress = new Progress(err, true, now::get);
    at(900, () -> progress.update(900));
    assertThat(shown()).as("nothing in the first second").isEmpty();
    at(1_000, () -> progress.update(1_000));
    assertThat(shown()).isEqualTo("\r1000 lines, 1000 lines/s");
    at(1_200, () -> progress.update(1_200));
    assertThat(shown()).as("not again within 250 ms").isEqualTo("\r1000 lines, 1000 lines/s");
    at(1_250, () -> progress.update(2_500));
    assertThat(shown()).endsWith("\r2500 lines, 2000 lines/s");
  }

  @Test
  void clearingOverwritesTheLineSoTheSummaryStartsClean() {
    Progress progress = new Progress(err, true, now::get);
    at(2_000, () -> progress.update(10));
    progress.clear();
    String line = "10 lines, 5 lines/s";
    assertThat(shown()).isEqualTo("\r" + line + "\r" + " ".repeat(line.length()) + "\r");
  }

  @Test
  void showsNothingWhenStderrIsNotATerminal() {
    Progress progress = new Progress(err, false, now::get);
    at(10_000, () -> progress.update(1_000_000));
    progress.clear();
    assertThat(shown()).isEmpty();
  }

  private void at(long millisAfterStart, Runnable action) {
    now.set(5_000 * MILLIS + millisAfterStart * MILLIS);
    action.run();
  }

  private String shown() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

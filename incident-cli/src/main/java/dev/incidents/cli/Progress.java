package dev.incidents.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of an import: rewritten in place on a terminal, at most four times a second, and only
 * once the import has run for a second, so short imports show nothing. Off when stderr is not a terminal:
 * a log file should not fill up with carriage returns.
 */
final class Progress {

  private static final long FIRST_AFTER_NANOS = 1_000_000_000L;
  private static final long EVERY_NANOS = 250_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private final long start;
  private long last;
  private int shown;

  Progress(PrintStream err, boolean enabled, LongSupplier nanoTime) {
    this.err = err;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.last = start;
  }

  /** Shows the count of lines done if it is time to. */
  void update(long lines) {
    if (!enabled) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - start < FIRST_AFTER_NANOS || (shown > 0 && now - last < EVERY_NANOS)) {
      return;
    }
    last = now;
    String text = String.format(Locale.ROOT, "%d lines, %s", lines, rate(lines, now - start));
    // Pad over the longer text shown before; the carriage return puts the next one in its place.
    err.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
    err.flush();
    shown = text.length();
  }

  /** Clears the progress line, if one is shown, so the summary starts on a clean line. */
  void clear() {
    if (shown > 0) {
      err.print("\r" + " ".repeat(shown) + "\r");
      err.flush();
      shown = 0;
    }
  }

  /** Nanoseconds since the import started. */
  long elapsedNanos() {
    return nanoTime.getAsLong() - start;
  }

  static String rate(long lines, long nanos) {
    double seconds = Math.max(nanos, 1) / 1e9;
    return String.format(Locale.ROOT, "%.0f lines/s", lines / seconds);
  }
}

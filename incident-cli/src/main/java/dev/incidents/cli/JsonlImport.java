package dev.incidents.cli;

import dev.incidents.JsonReply;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.Violation;
import dev.incidents.json.IncidentJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code create --jsonl}: one request per input line, one reply per line on stdout, in input order.
 *
 * <p>Memory stays flat whatever the input's size: lines are read with a cap, sent in batches of at most
 * {@link #BATCH_LINES} lines and {@link #BATCH_BYTES} bytes (the store may commit a batch together), and each
 * batch's replies are written and flushed before the next batch is read.
 *
 * <p>Every line is a request, an empty one too (the library rejects it), so reply line k always answers
 * input line k, and with a prefix line k always has the key {@code P-k}. A rejected line (any 4xx) does not
 * stop the import. A failure (5xx: the store failed) does: the replies up to the failing line are printed,
 * nothing more is read, and stderr says which line failed and how many lines were committed.
 */
final class JsonlImport {

  static final int BATCH_LINES = 1000;
  static final int BATCH_BYTES = 4 << 20;

  private final Session session;
  private final Replies replies;
  private final PrintStream err;
  private final Progress progress;
  private final String prefix;

  private long answered;
  private long committed;
  private long succeeded;
  private long rejected;
  private long firstRejected;

  /**
   * @param prefix the idempotency key prefix, or {@code null} for no keys
   */
  JsonlImport(Session session, Replies replies, PrintStream err, Progress progress, String prefix) {
    this.session = session;
    this.replies = replies;
    this.err = err;
    this.progress = progress;
    this.prefix = prefix;
  }

  /** Imports every line of {@code input} and returns the exit status. */
  int run(InputStream input) {
    LineReader reader = new LineReader(input, IncidentJson.MAX_BODY_BYTES + 1);
    List<byte[]> bodies = new ArrayList<>(BATCH_LINES);
    List<String> keys = prefix == null ? null : new ArrayList<>(BATCH_LINES);
    // Replies the import gives itself, by position in the batch; null for the lines the library answers.
    List<JsonReply> own = new ArrayList<>(BATCH_LINES);
    long lines = 0;
    while (true) {
      bodies.clear();
      own.clear();
      if (keys != null) {
        keys.clear();
      }
      long bytes = 0;
      try {
        byte[] line;
        while (own.size() < BATCH_LINES && bytes < BATCH_BYTES && (line = reader.next()) != null) {
          lines++;
          bytes += line.length;
          if (lines > 1 && startsWithByteOrderMark(line)) {
            own.add(MISPLACED_BYTE_ORDER_MARK);
            continue;
          }
          own.add(null);
          bodies.add(line);
          if (keys != null) {
            keys.add(prefix + "-" + lines);
          }
        }
      } catch (IOException e) {
        return stop(answered + 1, "cannot read the input: " + e.getMessage());
      }
      if (own.isEmpty()) {
        summarize();
        return rejected > 0 ? ExitCodes.REJECTED : ExitCodes.SUCCESS;
      }
      List<JsonReply> batch = merge(own, bodies.isEmpty() ? List.of()
          : session.json().createAll(session.tenant(), session.actor(), bodies, keys));
      // Counted before printing: what is stored stays stored even if its reply cannot be written.
      committed += batch.stream().filter(JsonReply::isSuccess).count();
      try {
        String failure = print(batch);
        if (failure != null) {
          return stop(answered, failure);
        }
      } catch (UncheckedIOException e) {
        return stop(answered + 1, "cannot write the replies: " + e.getCause().getMessage());
      }
      progress.update(answered);
    }
  }

  /**
   * The reply to a line after the first that starts with a UTF-8 byte order mark. A byte order mark belongs to
   * the start of the input, where the library skips it as JSON parsers may; anywhere else it is the character
   * U+FEFF, which is not JSON white space. The library cannot tell (each line is a whole body to it), so the
   * import, which knows where the input starts, answers such a line itself.
   */
  private static final JsonReply MISPLACED_BYTE_ORDER_MARK = JsonReply.of(BadRequestException.of(Violation.parseError(
      null, "the line starts with a byte order mark (U+FEFF); only the first line of the input may start with "
          + "one, and elsewhere it is a character outside JSON white space")));

  private static boolean startsWithByteOrderMark(byte[] line) {
    return line.length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf;
  }

  /** The batch's replies in line order: the import's own where it gave one, else the library's, in turn. */
  private static List<JsonReply> merge(List<JsonReply> own, List<JsonReply> library) {
    List<JsonReply> merged = new ArrayList<>(own.size());
    int next = 0;
    for (JsonReply reply : own) {
      merged.add(reply != null ? reply : library.get(next++));
    }
    return merged;
  }

  /**
   * Prints the replies of a batch up to its first failure, which is printed too, and counts them.
   *
   * @return the failure's message, or {@code null} if no line failed
   */
  private String print(List<JsonReply> batch) {
    try {
      for (JsonReply reply : batch) {
        replies.print(reply);
        answered++;
        int code = ExitCodes.of(reply.status());
        if (code == ExitCodes.FAILURE) {
          return Replies.message(reply);
        }
        if (code == ExitCodes.SUCCESS) {
          succeeded++;
        } else {
          rejected++;
          if (firstRejected == 0) {
            firstRejected = answered;
          }
        }
      }
      return null;
    } finally {
      replies.flush();
    }
  }

  /**
   * Ends the import.
   *
   * @param line the line whose reply is the failure, or the first line without a reply
   */
  private int stop(long line, String why) {
    summarize();
    String rerun = prefix != null
        ? "Run the same input with the same --idempotency-prefix again to finish: committed lines are answered "
            + "with the incidents they created, not created again."
        : "Running the same input again would create the committed lines again; --idempotency-prefix makes "
            + "an import safe to run again.";
    err.printf(Locale.ROOT, "incident: stopped at line %d: %s%nincident: %d lines were committed. %s%n",
        line, why, committed, rerun);
    return ExitCodes.FAILURE;
  }

  private void summarize() {
    progress.clear();
    long nanos = progress.elapsedNanos();
    StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
        "incident: %d lines in %.1f s (%s): %d succeeded (created, or replayed by their idempotency key), "
            + "%d rejected", answered, nanos / 1e9, Progress.rate(answered, nanos), succeeded, rejected));
    if (rejected > 0) {
      summary.append(" (the first at line ").append(firstRejected).append(')');
    }
    err.println(summary);
  }
}

package dev.incidents.cli;

import dev.incidents.JsonReply;
import dev.incidents.json.IncidentJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes reply bodies to stdout exactly as the library wrote them, one per line. Buffered: callers flush
 * when a unit of work is done (a single reply, a batch of an import).
 */
final class Replies {

  private final OutputStream out;

  Replies(OutputStream stdout) {
    this.out = new BufferedOutputStream(stdout, 1 << 16);
  }

  /**
   * Writes a body and a newline.
   *
   * @throws UncheckedIOException if stdout is gone (a closed pipe)
   */
  void print(JsonReply reply) {
    try {
      out.write(reply.body());
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prints the reply of a single call and returns its exit status; when the failure is not the caller's
   * (exit 1), the error body is on stdout as always and {@link Stop} carries its message to stderr.
   */
  int answerVersioned(JsonReply reply, java.io.PrintStream err) {
    int code = answer(reply);
    if (reply.version() != null) {
      err.println("version " + reply.version());
    }
    return code;
  }

  /**
   * Prints the reply of a single call and returns its exit status; when the failure is not the caller's
   * (exit 1), the error body is on stdout as always and {@link Stop} carries its message to stderr.
   */
  int answer(JsonReply reply) {
    print(reply);
    flush();
    int code = ExitCodes.of(reply.status());
    if (code == ExitCodes.FAILURE) {
      throw new Stop(code, message(reply));
    }
    return code;
  }

  /** The message of an error reply, as the library phrased it. */
  static String message(JsonReply reply) {
    return IncidentJson.readError(reply.body()).getMessage();
  }
}

package dev.incidents.cli;

/**
 * The exit statuses of docs/CONTRACT.md section 9, their lines in {@code --help}, and the one mapping from a reply's
 * HTTP status to them. Picocli answers {@link #USAGE} for usage errors by itself
 * ({@code CommandLine.ExitCode.USAGE} is 2 too).
 */
final class ExitCodes {

  static final int SUCCESS = 0;
  /** Anything that is not the caller's fault: a store that cannot be opened or fails, a defect. */
  static final int FAILURE = 1;
  static final int USAGE = 2;
  /** The {@code bad_request} family; in {@code --jsonl} mode, any line that was not accepted. */
  static final int REJECTED = 3;
  static final int NOT_FOUND = 4;
  static final int CONFLICT = 5;
  static final int FORBIDDEN = 6;

  // The lines of the "Exit status" sections of --help (picocli's key:description form).
  static final String HELP_SUCCESS = "0:success";
  static final String HELP_FAILURE =
      "1:anything else: the store cannot be opened or failed, or a defect; the message is on stderr";
  static final String HELP_USAGE = "2:usage error: unknown command or option, bad option value, unreadable "
      + "file, a store URL that no store provider accepts";
  static final String HELP_REJECTED = "3:request rejected (bad_request family, also a malformed --tenant, "
      + "--actor or idempotency key); the error body is on stdout";
  static final String HELP_NOT_FOUND = "4:not_found; the error body is on stdout";
  static final String HELP_CONFLICT =
      "5:conflict: the idempotency key was used with a different request, or the incident is not at "
          + "--if-version; the error body is on stdout";
  static final String HELP_FORBIDDEN = "6:forbidden, such as source set by a DEVU actor; the error body is on stdout";

  private ExitCodes() {}

  /** The exit status for a reply with this HTTP status. */
  static int of(int httpStatus) {
    if (httpStatus >= 200 && httpStatus < 300) {
      return SUCCESS;
    }
    return switch (httpStatus) {
      case 400 -> REJECTED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 409, 412 -> CONFLICT;
      default -> FAILURE;
    };
  }
}

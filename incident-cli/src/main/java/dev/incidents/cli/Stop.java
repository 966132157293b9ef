package dev.incidents.cli;

/**
 * Ends a command with an exit status and, when there is one, a message for stderr. Thrown where a command
 * cannot go on; {@link IncidentCommand} prints the message. Usage errors are picocli's
 * {@code ParameterException} instead, so they get picocli's usage hint.
 */
final class Stop extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * @param exitCode one of {@link ExitCodes}
   * @param message what went wrong, for stderr, or {@code null} when the reply on stdout says it all
   */
  Stop(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}

package dev.incidents.cli;

/** The entry point of {@code incident.jar}. */
public final class Main {

  private Main() {}

  /** Runs {@code incident} with {@code args} and exits with its status. */
  public static void main(String[] args) {
    System.exit(IncidentCommand.run(Io.system(), args));
  }
}

package dev.incidents.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The entry point of {@code incident.jar}. */
public final class Main {

  /**
   * Hibernate Validator announces its version at INFO through java.util.logging on first use; stderr is for
   * messages to the user. Held in a field: java.util.logging keeps loggers weakly, and a collected logger
   * forgets its level.
   */
  private static final Logger HIBERNATE_VALIDATOR = Logger.getLogger("org.hibernate.validator");

  private Main() {}

  /** Runs {@code incident} with {@code args} and exits with its status. */
  public static void main(String[] args) {
    HIBERNATE_VALIDATOR.setLevel(Level.WARNING);
    System.exit(IncidentCommand.run(Io.system(), args));
  }
}

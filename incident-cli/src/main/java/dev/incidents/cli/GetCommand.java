package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code incident get ID}. */
@Command(
    name = "get",
    description = "Prints the incident with this id in --tenant: {\"incident\": {...}}. Its version goes to "
        + "stderr as \"version N\" (what update and delete take as --if-version).",
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE,
        "3:a malformed id (or --tenant, --actor); the error body is on stdout", ExitCodes.HELP_NOT_FOUND},
    footerHeading = "%nExample:%n",
    footer = "  incident get INC-1")
final class GetCommand implements Callable<Integer> {

  @ParentCommand
  private IncidentCommand parent;

  @Parameters(paramLabel = "ID", description = "INC-n, or the incident's DON "
      + "(don:core:local:devo/TENANT:incident/n). A DON of another tenant is not found.")
  private String id;

  @Override
  public Integer call() {
    try (Session session = parent.openSession(IncidentCommand.Access.READ)) {
      return parent.replies().answerVersioned(session.json().get(session.tenant(), session.actor(), id),
          parent.io().err());
    }
  }
}

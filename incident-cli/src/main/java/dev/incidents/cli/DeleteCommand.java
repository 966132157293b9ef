package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code incident delete ID [--if-version N]}. */
@Command(
    name = "delete",
    description = {
        "Deletes the incident with this id in --tenant and prints {}. It is then not found; its number is "
            + "never used again, and a create retried with its idempotency key is not found. "
            + "docs/CONTRACT.md section 10."},
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE,
        "3:a malformed id (or --tenant, --actor); the error body is on stdout", ExitCodes.HELP_NOT_FOUND,
        ExitCodes.HELP_CONFLICT},
    footerHeading = "%nExamples:%n",
    footer = {"  incident delete INC-1", "  incident delete INC-1 --if-version 4"})
final class DeleteCommand implements Callable<Integer> {

  @ParentCommand
  private IncidentCommand parent;

  @Parameters(paramLabel = "ID", description = "INC-n, or the incident's DON.")
  private String id;

  @Option(names = "--if-version", paramLabel = "N", description = "Delete only if the incident is at version N; "
      + "otherwise exit 5 and change nothing.")
  private Long ifVersion;

  @Override
  public Integer call() {
    try (Session session = parent.openSession(IncidentCommand.Access.READ)) {
      return parent.replies().answer(session.json().delete(session.tenant(), session.actor(),
          RequestBodies.id(id), ifVersion));
    }
  }
}

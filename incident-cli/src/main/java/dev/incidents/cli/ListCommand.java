package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code incident list [--limit N] [--cursor C]}. */
@Command(
    name = "list",
    description = {
        "Prints one page of the incidents of --tenant, newest first: {\"incidents\": [...], \"next_cursor\": "
            + "\"...\"}.",
        "next_cursor is there when more pages follow: pass it to --cursor to get the next one. Paging visits "
            + "every incident exactly once, also while others create incidents."},
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE,
        "3:a --limit that is not a number from 1 to 1000, or a --cursor the service did not make; the error body "
            + "is on stdout"},
    footerHeading = "%nExamples:%n",
    footer = {"  incident list --limit 10", "  incident list --limit 10 --cursor NEXT_CURSOR_OF_THE_PAGE_BEFORE"})
final class ListCommand implements Callable<Integer> {

  @ParentCommand
  private IncidentCommand parent;

  @Option(names = "--limit", paramLabel = "N", description = "The most incidents on the page, 1 to 1000. "
      + "Default: 50")
  private String limit;

  @Option(names = "--cursor", paramLabel = "C", description = "The next_cursor of the page before. "
      + "Default: the first page")
  private String cursor;

  @Override
  public Integer call() {
    try (Session session = parent.openSession(IncidentCommand.Access.READ)) {
      // The library checks N (a number, 1 to 1000) and answers as the API would.
      return parent.replies().answer(session.json().list(session.tenant(), session.actor(), limit, cursor));
    }
  }
}

package dev.incidents.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code incident list [filters] [--oldest-first] [--limit N] [--cursor C]}. */
@Command(
    name = "list",
    description = {
        "Prints one page of the incidents of --tenant that the filters match, newest first: "
            + "{\"incidents\": [...], \"next_cursor\": \"...\"}.",
        "Filters combine with AND; a filter with several values (comma-separated) matches any of them. "
            + "next_cursor is there when more pages follow: pass it to --cursor, with the same filters and "
            + "order, to get the next one. Paging visits every incident that matches throughout exactly once, "
            + "also while others create, update and delete incidents. docs/CONTRACT.md section 11."},
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE,
        "3:a filter value that can match nothing valid (an unknown severity, a malformed id, an empty range), "
            + "a --limit that is not a number from 1 to 1000, or a --cursor the service did not make; the error "
            + "body is on stdout"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  incident list --limit 10",
        "  incident list --severity 0,1 --state open --owned-by DEVU-7",
        "  incident list --created-after 2026-11-01T00:00:00Z --oldest-first",
        "  incident list --limit 10 --cursor NEXT_CURSOR_OF_THE_PAGE_BEFORE"})
final class ListCommand implements Callable<Integer> {

  @ParentCommand
  private IncidentCommand parent;

  @Option(names = "--severity", split = ",", paramLabel = "ID", description = "Severity catalog ids, such as 0,1.")
  private List<String> severity;

  @Option(names = "--reported-by", split = ",", paramLabel = "ID", description = "reported_by catalog ids.")
  private List<String> reportedBy;

  @Option(names = "--stage", split = ",", paramLabel = "STAGE", description = "Stage names or DONs.")
  private List<String> stage;

  @Option(names = "--state", split = ",", paramLabel = "STATE",
      description = "States: open, in_progress, closed, or a state of the tenant's diagram.")
  private List<String> state;

  @Option(names = "--owned-by", split = ",", paramLabel = "USER", description = "Owners: DEVU-n and the like.")
  private List<String> ownedBy;

  @Option(names = "--applies-to-parts", split = ",", paramLabel = "PART", description = "Parts: PROD-n and the like.")
  private List<String> appliesToParts;

  @Option(names = "--created-by", split = ",", paramLabel = "USER", description = "Creators.")
  private List<String> createdBy;

  @Option(names = "--subtype", split = ",", paramLabel = "SUBTYPE", description = "Subtypes.")
  private List<String> subtype;

  @Option(names = "--created-after", paramLabel = "TIME", description = "created_date at or after TIME (RFC 3339).")
  private String createdAfter;

  @Option(names = "--created-before", paramLabel = "TIME", description = "created_date before TIME.")
  private String createdBefore;

  @Option(names = "--modified-after", paramLabel = "TIME", description = "modified_date at or after TIME.")
  private String modifiedAfter;

  @Option(names = "--modified-before", paramLabel = "TIME", description = "modified_date before TIME.")
  private String modifiedBefore;

  @Option(names = "--closed-after", paramLabel = "TIME", description = "actual_close_date at or after TIME.")
  private String closedAfter;

  @Option(names = "--closed-before", paramLabel = "TIME", description = "actual_close_date before TIME.")
  private String closedBefore;

  @Option(names = "--target-close-after", paramLabel = "TIME", description = "target_close_date at or after TIME.")
  private String targetAfter;

  @Option(names = "--target-close-before", paramLabel = "TIME", description = "target_close_date before TIME.")
  private String targetBefore;

  @Option(names = "--oldest-first", description = "Oldest first (sort_by created_date:asc). Default: newest first")
  private boolean oldestFirst;

  @Option(names = "--limit", paramLabel = "N", description = "The most incidents on the page, 1 to 1000. "
      + "Default: 50")
  private String limit;

  @Option(names = "--cursor", paramLabel = "C", description = "The next_cursor of the page before. "
      + "Default: the first page")
  private String cursor;

  @Override
  public Integer call() {
    ObjectNode body = RequestBodies.object();
    RequestBodies.array(body, "severity", severity, true);
    RequestBodies.array(body, "reported_by", reportedBy, true);
    RequestBodies.array(body, "stage", stage, false);
    RequestBodies.array(body, "state", state, false);
    RequestBodies.array(body, "owned_by", ownedBy, false);
    RequestBodies.array(body, "applies_to_parts", appliesToParts, false);
    RequestBodies.array(body, "created_by", createdBy, false);
    RequestBodies.array(body, "subtype", subtype, false);
    RequestBodies.range(body, "created_date", createdAfter, createdBefore);
    RequestBodies.range(body, "modified_date", modifiedAfter, modifiedBefore);
    RequestBodies.range(body, "actual_close_date", closedAfter, closedBefore);
    RequestBodies.range(body, "target_close_date", targetAfter, targetBefore);
    if (oldestFirst) {
      body.putArray("sort_by").add("created_date:asc");
    }
    if (limit != null) {
      // A number goes as one; anything else as text, which the library rejects as the API would.
      if (limit.matches("-?[0-9]{1,9}")) {
        body.put("limit", Integer.parseInt(limit));
      } else {
        body.put("limit", limit);
      }
    }
    if (cursor != null) {
      body.put("cursor", cursor);
    }
    try (Session session = parent.openSession(IncidentCommand.Access.READ)) {
      return parent.replies().answer(session.json().list(session.tenant(), session.actor(),
          RequestBodies.bytes(body)));
    }
  }
}

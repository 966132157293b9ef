package dev.incidents.cli;

import dev.incidents.webhooks.DeadEvent;
import dev.incidents.webhooks.DeadEvents;
import dev.incidents.webhooks.WebhookRelay;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code incident dead list|replay}: events whose webhook delivery gave up. */
@Command(
    name = "dead",
    description = {"Lists and replays the events whose delivery to a webhook endpoint of --tenant gave up after the "
        + "relay's attempts (docs/EVENTS.md)."},
    subcommands = {DeadCommand.ListDead.class, DeadCommand.Replay.class},
    footerHeading = "%nExamples:%n",
    footer = {"  incident --tenant acme dead list", "  incident --tenant acme dead replay ep_0123456789abcdef 42",
        "  incident --tenant acme dead replay ep_0123456789abcdef --all"})
final class DeadCommand implements Callable<Integer> {

  @ParentCommand
  IncidentCommand parent;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing a dead command: list or replay");
  }

  /** {@code dead list}. */
  @Command(name = "list", description = {"Prints the dead events of --tenant, one JSON line each: endpoint, sequence, "
      + "event_id, type, attempts, last_error, dead_at and the event."})
  static final class ListDead implements Callable<Integer> {
    @ParentCommand
    DeadCommand dead;

    @Option(names = "--endpoint", paramLabel = "ID", description = "Only this endpoint's.")
    String endpoint;

    @Override
    public Integer call() {
      try (Session session = dead.parent.openSession(IncidentCommand.Access.READ)) {
        DeadEvents events = Webhooks.relay(session).build().deadEvents();
        for (DeadEvent event : endpoint == null ? events.list() : events.list(endpoint)) {
          if (event.tenant().equals(session.tenant())) {
            Webhooks.print(dead.parent.io().out(), event);
          }
        }
        return ExitCodes.SUCCESS;
      }
    }
  }

  /** {@code dead replay ENDPOINT (SEQUENCE | --all)}. */
  @Command(name = "replay", description = {"Delivers dead events of an endpoint again, with the relay's retries; each "
      + "delivered one is no longer dead. Exit 1 if any stays dead, 4 if there is no such dead event."})
  static final class Replay implements Callable<Integer> {
    @ParentCommand
    DeadCommand dead;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENDPOINT", description = "The endpoint's id.")
    String endpoint;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SEQUENCE", description = "The dead event's sequence.")
    Long sequence;

    @Option(names = "--all", description = "Every dead event of the endpoint, in sequence order.")
    boolean all;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
        description = "Attempts per event. Default: ${DEFAULT-VALUE}")
    int maxAttempts;

    @Override
    public Integer call() throws InterruptedException {
      if (all == (sequence != null)) {
        throw new ParameterException(spec.commandLine(), "give either a SEQUENCE or --all");
      }
      try (Session session = dead.parent.openSession(IncidentCommand.Access.READ)) {
        WebhookRelay relay = Webhooks.relay(session).maxAttempts(maxAttempts).build();
        List<DeadEvent> chosen = relay.deadEvents().list(endpoint).stream()
            .filter(event -> event.tenant().equals(session.tenant()))
            .filter(event -> all || event.sequence() == sequence).toList();
        if (chosen.isEmpty() && !all) {
          throw new Stop(ExitCodes.NOT_FOUND, "no dead event " + sequence + " of endpoint " + endpoint + " in tenant "
              + session.tenant());
        }
        int stillDead = 0;
        for (DeadEvent event : chosen) {
          boolean delivered = relay.deadEvents().replay(endpoint, event.sequence());
          dead.parent.io().err().println((delivered ? "delivered " : "still dead: ") + event.sequence() + " "
              + event.eventId());
          stillDead += delivered ? 0 : 1;
        }
        return stillDead == 0 ? ExitCodes.SUCCESS : ExitCodes.FAILURE;
      }
    }
  }
}

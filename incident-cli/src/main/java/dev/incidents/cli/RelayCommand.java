package dev.incidents.cli;

import dev.incidents.events.IncidentEvents;
import dev.incidents.webhooks.WebhookEndpoint;
import dev.incidents.webhooks.WebhookRelay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code incident relay}: delivers events to every registered webhook endpoint, in its own process. */
@Command(
    name = "relay",
    description = {"Delivers every event to the registered webhook endpoints of all tenants, signed, with retries "
        + "and dead events (docs/EVENTS.md), until stopped (Ctrl-C or SIGTERM), or with --drain until every "
        + "endpoint has had the events stored when it started. Events are recorded by writers that use --events "
        + "(or a service built with recordEvents). A MapDB file is locked by one process at a time: run the relay "
        + "where the writers are, or over a jdbc: store."},
    footerHeading = "%nExamples:%n",
    footer = {"  incident --store jdbc:postgresql://db/incidents relay", "  incident relay --drain"})
final class RelayCommand implements Callable<Integer> {

  @ParentCommand
  private IncidentCommand parent;

  @Option(names = "--drain", description = "Stop once every endpoint has had (or parked as dead) every event stored "
      + "before the relay started.")
  private boolean drain;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "8",
      description = "Attempts per event before it is dead. Default: ${DEFAULT-VALUE}")
  private int maxAttempts;

  @Option(names = "--backoff-ms", paramLabel = "MS", defaultValue = "1000",
      description = "The pause after the first failed attempt, doubled after each further one up to 300000 ms, "
          + "with jitter. Default: ${DEFAULT-VALUE}")
  private long backoffMillis;

  @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "15000",
      description = "How long one POST may take. Default: ${DEFAULT-VALUE}")
  private long timeoutMillis;

  @Override
  public Integer call() throws InterruptedException {
    try (Session session = parent.openSession(IncidentCommand.Access.CREATE)) {
      Duration backoff = Duration.ofMillis(backoffMillis);
      try (WebhookRelay relay = Webhooks.relay(session).maxAttempts(maxAttempts)
          .backoff(backoff, backoff.compareTo(Duration.ofMinutes(5)) > 0 ? backoff : Duration.ofMinutes(5))
          .requestTimeout(Duration.ofMillis(timeoutMillis)).build()) {
        IncidentEvents events = session.service().events();
        long target = events.lastSequence();
        relay.start();
        if (drain) {
          while (!drained(relay, events, target)) {
            Thread.sleep(50);
          }
        } else {
          CountDownLatch stopped = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            session.close();
            stopped.countDown();
          }));
          parent.io().err().println("incident relay: delivering to " + relay.activeEndpoints()
              + " endpoints; stop with Ctrl-C");
          stopped.await();
        }
      }
    }
    return ExitCodes.SUCCESS;
  }

  private static boolean drained(WebhookRelay relay, IncidentEvents events, long target) {
    Map<String, Long> positions = events.positions();
    for (WebhookEndpoint endpoint : relay.endpoints().list()) {
      if (positions.getOrDefault(endpoint.consumerName(), 0L) < target) {
        return false;
      }
    }
    return true;
  }
}

package dev.incidents.cli;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.spi.Batches;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentStoreProvider;
import dev.incidents.spi.NewIncident;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that fails on cue, for the failure paths of the CLI in a separate process (on the class path next
 * to the jar): {@code failing:N} keeps N creates in memory and fails every create after them.
 */
public final class FailingStoreProvider implements IncidentStoreProvider {

  private static final String PREFIX = "failing:";

  /** For {@link java.util.ServiceLoader}. */
  public FailingStoreProvider() {}

  @Override
  public String name() {
    return "failing";
  }

  @Override
  public String urlForms() {
    return "failing:N";
  }

  @Override
  public boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  @Override
  public IncidentStore open(String url, Map<String, String> options) {
    return new FailingStore(Long.parseLong(url.substring(PREFIX.length())));
  }

  /** Every call but the creates goes to an in-memory store unchanged; a batch is created one by one. */
  private static final class FailingStore extends ForwardingIncidentStore {
    private final AtomicLong creates = new AtomicLong();
    private final long failAfter;

    FailingStore(long failAfter) {
      super(new InMemoryIncidentStore());
      this.failAfter = failAfter;
    }

    @Override
    public CreateResult create(NewIncident incident) {
      if (creates.incrementAndGet() > failAfter) {
        throw ServiceUnavailableException.of("the disk is full (the failing store after " + failAfter
            + " creates)", null);
      }
      return super.create(incident);
    }

    @Override
    public List<CreateResult> createAll(List<NewIncident> incidents) {
      return Batches.inUnits(incidents, 1, unit -> List.of(create(unit.get(0))));
    }
  }
}

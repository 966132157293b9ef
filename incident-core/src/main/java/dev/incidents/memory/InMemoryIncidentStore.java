package dev.incidents.memory;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A thread-safe {@link IncidentStore} in memory, with no dependencies: for unit tests of applications
 * that embed the library, and as the reference the TCK's own tests run against. Nothing survives the
 * object; {@link #close()} drops everything.
 *
 * <pre>{@code
 * IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();
 * }</pre>
 *
 * <p>Creates in one tenant are serialized by that tenant's lock; other tenants and all reads proceed
 * in parallel. Reads never block.
 */
public final class InMemoryIncidentStore implements IncidentStore {

  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** An empty store. */
  public InMemoryIncidentStore() {}

  private static final class Tenant {
    private final String name;
    /** Guarded by {@code this}. */
    private long lastNumber;
    private final ConcurrentNavigableMap<Long, StoredIncident> byNumber = new ConcurrentSkipListMap<>();
    private final Map<String, Keyed> byKey = new ConcurrentHashMap<>();

    Tenant(String name) {
      this.name = name;
    }
  }

  private record Keyed(long number, String fingerprint) {}

  @Override
  public CreateResult create(NewIncident incident) {
    checkOpen();
    Tenant tenant = tenants.computeIfAbsent(incident.tenant(), Tenant::new);
    synchronized (tenant) {
      if (incident.idempotencyKey() != null) {
        Keyed keyed = tenant.byKey.get(incident.idempotencyKey());
        if (keyed != null) {
          return new CreateResult.Replayed(tenant.byNumber.get(keyed.number()), keyed.fingerprint());
        }
      }
      // The number is spent even if rendering fails: numbers are never reused.
      long number = ++tenant.lastNumber;
      StoredIncident stored = new StoredIncident(tenant.name, number, incident.renderer().render(number));
      // Publish the document before the key, so a key is never visible without its incident.
      tenant.byNumber.put(number, stored);
      if (incident.idempotencyKey() != null) {
        tenant.byKey.put(incident.idempotencyKey(), new Keyed(number, incident.fingerprint()));
      }
      return new CreateResult.Created(stored);
    }
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    checkOpen();
    Tenant t = tenants.get(tenant);
    return t == null ? Optional.empty() : Optional.ofNullable(t.byNumber.get(number));
  }

  @Override
  public List<StoredIncident> list(String tenant, long beforeNumber, int limit) {
    checkOpen();
    Tenant t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    List<StoredIncident> page = new ArrayList<>(Math.min(limit, 64));
    for (StoredIncident stored : t.byNumber.headMap(beforeNumber, false).descendingMap().values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(stored);
    }
    return page;
  }

  @Override
  public void close() {
    closed = true;
    tenants.clear();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this InMemoryIncidentStore is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryIncidentStore[" + tenants.size() + " tenants]";
  }
}

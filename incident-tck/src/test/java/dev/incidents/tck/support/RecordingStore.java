package dev.incidents.tck.support;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.StoredIncident;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that records what the kit did with it, so a test can tell that a setting was read: how many
 * stores were opened, how many creates ran, on how many threads, in how many tenants, and the first document
 * created. The records are static because the kit runs in a class the JUnit Platform instantiates; call
 * {@link #reset()} before each run.
 */
public final class RecordingStore extends ForwardingStore {

  public static final AtomicInteger STORES = new AtomicInteger();
  public static final AtomicInteger CREATES = new AtomicInteger();
  public static final Set<String> THREADS = ConcurrentHashMap.newKeySet();
  public static final AtomicInteger MAX_CREATES_PER_STORE = new AtomicInteger();
  private static final Map<String, AtomicInteger> PER_TENANT = new ConcurrentHashMap<>();
  public static volatile String firstDocument;
  private static final Map<String, Set<FacetFilter>> FILTERS = new ConcurrentHashMap<>();

  private final AtomicInteger creates = new AtomicInteger();

  public RecordingStore(IncidentStore delegate) {
    super(delegate);
    STORES.incrementAndGet();
  }

  public static void reset() {
    STORES.set(0);
    CREATES.set(0);
    THREADS.clear();
    MAX_CREATES_PER_STORE.set(0);
    PER_TENANT.clear();
    FILTERS.clear();
    firstDocument = null;
  }

  /** The most creates any one tenant got. */
  public static int maxPerTenant() {
    return PER_TENANT.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
  }

  /** The most filters (other than the empty one) any one tenant was listed with. */
  public static int maxFiltersPerTenant() {
    return FILTERS.values().stream().mapToInt(Set::size).max().orElse(0);
  }

  @Override
  public List<StoredIncident> list(String tenant, ListQuery query) {
    if (!query.filter().isEmpty()) {
      FILTERS.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(query.filter());
    }
    return super.list(tenant, query);
  }

  @Override
  public CreateResult create(NewIncident incident) {
    CREATES.incrementAndGet();
    THREADS.add(Thread.currentThread().getName());
    PER_TENANT.computeIfAbsent(incident.tenant(), t -> new AtomicInteger()).incrementAndGet();
    MAX_CREATES_PER_STORE.accumulateAndGet(creates.incrementAndGet(), Math::max);
    CreateResult result = super.create(incident);
    if (firstDocument == null) {
      firstDocument = new String(stored(result).document(), StandardCharsets.UTF_8);
    }
    return result;
  }
}

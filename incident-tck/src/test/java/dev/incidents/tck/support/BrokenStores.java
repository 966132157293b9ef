package dev.incidents.tck.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import dev.incidents.testing.Renderings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Stores with one deliberate defect each, built on the in-memory store, for the kit's own tests: each must
 * make the kit fail with the rule that names the defect.
 */
public final class BrokenStores {

  private BrokenStores() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Ignores idempotency keys: every create stores a new incident. */
  public static final class IgnoresIdempotency extends ForwardingStore {
    public IgnoresIdempotency() {
      super(new InMemoryIncidentStore());
    }

    @Override
    public CreateResult create(NewIncident incident) {
      return delegate.create(new NewIncident(incident.tenant(), null, null, incident.renderer()));
    }
  }

  /**
   * Has no tenant condition in its queries: all tenants share one set of numbers, incidents and keys, and
   * every tenant sees every incident.
   */
  public static final class NoTenantFilter extends ForwardingStore {
    private static final String EVERYONE = "everyone";

    public NoTenantFilter() {
      super(new InMemoryIncidentStore());
    }

    @Override
    public CreateResult create(NewIncident incident) {
      CreateResult result = delegate.create(new NewIncident(EVERYONE, incident.idempotencyKey(), incident.fingerprint(),
          incident.renderer()));
      if (result instanceof CreateResult.ReplayedDeleted) {
        return result;
      }
      StoredIncident stored = as(incident.tenant(), result instanceof CreateResult.Replayed r0 ? r0.incident()
          : ((CreateResult.Created) result).incident());
      return result instanceof CreateResult.Replayed r ? new CreateResult.Replayed(stored, r.fingerprint())
          : new CreateResult.Created(stored);
    }

    @Override
    public Optional<StoredIncident> get(String tenant, long number) {
      return delegate.get(EVERYONE, number).map(s -> as(tenant, s));
    }

    @Override
    public List<StoredIncident> list(String tenant, ListQuery query) {
      return delegate.list(EVERYONE, query).stream().map(s -> as(tenant, s)).toList();
    }

    private static StoredIncident as(String tenant, StoredIncident stored) {
      return new StoredIncident(tenant, stored.number(), stored.version(), stored.document());
    }
  }

  /** Pages with an off-by-one bound: every page after the first skips the incident just below the cursor. */
  public static final class ListSkipsAnItem extends ForwardingStore {
    public ListSkipsAnItem() {
      super(new InMemoryIncidentStore());
    }

    @Override
    public List<StoredIncident> list(String tenant, ListQuery query) {
      return delegate.list(tenant, ListQuery.newest(query.limit()).after(query.boundary() == Long.MAX_VALUE ? query.boundary() : query.boundary() - 1));
    }
  }

  /** Rewrites every stored document; the create response still comes from the renderer. */
  abstract static class RewritesDocuments extends ForwardingStore {
    RewritesDocuments() {
      super(new InMemoryIncidentStore());
    }

    abstract void rewrite(ObjectNode document);

    @Override
    public CreateResult create(NewIncident incident) {
      DocumentRenderer renderer = incident.renderer();
      return delegate.create(new NewIncident(incident.tenant(), incident.idempotencyKey(), incident.fingerprint(),
          number -> {
            try {
              RenderedIncident rendered = incident.render(number);
              ObjectNode document = (ObjectNode) MAPPER.readTree(rendered.document());
              rewrite(document);
              return new RenderedIncident(MAPPER.writeValueAsBytes(document), rendered.facets(), rendered.event());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }));
    }
  }

  /** Loses one field of the document (a column the store forgot to map), {@code target_close_date}. */
  public static final class LosesAField extends RewritesDocuments {
    public static final String FIELD = "target_close_date";

    @Override
    void rewrite(ObjectNode document) {
      document.remove(FIELD);
    }
  }

  /** Cuts every text longer than 4,000 characters, as a {@code VARCHAR(4000)} column would. */
  public static final class TruncatesLongText extends RewritesDocuments {
    @Override
    void rewrite(ObjectNode document) {
      mapStrings(document, s -> s.length() > 4000 ? s.substring(0, 4000) : s);
    }
  }

  /** Replaces characters outside the BMP (emoji) with '?', as MySQL's 3-byte {@code utf8} does. */
  public static final class LosesSupplementaryCharacters extends RewritesDocuments {
    @Override
    void rewrite(ObjectNode document) {
      mapStrings(document, s -> {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(cp > 0xFFFF ? '?' : cp));
        return sb.toString();
      });
    }
  }

  private static void mapStrings(JsonNode node, UnaryOperator<String> f) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : new ArrayList<>(object.properties())) {
        if (e.getValue().isTextual()) {
          object.set(e.getKey(), TextNode.valueOf(f.apply(e.getValue().asText())));
        } else {
          mapStrings(e.getValue(), f);
        }
      }
    } else if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (element.isTextual()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, TextNode.valueOf(f.apply(element.asText())));
        } else {
          mapStrings(element, f);
        }
      }
    }
  }

  /** Compares keys case-insensitively, as a MariaDB column with the default collation does. */
  public static final class CaseInsensitiveKeys extends ForwardingStore {
    public CaseInsensitiveKeys() {
      super(new InMemoryIncidentStore());
    }

    @Override
    public CreateResult create(NewIncident incident) {
      String key = incident.idempotencyKey() == null ? null : incident.idempotencyKey().toLowerCase(java.util.Locale.ROOT);
      return delegate.create(new NewIncident(incident.tenant(), key, incident.fingerprint(), incident.renderer()));
    }
  }

  /**
   * When the renderer fails, keeps what it wrote before rendering: an empty placeholder document under the
   * number, with the key recorded, as a store without a transaction around the create would.
   */
  public static final class KeepsPartialWrites extends ForwardingStore {
    public KeepsPartialWrites() {
      super(new InMemoryIncidentStore());
    }

    @Override
    public CreateResult create(NewIncident incident) {
      RuntimeException[] failure = new RuntimeException[1];
      CreateResult result = delegate.create(new NewIncident(incident.tenant(), incident.idempotencyKey(),
          incident.fingerprint(), number -> {
            try {
              return incident.render(number);
            } catch (RuntimeException e) {
              failure[0] = e;
              return Renderings.of("{}");
            }
          }));
      if (failure[0] != null) {
        throw failure[0];
      }
      return result;
    }
  }

  /**
   * Looks a key up, then inserts, without anything holding the two together (check-then-act). The first
   * thread to miss a key waits, up to a few seconds, for a second thread to miss it too, so the race the
   * defect allows happens every time instead of now and then. Run only the racing rules against it: a
   * lone create waits for the timeout.
   */
  public static final class RacyIdempotency extends ForwardingStore {
    private record Keyed(long number, String fingerprint) {}

    private final Map<String, Keyed> keys = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> misses = new ConcurrentHashMap<>();

    public RacyIdempotency() {
      super(new InMemoryIncidentStore());
    }

    @Override
    public CreateResult create(NewIncident incident) {
      if (incident.idempotencyKey() == null) {
        return delegate.create(incident);
      }
      String key = incident.tenant() + "\n" + incident.idempotencyKey();
      Keyed keyed = keys.get(key);
      if (keyed != null) {
        return new CreateResult.Replayed(delegate.get(incident.tenant(), keyed.number()).orElseThrow(), keyed.fingerprint());
      }
      CountDownLatch twoMisses = misses.computeIfAbsent(key, k -> new CountDownLatch(2));
      twoMisses.countDown();
      try {
        twoMisses.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      CreateResult created = delegate.create(new NewIncident(incident.tenant(), null, null, incident.renderer()));
      keys.put(key, new Keyed(created.number(), incident.fingerprint()));
      return created;
    }
  }

  /**
   * A durable store that loses its counters on reopen: after reopening, each tenant's numbers start at 1
   * again and a new incident overwrites the old one with its number (an upsert by number). Incidents and
   * keys of before the reopen stay readable.
   */
  public static final class ForgetsCountersOnReopen extends ForwardingIncidentStore {
    /** The storage, newest generation first; each reopen starts a new generation with fresh counters. */
    private final List<InMemoryIncidentStore> generations;
    private volatile boolean closed;

    public ForgetsCountersOnReopen() {
      this(List.of(new InMemoryIncidentStore()));
    }

    private ForgetsCountersOnReopen(List<InMemoryIncidentStore> generations) {
      super(generations.get(0));
      this.generations = generations;
    }

    /** Updates, deletes, events and records go to the newest generation. */
    @Override
    protected IncidentStore delegate() {
      checkOpen();
      return generations.get(0);
    }

    public ForgetsCountersOnReopen reopen() {
      close();
      List<InMemoryIncidentStore> next = new ArrayList<>();
      next.add(new InMemoryIncidentStore());
      next.addAll(generations);
      return new ForgetsCountersOnReopen(List.copyOf(next));
    }

    private static final class Miss extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Miss() {
        super(null, null, false, false);
      }
    }

    @Override
    public CreateResult create(NewIncident incident) {
      checkOpen();
      if (incident.idempotencyKey() != null) {
        // Keys of older generations still count: ask each with a renderer that stops a fresh create.
        for (InMemoryIncidentStore older : generations.subList(1, generations.size())) {
          try {
            CreateResult found = older.create(new NewIncident(incident.tenant(), incident.idempotencyKey(),
                incident.fingerprint(), number -> {
                  throw new Miss();
                }));
            return found;
          } catch (Miss miss) {
            // not recorded in that generation
          }
        }
      }
      return generations.get(0).create(incident);
    }

    @Override
    public Optional<StoredIncident> get(String tenant, long number) {
      checkOpen();
      for (InMemoryIncidentStore generation : generations) {
        Optional<StoredIncident> found = generation.get(tenant, number);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }

    @Override
    public List<StoredIncident> list(String tenant, ListQuery query) {
      checkOpen();
      TreeMap<Long, StoredIncident> merged = new TreeMap<>(query.order() == ListQuery.Order.NEWEST_FIRST
          ? java.util.Comparator.<Long>reverseOrder() : java.util.Comparator.<Long>naturalOrder());
      for (InMemoryIncidentStore generation : generations) {
        for (StoredIncident stored : generation.list(tenant, query)) {
          merged.putIfAbsent(stored.number(), stored);
        }
      }
      return merged.values().stream().limit(query.limit()).toList();
    }

    @Override
    public void close() {
      closed = true;
    }

    private void checkOpen() {
      if (closed) {
        throw new IllegalStateException("closed");
      }
    }
  }
}

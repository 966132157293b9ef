package dev.incidents.store.mapdb;

import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Where incidents without facets may be, in memory: for each tenant that had incidents when its file was
 * upgraded from format version 1, the highest number then ({@value Database#UNINDEXED}), and the lowest
 * number that may still lack facets, which only moves up as {@code unindexed} finds the incidents below it
 * indexed (it starts at 1 with each open: the first call after an open walks what was indexed before).
 * Loaded and reset by the writer thread; {@link Bound#from} is advanced by readers.
 */
final class Unindexed {

  /** One tenant's incidents that may lack facets: those numbered {@link #from} to {@link #to}. */
  static final class Bound {
    final String tenant;
    final long to;
    volatile long from = 1;

    Bound(String tenant, long to) {
      this.tenant = tenant;
      this.to = to;
    }
  }

  private final ConcurrentSkipListMap<String, Bound> bounds = new ConcurrentSkipListMap<>();

  /** The bounds {@code database} holds; writer thread. */
  void resetTo(Database database) {
    bounds.clear();
    database.unindexed.forEach((tenant, to) -> bounds.put(tenant, new Bound(tenant, to)));
  }

  /** The tenants that may hold incidents without facets, by name. */
  Collection<Bound> bounds() {
    return bounds.values();
  }

  /** Forgets a tenant whose incidents are all indexed (the commit that says so is published). */
  void forget(String tenant) {
    bounds.remove(tenant);
  }
}

package dev.incidents.store.mapdb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The number counters of every tenant, in memory: what the writer allocates from, and the committed
 * high-water mark that readers filter by. MapDB shows a reader of the same database the writer's uncommitted
 * puts; since a tenant's numbers only grow, every document numbered above {@link #committed} is uncommitted
 * (or a gap), and hiding those hides exactly the uncommitted ones, without a lock.
 *
 * <p>Every tenant with a committed counter is loaded when the store opens, so an unknown tenant has nothing
 * committed. Thread-safe as described on {@link Tenant}.
 */
final class Tenants {

  private final Map<String, Tenant> byName = new ConcurrentHashMap<>();

  /** The counters committed in {@code database}. */
  Tenants(Database database) {
    database.counters.forEach((name, last) -> byName.put(name, new Tenant(name, last)));
  }

  /** The highest number of {@code tenant} whose create is committed (0 if none); any thread. */
  long committed(String tenant) {
    Tenant t = byName.get(tenant);
    return t == null ? 0 : t.committed;
  }

  /** The tenant's counter, created empty on first use; writer thread only. */
  Tenant forWriter(String tenant) {
    Tenant t = byName.get(tenant);
    if (t == null) {
      t = new Tenant(tenant, 0);
      byName.put(tenant, t);
    }
    return t;
  }

  /**
   * After a failed commit, makes the committed marks those of {@code recovered} again, and keeps every
   * allocated number allocated: a tenant whose counter is ahead of the recovered one is added to
   * {@code dirty}, so the next commit records the skipped numbers. Writer thread only.
   */
  void resetTo(Database recovered, List<Tenant> dirty) {
    dirty.clear();
    for (Tenant t : byName.values()) {
      Long last = recovered.counters.get(t.name);
      t.committed = last == null ? 0 : last;
      t.next = Math.max(t.next, t.committed);
      t.dirty = t.next > t.committed;
      if (t.dirty) {
        dirty.add(t);
      }
    }
  }

  /**
   * One tenant's counters. {@link #next} and {@link #dirty} belong to the writer thread; {@link #committed}
   * is written by the writer after a commit and read by any thread.
   */
  static final class Tenant {
    final String name;
    /** The highest number allocated, also to creates that failed. */
    long next;
    /** Whether {@link #next} is ahead of the counter in the database. */
    boolean dirty;
    /** The highest number allocated when the last commit that touched this tenant completed. */
    volatile long committed;

    Tenant(String name, long last) {
      this.name = name;
      this.next = last;
      this.committed = last;
    }
  }
}

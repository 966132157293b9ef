package dev.incidents.store.mapdb;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import org.mapdb.Fun;

/**
 * The committed state of what the writer is changing, for readers. MapDB shows readers the writer's
 * uncommitted puts and removals; so before the writer first changes an incident or a service record in a
 * group, it keeps the committed state here, and readers that find an entry use it instead of what the maps
 * hold. Entries are added during a group and all dropped together once its commit is published (under
 * the store's publication lock, see {@link GroupWriter#read}), so a reader that reads the maps first and
 * then looks here sees either committed values or the entry that masks them.
 *
 * <p>Range reads consult {@link #incidents(String, long, long)} too: an uncommitted removal (a deletion, a
 * posting of a value an update removed) hides a key from a walk over the tree, and the entry brings back
 * what it hid.
 *
 * <p>Incidents created in the group need no entry: readers hide numbers above each tenant's committed
 * high-water mark ({@link Tenants#committed}). Written by the writer thread, read by any thread.
 */
final class Overlay {

  /** The committed value of a service record, {@code null} if it had none. */
  record RecordState(byte @Nullable [] value) {}

  private final ConcurrentSkipListMap<Fun.Tuple2<String, Long>, IncidentState> incidents =
      new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<Fun.Tuple2<String, String>, RecordState> records = new ConcurrentSkipListMap<>();

  /** Keeps the committed state of an incident the writer is about to change, unless it has it already. */
  void keepIncident(String tenant, long number, IncidentState committed) {
    incidents.putIfAbsent(Fun.t2(tenant, number), committed);
  }

  /** The committed state of an incident being changed, or {@code null} if it is not being changed. */
  @Nullable IncidentState incident(String tenant, long number) {
    return incidents.get(Fun.t2(tenant, number));
  }

  /** The incidents of a tenant numbered {@code from} to {@code to} that are being changed, by number. */
  Collection<Map.Entry<Fun.Tuple2<String, Long>, IncidentState>> incidents(String tenant, long from, long to) {
    if (incidents.isEmpty() || from > to) {
      return List.of();
    }
    return incidents.subMap(Fun.t2(tenant, from), true, Fun.t2(tenant, to), true).entrySet();
  }

  /** Keeps the committed value of a record the writer is about to change, unless it has it already. */
  void keepRecord(String namespace, String key, byte @Nullable [] committed) {
    records.putIfAbsent(Fun.t2(namespace, key), new RecordState(committed));
  }

  /** The committed value of a record being changed, or {@code null} if it is not being changed. */
  @Nullable RecordState record(String namespace, String key) {
    return records.get(Fun.t2(namespace, key));
  }

  /** The records of a namespace with keys above {@code afterKey} that are being changed, in key order. */
  Collection<Map.Entry<Fun.Tuple2<String, String>, RecordState>> records(String namespace, String afterKey) {
    if (records.isEmpty()) {
      return List.of();
    }
    return records.subMap(Fun.t2(namespace, afterKey), false, upper(namespace), true).entrySet();
  }

  /** Drops every entry: the writer's changes are committed and published, or rolled back. */
  void clear() {
    incidents.clear();
    records.clear();
  }

  /** The key above every key of {@code namespace}: MapDB's tuples sort {@link Fun#HI} last. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Fun.Tuple2<String, String> upper(String namespace) {
    return (Fun.Tuple2) Fun.t2(namespace, Fun.HI);
  }
}

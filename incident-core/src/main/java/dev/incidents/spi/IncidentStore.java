package dev.incidents.spi;

import java.util.List;
import java.util.Optional;

/**
 * Where incidents are kept: a document store with a few indexed values. This is what a storage plugin
 * implements; the service does everything else (validation, rendering, JSON), so a store never sees Jackson
 * or Bean Validation and never reads a document. Run {@code incident-tck} against an implementation to check
 * it.
 *
 * <p>docs/CONTRACT.md section 14 is the contract, clause by clause; its clause 14.17 and {@code incident-tck}'s
 * README list the rules that check each clause, named here in brackets. In short:
 * <ul>
 *   <li><b>Numbers</b> (14.1): {@link #create} allocates the next number of the tenant, unique within it,
 *       above every number visible before, never reused once visible (also across reopen, and after
 *       {@link #delete}); numbers are longs, never narrowed [tck201-203, tck602, tck613, tck701, tck802, tck804,
 *       tck904].
 *   <li><b>Atomicity</b> (14.2): allocating the number, recording the idempotency key, persisting the
 *       document, its facets and its event happen as one unit: when a write returns, all of it is visible
 *       and durable as the store promises; when it throws, none of it is visible, unless the exception is a
 *       {@link dev.incidents.error.ServiceUnavailableException} saying that the outcome is unknown [tck504,
 *       tck601, tck602, tck605, tck703, tck921; the unknown outcome: untested_tck612].
 *   <li><b>Idempotency</b> (14.3): within a tenant a create with a recorded key stores nothing and returns
 *       {@link CreateResult.Replayed} (or {@link CreateResult.ReplayedDeleted}), also when creates with one key
 *       race, and across reopen; keys compare exactly, never by hash or prefix [tck301-306, tck402, tck603,
 *       tck604, tck608, tck611, tck701, tck703, tck803, tck902].
 *   <li><b>Tenants</b> (14.4): nothing crosses tenants; names compare exactly and never join
 *       with a key [tck203, tck401-403, tck505, tck606, tck701, tck902].
 *   <li><b>Reading</b> (14.5) and <b>listing</b> (14.6): documents come back as stored (JSON normalisation
 *       allowed); {@link #list} returns what the query's filter accepts, in number order, beyond its
 *       boundary, visiting every incident that matched throughout exactly once while others write
 *       [tck101-105, tck501-507, tck603, tck606, tck611, tck904].
 *   <li><b>Batches</b> (14.7) [tck604, tck605, tck607-610], <b>renderer discipline</b> (14.8) [tck602,
 *       tck603, tck605, tck608-610, tck614], <b>faults</b> (14.9) [untested_tck612: each store's own tests],
 *       <b>lifecycle</b> (14.10) [tck607 and the concurrent rules], <b>durability</b> (14.11) [tck003, tck702,
 *       tck801-805].
 *   <li><b>Versions and updates</b> (14.12): each incident has a version, 1 at create and one more per
 *       stored change; {@link #update} replaces the document only from the current version (compare and set)
 *       [tck901-903, tck804, tck701-703; through the service: tck951-954].
 *   <li><b>Deletes</b> (14.13): {@link #delete} hides the incident from every read, keeps its number used and
 *       its idempotency key recorded [tck902, tck904, tck905, tck804, tck701, tck702; through the
 *       service: tck954, tck955].
 *   <li><b>Facets</b> (14.14): the store indexes {@link IncidentFacets} so that a filtered page does not cost
 *       a scan of the tenant [tck505-508, tck611].
 *   <li><b>Events</b> (14.15): a write's event is stored in the same unit as the write, and {@link #events}
 *       hands events out in one order of sequences in which no event ever appears behind one already handed
 *       out [tck921-923, tck805].
 *   <li><b>Records</b> (14.16): small keyed records, kept like everything else [tck931, tck403, tck611, tck805].
 * </ul>
 *
 * <p>Implementations must be thread-safe. {@link #close} releases files, locks and connections; calls after
 * it fail with {@link IllegalStateException}.
 */
public interface IncidentStore extends AutoCloseable {

  /**
   * Creates one incident, or finds what its idempotency key created before.
   *
   * @param incident the tenant, the optional idempotency key and fingerprint, and the renderer to call (through
   *     {@link NewIncident#render(long)}) with the allocated number, at most once per attempt, inside the unit
   *     of work
   * @return {@link CreateResult.Created} with the stored incident (version 1), or the replay of the key
   */
  CreateResult create(NewIncident incident);

  /**
   * Creates several incidents, in order, as if by {@link #create} each; a store may commit them together (a
   * unit at a time) to go faster. If it fails, it throws {@link BatchFailedException}: the incidents of the
   * failed unit and those after it are not visible, those of earlier, committed units are, and
   * {@link BatchFailedException#committed()} returns their results. {@link Batches#inUnits} implements this
   * for a store that supplies how one unit is written.
   *
   * <p>The default calls {@link #create} for each.
   *
   * @return one result per incident, in order
   */
  default List<CreateResult> createAll(List<NewIncident> incidents) {
    return Batches.inUnits(incidents, 1, unit -> List.of(create(unit.get(0))));
  }

  /**
   * Replaces an incident's document, facets and event if its version is still {@code expectedVersion}
   * (docs/CONTRACT.md clause 14.12), atomically.
   *
   * @return {@link UpdateResult.Updated} with the new version, {@link UpdateResult.Stale} with the incident as it
   *     is if its version moved on, or {@link UpdateResult.Missing} if there is no such incident (or it was
   *     deleted)
   */
  UpdateResult update(IncidentUpdate update);

  /**
   * Deletes an incident if its version is still {@code expectedVersion} (docs/CONTRACT.md clause 14.13),
   * atomically with its event: afterwards {@link #get} and {@link #list} no longer see it, its number stays
   * used and its idempotency key stays recorded ({@link CreateResult.ReplayedDeleted}).
   *
   * @return {@link DeleteResult.Deleted}, {@link DeleteResult.Stale} with the incident as it is, or
   *     {@link DeleteResult.Missing}
   */
  DeleteResult delete(IncidentDeletion deletion);

  /** The incident with this number in this tenant, unless there is none or it was deleted. */
  Optional<StoredIncident> get(String tenant, long number);

  /**
   * One page of a tenant's incidents: those the query's filter accepts, beyond its boundary, in its order, at
   * most its limit, and fewer only when no more exist (docs/CONTRACT.md clauses 14.6 and 14.14).
   */
  List<StoredIncident> list(String tenant, ListQuery query);

  /**
   * Incidents whose facets the store does not have: those an earlier version of the store kept before it
   * indexed facets (docs/CONTRACT.md clause 14.14). The service indexes them through {@link #index} when it
   * starts, so that filtered lists see them. A store that has always kept facets returns an empty list.
   *
   * @param limit the most to return, 1 to {@value StoreLimits#MAX_LIST_LIMIT}
   */
  List<StoredIncident> unindexed(int limit);

  /**
   * Records the facets of an incident {@link #unindexed} returned, if its version is still {@code version}
   * (an incident changed meanwhile was indexed by that change); afterwards {@link #unindexed} no longer
   * returns it.
   */
  void index(String tenant, long number, long version, IncidentFacets facets);

  /**
   * Stored events with sequences above {@code afterSequence}, lowest first, at most {@code limit}
   * (docs/CONTRACT.md clause 14.15). Once an event has been returned, no event with a lower sequence is ever
   * returned for the first time: a consumer that remembers the last sequence it saw misses nothing.
   *
   * @param afterSequence the sequence of the last event already seen, {@code 0} for the beginning
   * @param limit the most events to return, 1 to {@value StoreLimits#MAX_EVENTS_LIMIT}
   */
  List<StoredEvent> events(long afterSequence, int limit);

  /** The sequence of the last event {@link #events} can return now, {@code 0} when there is none. */
  long lastEventSequence();

  /**
   * Removes the events with sequences up to {@code throughSequence}, which every consumer has seen
   * (docs/CONTRACT.md clause 14.15); later {@link #events} calls do not return them.
   *
   * @return how many events were removed
   */
  long pruneEvents(long throughSequence);

  /**
   * The value of a service record (docs/CONTRACT.md clause 14.16).
   *
   * @param namespace {@code [a-z0-9_.-]{1,64}}, such as {@code consumer-positions}
   * @param key 1 to {@value StoreLimits#MAX_RECORD_KEY_LENGTH} printable ASCII characters
   */
  Optional<byte[]> record(String namespace, String key);

  /**
   * Stores a service record, replacing any value the key had (durably, when the store is durable).
   *
   * @param value at most {@value StoreLimits#MAX_RECORD_VALUE_BYTES} bytes; not copied
   */
  void putRecord(String namespace, String key, byte[] value);

  /**
   * Removes a service record.
   *
   * @return whether the key had a value
   */
  boolean removeRecord(String namespace, String key);

  /**
   * Records of a namespace with keys above {@code afterKey} (in {@link String#compareTo} order, which for
   * printable ASCII is byte order), lowest first, at most {@code limit}.
   *
   * @param afterKey the last key already seen, {@code ""} for the first
   * @param limit the most records to return, 1 to 1,000
   */
  List<StoredRecord> records(String namespace, String afterKey, int limit);

  /** Releases the store's resources. Idempotent. */
  @Override
  void close();
}

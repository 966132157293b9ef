package dev.incidents.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where incidents are kept: a document store with a few indexed keys. This is what a storage plugin
 * implements; the service does everything else (validation, rendering, JSON), so a store never sees
 * Jackson or Bean Validation. Run {@code incident-tck} against an implementation to check it.
 *
 * <p>The contract, which the TCK checks rule by rule:
 * <ul>
 *   <li><b>Numbers.</b> {@link #create} allocates the next number of the tenant: unique within the tenant,
 *       greater than every number allocated before in that tenant (gaps are allowed, for example after a
 *       failed create; reuse never, also across close and reopen), independent of other tenants.
 *   <li><b>Atomicity.</b> Allocating the number, recording the idempotency key and persisting the document
 *       happen as one unit: when {@code create} returns, all of it is durable (as durable as the store
 *       promises) and visible; when it throws, none of it is visible, ever. A {@link DocumentRenderer}
 *       that throws must leave nothing behind.
 *   <li><b>Idempotency.</b> Within a tenant, a create with a key that was already recorded stores nothing
 *       and returns {@link CreateResult.Replayed} with the first incident and the fingerprint recorded with
 *       it; this holds when creates with one key race each other, and across reopen.
 *   <li><b>Tenants.</b> {@link #get}, {@link #list} and idempotency keys never cross tenants.
 *   <li><b>Reading.</b> {@link #get} and {@link #list} return the document that was stored. A store may
 *       normalize it as JSON (key order, white space, number notation), as PostgreSQL {@code jsonb} does,
 *       but must not change what it says: a number written with a fraction ({@code 3.0}) stays one. The
 *       service writes doubles in plain notation ({@code 15000000.0}, never {@code 1.5E7}) so that
 *       {@code jsonb} keeps them doubles.
 *   <li><b>Faults.</b> A store that cannot do its part throws
 *       {@link dev.incidents.error.ServiceUnavailableException} with a message saying what failed.
 * </ul>
 *
 * <p>Implementations must be thread-safe. {@link #close} releases files, locks and connections; calls
 * after it fail with {@link IllegalStateException}.
 */
public interface IncidentStore extends AutoCloseable {

  /**
   * Creates one incident, or finds the one its idempotency key created before.
   *
   * @param incident the tenant, the optional idempotency key and fingerprint, and the renderer to call
   *     with the allocated number (at most once per attempt, inside the unit of work)
   * @return {@link CreateResult.Created} with the stored document, or {@link CreateResult.Replayed} with
   *     the document stored under the same key before
   */
  CreateResult create(NewIncident incident);

  /**
   * Creates several incidents, in order, as if by {@link #create} each; a store may commit them together
   * (a batch at a time) to go faster. If it fails, it throws {@link BatchFailedException}: the incidents of
   * the failed batch and those after it are not visible, those of earlier, committed batches are, and
   * {@link BatchFailedException#committed()} returns their results.
   *
   * <p>The default calls {@link #create} for each.
   *
   * @return one result per incident, in order
   */
  default List<CreateResult> createAll(List<NewIncident> incidents) {
    List<CreateResult> results = new ArrayList<>(incidents.size());
    for (NewIncident incident : incidents) {
      try {
        results.add(create(incident));
      } catch (RuntimeException e) {
        throw new BatchFailedException(results, e);
      }
    }
    return results;
  }

  /** The incident with this number in this tenant. */
  Optional<StoredIncident> get(String tenant, long number);

  /**
   * Incidents of a tenant with numbers below {@code beforeNumber}, highest number first.
   *
   * @param tenant the tenant
   * @param beforeNumber only numbers strictly below this ({@link Long#MAX_VALUE} for the first page)
   * @param limit the most to return, at least 1
   */
  List<StoredIncident> list(String tenant, long beforeNumber, int limit);

  /** Releases the store's resources. Idempotent. */
  @Override
  void close();
}

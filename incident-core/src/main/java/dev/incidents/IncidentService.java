package dev.incidents;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.ConflictException;
import dev.incidents.error.ForbiddenException;
import dev.incidents.error.NotFoundException;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.error.Violation;
import dev.incidents.events.IncidentEvents;
import dev.incidents.model.CreateCall;
import dev.incidents.model.CreateOutcome;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.VersionedIncident;
import dev.incidents.schema.SchemaRegistry;
import java.util.List;

/**
 * Creates and reads incidents as {@code incidents.create} does (docs/CONTRACT.md). Assemble one with
 * {@link Incidents#builder()}.
 *
 * <p>Thread-safe. Every call carries a {@link RequestContext}; nothing crosses tenants. Failures are
 * {@link dev.incidents.error.IncidentException}s: a rejected call lists every violation found and stores
 * nothing; a store or resolver failure is a {@link ServiceUnavailableException} and leaves nothing
 * half-written. No method returns {@code null}.
 */
public interface IncidentService {

  /**
   * Creates an incident.
   *
   * @throws BadRequestException if the request or context breaks any rule (every violation is listed)
   * @throws ForbiddenException if the actor may not set a field it sets, such as {@code source}
   * @throws ServiceUnavailableException if the store or the reference resolver failed
   */
  Incident create(RequestContext context, IncidentCreateRequest request);

  /**
   * Creates an incident, or returns the one created before with the same idempotency key in this tenant.
   * Safe to retry after any failure, also concurrently and across restarts.
   *
   * @param key the idempotency key
   * @throws ConflictException if the key was used with a different request
   * @throws BadRequestException if the request or context breaks any rule (also on a retry)
   * @throws ForbiddenException if the actor may not set a field it sets
   * @throws ServiceUnavailableException if the store or the reference resolver failed
   */
  Incident create(RequestContext context, IncidentCreateRequest request, IdempotencyKey key);

  /**
   * Creates several incidents, each as {@link #create(RequestContext, IncidentCreateRequest, IdempotencyKey)}
   * would, letting the store commit them together: the way to import many incidents fast. A rejected call
   * does not stop the others. If the store fails, the calls it had not committed get a
   * {@link ServiceUnavailableException} outcome and the ones before them keep theirs; no later call is
   * attempted.
   *
   * @param calls the requests with their optional idempotency keys, in order
   * @return one outcome per call, in order
   */
  List<CreateOutcome> createAll(RequestContext context, List<CreateCall> calls);

  /**
   * The incident with this id in the caller's tenant.
   *
   * @param id the DON ({@code don:core:<partition>:devo/<tenant>:incident/<n>}) or display id ({@code INC-n})
   * @throws NotFoundException if the tenant has no such incident (also for a DON of another tenant)
   * @throws BadRequestException if the id is malformed
   */
  Incident get(RequestContext context, String id);

  /**
   * The incident with this id in the caller's tenant, with its version: what an update or delete may name as
   * its precondition.
   *
   * @throws NotFoundException if the tenant has no such incident
   * @throws BadRequestException if the id is malformed
   */
  VersionedIncident getVersioned(RequestContext context, String id);

  /**
   * Updates an incident (docs/CONTRACT.md section 10): the fields the request sets or clears change, the others
   * stay. The update is applied to the latest version, atomically, so concurrent updates never lose each
   * other's changes. An update that changes nothing stores nothing and returns the incident as it is, so
   * retrying an update is always safe.
   *
   * @return the incident after the update, with its version
   * @throws NotFoundException if the tenant has no such incident (or it was deleted)
   * @throws BadRequestException if the id is malformed, or a field or the incident after the update breaks a
   *     rule (every violation is listed), or the stage diagram does not allow the move
   * @throws ForbiddenException if the actor may not change a field it changes, such as {@code source}
   * @throws ServiceUnavailableException if the store or the reference resolver failed
   */
  VersionedIncident update(RequestContext context, IncidentUpdateRequest request);

  /**
   * Updates an incident, only if its version is still {@code expectedVersion} (an HTTP {@code If-Match}).
   *
   * @throws ConflictException if the incident has another version; nothing changed
   * @see #update(RequestContext, IncidentUpdateRequest)
   */
  VersionedIncident update(RequestContext context, IncidentUpdateRequest request, long expectedVersion);

  /**
   * Deletes an incident (docs/CONTRACT.md section 10): {@code get} is then {@code not_found}, {@code list}
   * skips it, its number is never used again, and a create retried with the idempotency key that created it
   * is {@code not_found}.
   *
   * @throws NotFoundException if the tenant has no such incident (also when it was deleted already)
   * @throws BadRequestException if the id is malformed
   * @throws ServiceUnavailableException if the store failed
   */
  void delete(RequestContext context, String id);

  /**
   * Deletes an incident, only if its version is still {@code expectedVersion}.
   *
   * @throws ConflictException if the incident has another version; nothing changed
   * @see #delete(RequestContext, String)
   */
  void delete(RequestContext context, String id, long expectedVersion);

  /**
   * One page of the tenant's incidents that the request's filter matches, in its order (docs/CONTRACT.md
   * sections 8 and 11). Following {@link IncidentPage#nextCursor()} visits every incident that matched from the
   * first page to the last exactly once, also while incidents are created, updated and deleted concurrently
   * (those created, deleted or moved into or out of the filter meanwhile may or may not appear, never twice).
   *
   * @throws BadRequestException if the limit is outside 1 to {@value ListRequest#MAX_LIMIT}, the cursor is not
   *     one this service returned for this order, or a filter value can match nothing valid
   */
  IncidentPage list(RequestContext context, ListRequest request);

  /** The first page of the tenant's incidents, 50 at most. */
  default IncidentPage list(RequestContext context) {
    return list(context, ListRequest.first());
  }

  /**
   * Every violation {@code create} would report for this request, without creating anything: the rules of
   * docs/CONTRACT.md sections 1 to 5 except the reference resolver's existence check, which {@code create} runs last.
   *
   * @return the violations in reporting order; empty when the request is acceptable
   */
  List<Violation> validate(RequestContext context, IncidentCreateRequest request);

  /**
   * Every violation {@code update} would report for this request against the incident as it is now, without
   * changing anything (the reference resolver's existence check excepted, as for creates).
   *
   * @return the violations in reporting order; empty when the update is acceptable
   * @throws NotFoundException if the tenant has no such incident
   */
  List<Violation> validate(RequestContext context, IncidentUpdateRequest request);

  /**
   * The custom schema fragments of each tenant (docs/CONTRACT.md section 5). Register a tenant's fragments before
   * creating incidents that use them; see docs/CUSTOMIZATION.md.
   */
  SchemaRegistry schemas();

  /**
   * The events of this service's store (docs/CONTRACT.md section 13): durable consumers that receive every
   * stored change in {@code sequence} order. The service records events only when built with
   * {@link Incidents.Builder#recordEvents(boolean) recordEvents(true)}.
   */
  IncidentEvents events();

  /** This service over JSON, for a host application that serves HTTP. */
  default JsonEndpoint json() {
    return JsonEndpoint.of(this);
  }
}

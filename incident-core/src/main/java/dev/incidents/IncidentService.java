package dev.incidents;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.ConflictException;
import dev.incidents.error.ForbiddenException;
import dev.incidents.error.NotFoundException;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.error.Violation;
import dev.incidents.model.CreateCall;
import dev.incidents.model.CreateOutcome;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.PageRequest;
import dev.incidents.model.RequestContext;
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
   * One page of the tenant's incidents, newest first. Following {@link IncidentPage#nextCursor()} visits
   * every incident that existed when the first page was read exactly once, also while creates run
   * concurrently (incidents created meanwhile may or may not appear, never twice).
   *
   * @throws BadRequestException if the limit is outside 1 to {@value PageRequest#MAX_LIMIT} or the cursor is
   *     not one this service returned
   */
  IncidentPage list(RequestContext context, PageRequest page);

  /** The first page of the tenant's incidents, 50 at most. */
  default IncidentPage list(RequestContext context) {
    return list(context, PageRequest.first());
  }

  /**
   * Every violation {@code create} would report for this request, without creating anything: the rules of
   * docs/CONTRACT.md sections 1 to 5 except the reference resolver's existence check, which {@code create} runs last.
   *
   * @return the violations in reporting order; empty when the request is acceptable
   */
  List<Violation> validate(RequestContext context, IncidentCreateRequest request);

  /**
   * The custom schema fragments of each tenant (docs/CONTRACT.md section 5). Register a tenant's fragments before
   * creating incidents that use them; see docs/CUSTOMIZATION.md.
   */
  SchemaRegistry schemas();

  /** This service over JSON, for a host application that serves HTTP. */
  default JsonEndpoint json() {
    return JsonEndpoint.of(this);
  }
}

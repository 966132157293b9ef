package dev.incidents.model;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Tenants;

/**
 * Who is asking: the tenant (a dev org) and the actor (a user id). Every call of {@link dev.incidents.IncidentService}
 * carries one. Incidents of one tenant are invisible to every other tenant.
 *
 * @param tenant the dev org, {@code [A-Za-z0-9_-]{1,64}}
 * @param actor the user making the call: {@code DEVU-n}, {@code REVU-n}, {@code SVCACC-n}, {@code SYSU-n} or
 *     the DON of one of them in this tenant. The service checks it on every call; it becomes
 *     {@code created_by} and {@code modified_by}, and only {@code sys_user} and {@code service_account}
 *     actors may set {@code source}.
 */
public record RequestContext(String tenant, String actor) {

  /**
   * Checks the tenant's syntax and that an actor is given.
   *
   * @throws BadRequestException if the tenant is malformed or the actor is missing
   */
  public RequestContext {
    Tenants.check(tenant);
    if (actor == null || actor.isEmpty()) {
      throw BadRequestException.of(Violation.missingRequiredField("actor"));
    }
  }

  /** The context of {@code actor} in {@code tenant}. */
  public static RequestContext of(String tenant, String actor) {
    return new RequestContext(tenant, actor);
  }
}

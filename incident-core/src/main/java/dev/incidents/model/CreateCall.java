package dev.incidents.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One create of {@link dev.incidents.IncidentService#createAll}.
 *
 * @param request the request
 * @param idempotencyKey the idempotency key, or {@code null}
 */
public record CreateCall(IncidentCreateRequest request, @Nullable IdempotencyKey idempotencyKey) {

  /** Checks the request is given. */
  public CreateCall {
    Objects.requireNonNull(request, "request");
  }

  /** A create without an idempotency key. */
  public static CreateCall of(IncidentCreateRequest request) {
    return new CreateCall(request, null);
  }
}

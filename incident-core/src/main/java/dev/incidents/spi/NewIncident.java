package dev.incidents.spi;

import java.util.Objects;

/**
 * What {@link IncidentStore#create} is asked to store.
 *
 * @param tenant the tenant
 * @param idempotencyKey the idempotency key, or {@code null}
 * @param fingerprint a digest of the request (64 hex characters) to record with the key; {@code null}
 *     exactly when the key is
 * @param renderer renders the document once the number is known
 */
public record NewIncident(String tenant, String idempotencyKey, String fingerprint, DocumentRenderer renderer) {

  /** Checks that the parts fit together. */
  public NewIncident {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(renderer, "renderer");
    if ((idempotencyKey == null) != (fingerprint == null)) {
      throw new IllegalArgumentException("idempotencyKey and fingerprint go together");
    }
  }
}

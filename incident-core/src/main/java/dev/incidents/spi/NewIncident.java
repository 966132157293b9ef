package dev.incidents.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link IncidentStore#create} is asked to store. The constructor checks every limit a store may rely
 * on (docs/CONTRACT.md section 14, "what a store is given"), so a store needs no checks of its own.
 *
 * @param tenant the tenant, {@code [A-Za-z0-9_-]{1,64}}
 * @param idempotencyKey the idempotency key (1 to {@value StoreLimits#MAX_KEY_LENGTH} printable ASCII
 *     characters), or {@code null}
 * @param fingerprint a digest of the request to record with the key (1 to
 *     {@value StoreLimits#MAX_FINGERPRINT_LENGTH} printable ASCII characters; the service gives 64 hex
 *     digits); {@code null} exactly when the key is
 * @param renderer renders the incident once its number is known; call it through {@link #render(long)}
 */
public record NewIncident(String tenant, @Nullable String idempotencyKey, @Nullable String fingerprint,
    DocumentRenderer renderer) {

  /**
   * Checks that the parts are within the limits and fit together.
   *
   * @throws IllegalArgumentException if a part breaks a limit, or only one of key and fingerprint is given
   */
  public NewIncident {
    StoreLimits.checkTenant(tenant);
    Objects.requireNonNull(renderer, "renderer");
    if ((idempotencyKey == null) != (fingerprint == null)) {
      throw new IllegalArgumentException("idempotencyKey and fingerprint go together");
    }
    if (idempotencyKey != null) {
      StoreLimits.checkAscii("idempotency key", idempotencyKey, StoreLimits.MAX_KEY_LENGTH);
      StoreLimits.checkAscii("fingerprint", Objects.requireNonNull(fingerprint), StoreLimits.MAX_FINGERPRINT_LENGTH);
    }
  }

  /** A create without an idempotency key. */
  public NewIncident(String tenant, DocumentRenderer renderer) {
    this(tenant, null, null, renderer);
  }

  /**
   * Renders the incident for {@code number}: what a store calls once it has allocated the number, inside the
   * unit of work (docs/CONTRACT.md clause 14.8). Whatever the renderer throws passes through unchanged.
   *
   * @throws IllegalStateException if the renderer returned {@code null}, which fails the create like a throw
   */
  public RenderedIncident render(long number) {
    RenderedIncident rendered = renderer.render(number);
    if (rendered == null) {
      throw new IllegalStateException("the renderer of incident " + number + " of tenant '" + tenant
          + "' returned null instead of a rendered incident");
    }
    return rendered;
  }
}

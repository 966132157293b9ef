package dev.incidents.model;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.Violation;

/**
 * A key that makes {@link dev.incidents.IncidentService#create(RequestContext, dev.incidents.model.IncidentCreateRequest,
 * IdempotencyKey) create} safe to retry, like an HTTP {@code Idempotency-Key} header: within a tenant, a
 * key used before with an equal request returns the incident created the first time; with a different
 * request it is a {@link dev.incidents.error.ConflictException}. Keys never expire.
 *
 * @param value 1 to 255 printable ASCII characters (U+0020 to U+007E)
 */
public record IdempotencyKey(String value) {

  /** The longest key. */
  public static final int MAX_LENGTH = 255;

  /**
   * Checks the key's syntax.
   *
   * @throws BadRequestException if the key is empty, too long or holds other than printable ASCII
   */
  public IdempotencyKey {
    if (value == null || value.isEmpty()) {
      throw BadRequestException.of(Violation.valueNotPermitted("idempotency_key", "must not be empty"));
    }
    if (value.length() > MAX_LENGTH) {
      throw BadRequestException.of(Violation.valueNotPermitted("idempotency_key",
          "must be at most " + MAX_LENGTH + " characters, got " + value.length()));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw BadRequestException.of(Violation.valueNotPermitted("idempotency_key",
            "must hold only printable ASCII characters (U+0020 to U+007E); character " + i + " is U+"
                + String.format("%04X", (int) c)));
      }
    }
  }

  /** The key with this value. */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

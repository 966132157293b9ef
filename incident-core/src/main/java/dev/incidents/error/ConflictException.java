package dev.incidents.error;

import java.util.List;

/**
 * The idempotency key was already used in this tenant with a different request. HTTP 409.
 */
public final class ConflictException extends IncidentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception for the given violations.
   *
   * @throws IllegalArgumentException if the list is empty or its first violation is of another family
   */
  public ConflictException(List<Violation> violations) {
    this(violations, null);
  }

  /** As {@link #ConflictException(List)}, with a cause. */
  public ConflictException(List<Violation> violations, Throwable cause) {
    super(requireFamily(violations, ErrorType.Family.CONFLICT), cause);
  }

  /** The key was used before with a different request. */
  public static ConflictException idempotencyKeyReused(String key, String existingId) {
    return new ConflictException(single(ErrorType.CONFLICT, "idempotency_key",
        "idempotency key '" + key + "' was already used with a different request (it created " + existingId + ")"));
  }
}

package dev.incidents.error;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The call conflicts with the incident's state: its idempotency key was already used in this tenant with a
 * different request (HTTP 409), or the incident has moved on from the version the call required (HTTP 412, the
 * status of a failed {@code If-Match}; the error type is {@code conflict} either way).
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
  public ConflictException(List<Violation> violations, @Nullable Throwable cause) {
    this(violations, cause, false);
  }

  private final boolean preconditionFailed;

  private ConflictException(List<Violation> violations, @Nullable Throwable cause, boolean preconditionFailed) {
    super(requireFamily(violations, ErrorType.Family.CONFLICT), cause);
    this.preconditionFailed = preconditionFailed;
  }

  /**
   * The call required version {@code expected} of incident {@code displayId}, which is at {@code actual} now.
   */
  public static ConflictException versionMismatch(String displayId, long expected, long actual) {
    return new ConflictException(single(ErrorType.CONFLICT, "version", "incident " + displayId + " is at version "
        + actual + ", not " + expected + " as the call required; read it again and retry"), null, true);
  }

  /** Whether the conflict is a failed precondition (a version) rather than a reused idempotency key. */
  public boolean isPreconditionFailed() {
    return preconditionFailed;
  }

  /** 412 for a failed precondition, else 409. */
  @Override
  public int httpStatus() {
    return preconditionFailed ? 412 : super.httpStatus();
  }

  /** The key was used before with a different request. */
  public static ConflictException idempotencyKeyReused(String key, String existingId) {
    return new ConflictException(single(ErrorType.CONFLICT, "idempotency_key",
        "idempotency key '" + key + "' was already used with a different request (it created " + existingId + ")"));
  }
}

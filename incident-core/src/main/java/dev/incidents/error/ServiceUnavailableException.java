package dev.incidents.error;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The store or the reference resolver could not do its part. Nothing half-written is visible; the call
 * may be retried (with the same idempotency key, it is safe to). HTTP 503.
 */
public final class ServiceUnavailableException extends IncidentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception for the given violations.
   *
   * @throws IllegalArgumentException if the list is empty or its first violation is of another family
   */
  public ServiceUnavailableException(List<Violation> violations) {
    this(violations, null);
  }

  /** As {@link #ServiceUnavailableException(List)}, with a cause. */
  public ServiceUnavailableException(List<Violation> violations, @Nullable Throwable cause) {
    super(requireFamily(violations, ErrorType.Family.SERVICE_UNAVAILABLE), cause);
  }

  /** A single {@code service_unavailable} violation with a message saying what failed, and its cause. */
  public static ServiceUnavailableException of(String message, @Nullable Throwable cause) {
    return new ServiceUnavailableException(single(ErrorType.SERVICE_UNAVAILABLE, null, message), cause);
  }
}

package dev.incidents.error;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A defect: something that should never happen did, such as a stored document that cannot be read.
 * HTTP 500.
 */
public final class InternalErrorException extends IncidentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception for the given violations.
   *
   * @throws IllegalArgumentException if the list is empty or its first violation is of another family
   */
  public InternalErrorException(List<Violation> violations) {
    this(violations, null);
  }

  /** As {@link #InternalErrorException(List)}, with a cause. */
  public InternalErrorException(List<Violation> violations, @Nullable Throwable cause) {
    super(requireFamily(violations, ErrorType.Family.INTERNAL_ERROR), cause);
  }

  /** A single {@code internal_error} violation with a message saying what failed, and its cause. */
  public static InternalErrorException of(String message, @Nullable Throwable cause) {
    return new InternalErrorException(single(ErrorType.INTERNAL_ERROR, null, message), cause);
  }
}

package dev.incidents.error;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The actor may not do what the request asks, such as setting {@code source} as a dev user. HTTP 403.
 */
public final class ForbiddenException extends IncidentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception for the given violations.
   *
   * @throws IllegalArgumentException if the list is empty or its first violation is of another family
   */
  public ForbiddenException(List<Violation> violations) {
    this(violations, null);
  }

  /** As {@link #ForbiddenException(List)}, with a cause. */
  public ForbiddenException(List<Violation> violations, @Nullable Throwable cause) {
    super(requireFamily(violations, ErrorType.Family.FORBIDDEN), cause);
  }

}

package dev.incidents.error;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request or call is not acceptable: malformed JSON, wrong types, unknown fields, broken rules.
 * Every violation found is listed; nothing was stored. HTTP 400.
 */
public final class BadRequestException extends IncidentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception for the given violations.
   *
   * @throws IllegalArgumentException if the list is empty or its first violation is of another family
   */
  public BadRequestException(List<Violation> violations) {
    this(violations, null);
  }

  /** As {@link #BadRequestException(List)}, with a cause. */
  public BadRequestException(List<Violation> violations, @Nullable Throwable cause) {
    super(requireFamily(violations, ErrorType.Family.BAD_REQUEST), cause);
  }

  /** A single {@code bad_request} violation, for problems with the call rather than the body. */
  public static BadRequestException of(String fieldName, String message) {
    return new BadRequestException(single(ErrorType.BAD_REQUEST, fieldName, message));
  }

  /** A single violation. */
  public static BadRequestException of(Violation violation) {
    return new BadRequestException(List.of(violation));
  }
}

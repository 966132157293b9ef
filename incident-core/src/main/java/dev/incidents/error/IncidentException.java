package dev.incidents.error;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The root of every failure the library reports: a call rejected for one or more {@link Violation}s,
 * or a store or resolver that could not do its part.
 *
 * <p>Each subclass stands for one family of {@link ErrorType}s, so a caller can catch what it can
 * handle ({@link ConflictException} on a retry, {@link ServiceUnavailableException} to back off).
 * {@link #violations()} lists every problem found, never just the first; {@link #type()} and
 * {@link #getMessage()} describe the first one, as the error body's top-level fields do.
 *
 * <p>Use {@link #of(List)} to get the subclass that matches a list of violations.
 */
public abstract sealed class IncidentException extends RuntimeException
    permits BadRequestException, ForbiddenException, NotFoundException, ConflictException,
        ServiceUnavailableException, InternalErrorException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  IncidentException(List<Violation> violations, @Nullable Throwable cause) {
    super(describe(violations), cause);
    this.violations = List.copyOf(violations);
  }

  /** Every problem found, in order; never empty. */
  public List<Violation> violations() {
    return violations;
  }

  /** The kind of the first problem: the error body's top-level {@code type}. */
  public ErrorType type() {
    return violations.get(0).type();
  }

  /** The HTTP status a host application should answer with. */
  public int httpStatus() {
    return type().httpStatus();
  }

  /**
   * The exception for the given violations; its class follows the family of the first violation.
   *
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public static IncidentException of(List<Violation> violations) {
    return of(violations, null);
  }

  /** As {@link #of(List)}, with a cause. */
  public static IncidentException of(List<Violation> violations, @Nullable Throwable cause) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an IncidentException needs at least one violation");
    }
    return switch (violations.get(0).type().family()) {
      case BAD_REQUEST -> new BadRequestException(violations, cause);
      case FORBIDDEN -> new ForbiddenException(violations, cause);
      case NOT_FOUND -> new NotFoundException(violations, cause);
      case CONFLICT -> new ConflictException(violations, cause);
      case SERVICE_UNAVAILABLE -> new ServiceUnavailableException(violations, cause);
      case INTERNAL_ERROR -> new InternalErrorException(violations, cause);
    };
  }

  static List<Violation> single(ErrorType type, @Nullable String fieldName, String message) {
    return List.of(Violation.of(type, fieldName, message));
  }

  static List<Violation> requireFamily(List<Violation> violations, ErrorType.Family family) {
    Objects.requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an IncidentException needs at least one violation");
    }
    ErrorType.Family actual = violations.get(0).type().family();
    if (actual != family) {
      throw new IllegalArgumentException("first violation is " + violations.get(0).type()
          + ", which does not belong to family " + family);
    }
    return violations;
  }

  private static String describe(List<Violation> violations) {
    if (violations == null || violations.isEmpty()) {
      return "no violations";
    }
    if (violations.size() == 1) {
      return violations.get(0).type() + ": " + violations.get(0).message();
    }
    return violations.size() + " violations: " + violations.stream()
        .map(v -> v.type() + ": " + v.message())
        .collect(Collectors.joining("; "));
  }
}

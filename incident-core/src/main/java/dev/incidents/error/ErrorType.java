package dev.incidents.error;

import java.util.Locale;

/**
 * The machine-readable error kinds of the contract (docs/CONTRACT.md section 6), with the HTTP status a host
 * application should answer with.
 *
 * <p>{@link #wireName()} is the value of the {@code type} field of an error body.
 */
public enum ErrorType {
  /** A required field is absent. */
  MISSING_REQUIRED_FIELD(Family.BAD_REQUEST),
  /** A field that the contract does not know (or a custom field no fragment declares). */
  INVALID_FIELD(Family.BAD_REQUEST),
  /** A value of the wrong JSON type, such as a string where an integer belongs. */
  UNEXPECTED_JSON_TYPE(Family.BAD_REQUEST),
  /** A value outside its catalog or enumeration; the violation carries the allowed values. */
  INVALID_ENUM_VALUE(Family.BAD_REQUEST),
  /** A value of the right type that breaks a rule; the violation carries the reason. */
  VALUE_NOT_PERMITTED(Family.BAD_REQUEST),
  /** An id that cannot be parsed, or that belongs to another dev org. */
  INVALID_ID(Family.BAD_REQUEST),
  /** A well-formed id of the wrong kind for its field, such as a part in {@code owned_by}. */
  UNEXPECTED_ID_TYPE(Family.BAD_REQUEST),
  /** A body that is not acceptable JSON: malformed, too large, too deep, duplicate keys, or a number over int64. */
  PARSE_ERROR(Family.BAD_REQUEST),
  /** Any other problem with the call itself, such as a malformed page cursor. */
  BAD_REQUEST(Family.BAD_REQUEST),
  /** The actor may not do what the request asks. */
  FORBIDDEN(Family.FORBIDDEN),
  /** The incident does not exist in the caller's tenant. */
  NOT_FOUND(Family.NOT_FOUND),
  /** The idempotency key was already used with a different request. */
  CONFLICT(Family.CONFLICT),
  /** The store or the reference resolver failed; the call may be retried. */
  SERVICE_UNAVAILABLE(Family.SERVICE_UNAVAILABLE),
  /** A defect: something that should not happen did. */
  INTERNAL_ERROR(Family.INTERNAL_ERROR);

  /** Error kinds grouped the way HTTP status codes and exception classes group them. */
  public enum Family {
    /** HTTP 400, {@link BadRequestException}. */
    BAD_REQUEST(400),
    /** HTTP 403, {@link ForbiddenException}. */
    FORBIDDEN(403),
    /** HTTP 404, {@link NotFoundException}. */
    NOT_FOUND(404),
    /** HTTP 409, {@link ConflictException}. */
    CONFLICT(409),
    /** HTTP 503, {@link ServiceUnavailableException}. */
    SERVICE_UNAVAILABLE(503),
    /** HTTP 500, {@link InternalErrorException}. */
    INTERNAL_ERROR(500);

    private final int httpStatus;

    Family(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** The HTTP status code that goes with this family. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Family family;
  private final String wireName;

  ErrorType(Family family) {
    this.family = family;
    this.wireName = name().toLowerCase(Locale.ROOT);
  }

  /** The family this kind belongs to. */
  public Family family() {
    return family;
  }

  /** The HTTP status code for this kind. */
  public int httpStatus() {
    return family.httpStatus();
  }

  /** The name used in JSON error bodies, such as {@code missing_required_field}. */
  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }
}

package dev.incidents.error;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * No incident with the given id exists in the caller's tenant. HTTP 404.
 */
public final class NotFoundException extends IncidentException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception for the given violations.
   *
   * @throws IllegalArgumentException if the list is empty or its first violation is of another family
   */
  public NotFoundException(List<Violation> violations) {
    this(violations, null);
  }

  /** As {@link #NotFoundException(List)}, with a cause. */
  public NotFoundException(List<Violation> violations, @Nullable Throwable cause) {
    super(requireFamily(violations, ErrorType.Family.NOT_FOUND), cause);
  }

  /** The incident named by {@code id} does not exist in the caller's tenant. */
  public static NotFoundException incident(String id) {
    return new NotFoundException(single(ErrorType.NOT_FOUND, "id", "incident " + id + " not found"));
  }

  /**
   * A create retried with the idempotency key of an incident that has been deleted since: the key stays
   * used and never creates a second incident (docs/CONTRACT.md section 10).
   */
  public static NotFoundException deletedByKey(String key, String displayId) {
    return new NotFoundException(single(ErrorType.NOT_FOUND, "idempotency_key", "idempotency key '" + key
        + "' created incident " + displayId + ", which has been deleted; a key never creates a second incident"));
  }
}

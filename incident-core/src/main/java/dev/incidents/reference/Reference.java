package dev.incidents.reference;

import java.util.Objects;

/**
 * A parsed, syntactically valid id of an object in one tenant: what a {@link ReferenceResolver} is asked
 * about. Two references are equal when they name the same object, whether the request gave a display id
 * or a DON.
 *
 * @param type the kind of object
 * @param number the {@code n} of its display id
 * @param id its DON
 * @param displayId its display id, such as {@code PROD-7}
 */
public record Reference(ObjectType type, long number, String id, String displayId) {

  /** Checks that every part is given. */
  public Reference {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayId, "displayId");
  }
}

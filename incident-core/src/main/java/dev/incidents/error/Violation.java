package dev.incidents.error;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in a call: its kind, the path of the field it concerns and a message for people.
 *
 * <p>{@code fieldName} is a path such as {@code impact.count}, {@code tags[2].tag_id} or
 * {@code custom_fields.tnt__region}; it is {@code null} when the problem concerns the call as a whole.
 * {@code value} and {@code allowedValues} are set for {@link ErrorType#INVALID_ENUM_VALUE},
 * {@code reason} for {@link ErrorType#VALUE_NOT_PERMITTED}; they are {@code null} otherwise.
 * Values are JSON-shaped: {@link String}, {@link Long}, {@link Double}, {@link Boolean}.
 *
 * @param type the kind of problem
 * @param fieldName the path of the field, or {@code null}
 * @param message what is wrong, for people
 * @param value the rejected value, for {@code invalid_enum_value}
 * @param allowedValues the values that would have been accepted, for {@code invalid_enum_value}
 * @param reason the rule that was broken, for {@code value_not_permitted}
 */
public record Violation(
    ErrorType type,
    @Nullable String fieldName,
    String message,
    @Nullable Object value,
    @Nullable List<Object> allowedValues,
    @Nullable String reason) {

  /** Checks the required parts and copies the allowed values. */
  public Violation {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    allowedValues = allowedValues == null ? null : List.copyOf(allowedValues);
  }

  /** A violation with only a kind, a field path (may be null) and a message. */
  public static Violation of(ErrorType type, @Nullable String fieldName, String message) {
    return new Violation(type, fieldName, message, null, null, null);
  }

  /** {@code missing_required_field}: the field is required. */
  public static Violation missingRequiredField(String fieldName) {
    return of(ErrorType.MISSING_REQUIRED_FIELD, fieldName, fieldName + " is required");
  }

  /** {@code invalid_field}: the field is not part of the contract (or of any requested fragment). */
  public static Violation invalidField(String fieldName, @Nullable String why) {
    return of(ErrorType.INVALID_FIELD, fieldName, fieldName + " is not a known field" + (why == null ? "" : ": " + why));
  }

  /** {@code unexpected_json_type}: the field holds a JSON value of the wrong type. */
  public static Violation unexpectedJsonType(String fieldName, String expected, String actual) {
    return of(ErrorType.UNEXPECTED_JSON_TYPE, fieldName,
        fieldName + " must be " + expected + ", got " + actual);
  }

  /** {@code invalid_enum_value}: the value is not one of the allowed values. */
  public static Violation invalidEnumValue(String fieldName, Object value, List<?> allowedValues) {
    return new Violation(ErrorType.INVALID_ENUM_VALUE, fieldName,
        fieldName + " must be one of " + allowedValues + ", got " + value,
        value, List.copyOf(allowedValues), null);
  }

  /** {@code value_not_permitted}: the value breaks a rule, stated by {@code reason}. */
  public static Violation valueNotPermitted(@Nullable String fieldName, String reason) {
    return new Violation(ErrorType.VALUE_NOT_PERMITTED, fieldName,
        (fieldName == null ? "value" : fieldName) + " " + reason, null, null, reason);
  }

  /**
   * {@code value_not_permitted} with the values that would have been permitted, such as the stages an
   * incident may move to.
   */
  public static Violation valueNotPermitted(String fieldName, String reason, List<?> allowedValues) {
    return new Violation(ErrorType.VALUE_NOT_PERMITTED, fieldName, fieldName + " " + reason, null,
        List.copyOf(allowedValues), reason);
  }

  /** {@code invalid_id}: the id cannot be used, for the reason given. */
  public static Violation invalidId(String fieldName, String id, String why) {
    return of(ErrorType.INVALID_ID, fieldName, fieldName + ": '" + id + "' is not a valid id: " + why);
  }

  /** {@code unexpected_id_type}: the id is well formed but of the wrong kind for its field. */
  public static Violation unexpectedIdType(String fieldName, String id, String expected, String actual) {
    return of(ErrorType.UNEXPECTED_ID_TYPE, fieldName,
        fieldName + " must be " + expected + ", but '" + id + "' is " + actual);
  }

  /** {@code parse_error}: the body is not acceptable JSON. */
  public static Violation parseError(@Nullable String fieldName, String message) {
    return of(ErrorType.PARSE_ERROR, fieldName, message);
  }

  /** {@code forbidden}: the actor may not do this. */
  public static Violation forbidden(@Nullable String fieldName, String message) {
    return of(ErrorType.FORBIDDEN, fieldName, message);
  }
}

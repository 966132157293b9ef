package dev.incidents.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field of a {@link SchemaFragment}. Immutable.
 *
 * <pre>{@code
 * CustomField.of("region", FieldType.ENUM).allowedValues("eu", "us").required()
 * CustomField.arrayOf("hosts", FieldType.TOKENS)
 * }</pre>
 *
 * @param name the name without prefix, {@code [a-z][a-z0-9_]*} (at most 64 characters); the request uses
 *     it with the fragment's prefix, such as {@code tnt__region}
 * @param type the type of the value, or of each element of an array
 * @param array whether the value is an array of {@code type}
 * @param allowedValues the values an {@link FieldType#ENUM} field accepts; empty for other types
 * @param isRequired whether a request that asks for required fields to be checked must give this field
 */
public record CustomField(String name, FieldType type, boolean array, List<String> allowedValues, boolean isRequired) {

  /** Checks that name and type are given and copies the allowed values. */
  public CustomField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    allowedValues = List.copyOf(allowedValues == null ? List.of() : allowedValues);
  }

  /** An optional field holding one value of {@code type}. */
  public static CustomField of(String name, FieldType type) {
    return new CustomField(name, type, false, List.of(), false);
  }

  /** An optional field holding an array of {@code type}. */
  public static CustomField arrayOf(String name, FieldType type) {
    return new CustomField(name, type, true, List.of(), false);
  }

  /** This field, required. */
  public CustomField required() {
    return new CustomField(name, type, array, allowedValues, true);
  }

  /** This field with these allowed values (for {@link FieldType#ENUM}). */
  public CustomField allowedValues(String... values) {
    return new CustomField(name, type, array, new ArrayList<>(List.of(values)), isRequired);
  }
}

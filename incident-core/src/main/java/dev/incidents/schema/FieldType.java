package dev.incidents.schema;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The types a custom field can have (docs/CONTRACT.md section 5); {@link #toString()} is the JSON name. */
public enum FieldType {
  /** A signed 64-bit integer. */
  INT,
  /** A double-precision number; an integer is accepted and stored as a double. */
  DOUBLE,
  /** {@code true} or {@code false}. */
  BOOL,
  /** Text meant to be searched token by token, such as {@code "db-01 eu-west"}. */
  TOKENS,
  /** Plain text. */
  TEXT,
  /** Text with markup (kept as given). */
  RICH_TEXT,
  /** One of the field's allowed values. */
  ENUM,
  /** An RFC 3339 date-time with offset, stored and returned in UTC with milliseconds. */
  TIMESTAMP,
  /** A calendar date, {@code YYYY-MM-DD}. */
  DATE,
  /** The id of an object (display id or DON), expanded to a summary like any other id. */
  ID;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The JSON name, such as {@code rich_text}. */
  @Override
  public String toString() {
    return wireName;
  }

  /** The type with this JSON name, or {@code null}. */
  static @Nullable FieldType byWireName(String name) {
    for (FieldType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    return null;
  }
}

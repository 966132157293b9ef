package dev.incidents.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A small record the service keeps in the store besides incidents, such as a consumer's position in the
 * events or a webhook endpoint (docs/CONTRACT.md clause 14.16).
 *
 * @param key the key within its namespace
 * @param value the value; not copied, so neither side may change it
 */
public record StoredRecord(String key, byte[] value) {

  /** Checks both parts are given. */
  public StoredRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /** Equal when key and value bytes are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof StoredRecord other && key.equals(other.key) && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "StoredRecord[" + key + " = " + new String(value, StandardCharsets.UTF_8) + "]";
  }
}

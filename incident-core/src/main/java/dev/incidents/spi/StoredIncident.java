package dev.incidents.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incident as a store keeps it: the tenant, the number, the version and the document bytes (UTF-8 JSON).
 *
 * @param tenant the tenant
 * @param number the number within the tenant, 1 or more
 * @param version 1 when created, one more with every stored change (docs/CONTRACT.md clause 14.12)
 * @param document the document as rendered; not copied, so neither side may change it
 */
public record StoredIncident(String tenant, long number, long version, byte[] document) {

  /**
   * Checks that every part is given and the number and version are positive.
   *
   * @throws IllegalArgumentException if the number or version is below 1
   */
  public StoredIncident {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(document, "document");
    if (number < 1) {
      throw new IllegalArgumentException("an incident's number is 1 or more, got " + number);
    }
    if (version < 1) {
      throw new IllegalArgumentException("an incident's version is 1 or more, got " + version);
    }
  }

  /** Equal when tenant, number, version and document bytes are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof StoredIncident other && tenant.equals(other.tenant) && number == other.number
        && version == other.version && Arrays.equals(document, other.document);
  }

  @Override
  public int hashCode() {
    return (Objects.hash(tenant, number) * 31 + Long.hashCode(version)) * 31 + Arrays.hashCode(document);
  }

  @Override
  public String toString() {
    return "StoredIncident[" + tenant + " #" + number + " v" + version + " "
        + new String(document, StandardCharsets.UTF_8) + "]";
  }
}

package dev.incidents.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incident as a store keeps it: the tenant, the number and the document bytes (UTF-8 JSON).
 *
 * @param tenant the tenant
 * @param number the number within the tenant
 * @param document the document as rendered; not copied, so neither side may change it
 */
public record StoredIncident(String tenant, long number, byte[] document) {

  /** Checks that every part is given. */
  public StoredIncident {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(document, "document");
  }

  /** Equal when tenant, number and document bytes are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof StoredIncident other
        && tenant.equals(other.tenant) && number == other.number && Arrays.equals(document, other.document);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, number) * 31 + Arrays.hashCode(document);
  }

  @Override
  public String toString() {
    return "StoredIncident[" + tenant + " #" + number + " " + new String(document, StandardCharsets.UTF_8) + "]";
  }
}

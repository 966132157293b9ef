package dev.incidents.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event as a store keeps it: the payload the service gave with a change, the tenant of the change, and the
 * sequence number the store gave the event (docs/CONTRACT.md clause 14.15).
 *
 * @param sequence the event's place in the store's one order of events, 1 or more
 * @param tenant the tenant of the change
 * @param payload the payload as given; not copied, so neither side may change it
 */
public record StoredEvent(long sequence, String tenant, byte[] payload) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the sequence is below 1
   */
  public StoredEvent {
    if (sequence < 1) {
      throw new IllegalArgumentException("an event's sequence is 1 or more, got " + sequence);
    }
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(payload, "payload");
  }

  /** Equal when sequence, tenant and payload bytes are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof StoredEvent other && sequence == other.sequence && tenant.equals(other.tenant)
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(sequence) * 31 + tenant.hashCode()) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "StoredEvent[#" + sequence + " " + tenant + " " + new String(payload, StandardCharsets.UTF_8) + "]";
  }
}

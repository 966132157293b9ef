package dev.incidents.webhooks;

import dev.incidents.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * An event whose delivery to an endpoint gave up after the relay's bounded number of attempts (docs/CONTRACT.md
 * clause 13.3); {@link DeadEvents#replay} delivers it again.
 *
 * @param endpointId the endpoint it was for
 * @param tenant the event's tenant
 * @param sequence the event's sequence
 * @param eventId the event's id, also its {@code webhook-id}
 * @param type the event's type
 * @param attempts how many deliveries were attempted, replays included
 * @param lastError what the last attempt answered
 * @param deadAt when it was parked, or last replayed in vain
 * @param json the event as delivered; not copied
 */
public record DeadEvent(String endpointId, String tenant, long sequence, String eventId, EventType type, int attempts,
    String lastError, Instant deadAt, byte[] json) {

  /** Checks the parts are given. */
  public DeadEvent {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(deadAt, "deadAt");
    Objects.requireNonNull(json, "json");
  }

  /** {@link #json} as text. */
  public String jsonText() {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadEvent other && endpointId.equals(other.endpointId) && sequence == other.sequence
        && attempts == other.attempts && lastError.equals(other.lastError) && deadAt.equals(other.deadAt)
        && tenant.equals(other.tenant) && eventId.equals(other.eventId) && type == other.type
        && java.util.Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpointId, sequence, attempts, lastError, deadAt);
  }

  @Override
  public String toString() {
    return "DeadEvent[" + endpointId + " #" + sequence + " " + eventId + " after " + attempts + " attempts: " + lastError
        + "]";
  }
}

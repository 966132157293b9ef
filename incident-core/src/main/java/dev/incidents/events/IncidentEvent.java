package dev.incidents.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event as a consumer receives it (docs/CONTRACT.md clause 13.1).
 *
 * @param sequence its place in the store's order of events: increasing in the order consumers receive them,
 *     with gaps allowed
 * @param tenant the tenant of the change
 * @param id the event's id, the same for every delivery of this event (and for a retried change)
 * @param type what the change did
 * @param json the event in the API's webhook shape, {@code sequence} included, as UTF-8 JSON; not copied, so
 *     do not change it
 */
public record IncidentEvent(long sequence, String tenant, String id, EventType type, byte[] json) {

  /** Checks the parts are given. */
  public IncidentEvent {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
  }

  /** {@link #json} as text. */
  public String jsonText() {
    return new String(json, StandardCharsets.UTF_8);
  }

  /** Equal when every part is, the JSON byte for byte. */
  @Override
  public boolean equals(Object o) {
    return o instanceof IncidentEvent other && sequence == other.sequence && tenant.equals(other.tenant)
        && id.equals(other.id) && type == other.type && Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, tenant, id, type) * 31 + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "IncidentEvent[#" + sequence + " " + tenant + " " + type.wireName() + " " + id + "]";
  }
}

package dev.incidents.webhooks;

import dev.incidents.events.EventType;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registered webhook endpoint: where one tenant's events of some types are POSTed (docs/CONTRACT.md clause
 * 13.3).
 *
 * @param id the endpoint's id, unique in the store: {@code [A-Za-z0-9_-]{1,64}}
 * @param tenant the tenant whose events it receives
 * @param url an {@code http} or {@code https} URL
 * @param secret the signing secret, {@code whsec_} and base64 ({@link WebhookSignatures})
 * @param eventTypes the types it receives, at least one
 */
public record WebhookEndpoint(String id, String tenant, URI url, String secret, Set<EventType> eventTypes) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * Checks every part.
   *
   * @throws IllegalArgumentException listing every part that is wrong
   */
  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(eventTypes, "eventTypes");
    List<String> wrong = new ArrayList<>();
    if (!ID.matcher(id).matches()) {
      wrong.add("id must match [A-Za-z0-9_-]{1,64}, got \"" + id + "\"");
    }
    if (!TENANT.matcher(tenant).matches()) {
      wrong.add("tenant must match [A-Za-z0-9_-]{1,64}, got \"" + tenant + "\"");
    }
    if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
        || url.getHost() == null) {
      wrong.add("url must be an absolute http or https URL with a host, got \"" + url + "\"");
    }
    try {
      WebhookSignatures.key(secret);
    } catch (IllegalArgumentException e) {
      wrong.add(e.getMessage());
    }
    if (eventTypes.isEmpty()) {
      wrong.add("eventTypes must name at least one of incident_created, incident_updated, incident_deleted");
    }
    if (!wrong.isEmpty()) {
      throw new IllegalArgumentException("invalid webhook endpoint: " + String.join("; ", wrong));
    }
    eventTypes = Set.copyOf(EnumSet.copyOf(eventTypes));
  }

  /** Whether it receives this event. */
  public boolean receives(String eventTenant, EventType type) {
    return tenant.equals(eventTenant) && eventTypes.contains(type);
  }

  /** The name of the durable event consumer that delivers to it. */
  public String consumerName() {
    return "webhook:" + id;
  }

  /** Without the secret. */
  @Override
  public String toString() {
    return "WebhookEndpoint[" + id + " " + tenant + " " + url + " " + eventTypes + "]";
  }
}

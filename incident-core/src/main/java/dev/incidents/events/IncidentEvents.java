package dev.incidents.events;

import java.util.List;

/**
 * The events of a service's store (docs/CONTRACT.md section 13), from {@code IncidentService.events()}. The
 * service records events only when built with {@code Incidents.builder().recordEvents(true)}; without it,
 * consumers simply receive nothing new.
 *
 * <pre>{@code
 * try (Subscription pager = service.events().subscribe("pager", StartAt.NOW, event -> {
 *   if (event.type() == EventType.INCIDENT_CREATED) {
 *     page(event.tenant(), event.jsonText());
 *   }
 * })) {
 *   ...
 * }
 * }</pre>
 */
public interface IncidentEvents {

  /**
   * Opens the durable consumer {@code name}: after its last acknowledged event if it has one, otherwise where
   * {@code start} says.
   *
   * @param name 1 to 200 characters of {@code A-Z a-z 0-9 _ . : -}
   * @throws IllegalArgumentException if the name is not allowed
   * @throws IllegalStateException if a consumer of that name is open in this service
   * @throws dev.incidents.error.ServiceUnavailableException if the store fails
   */
  EventConsumer consumer(String name, StartAt start);

  /**
   * Opens the durable consumer {@code name} as {@link #consumer} does and runs {@code handler} on a thread of
   * its own for each event, until the subscription is closed.
   */
  Subscription subscribe(String name, StartAt start, EventHandler handler);

  /**
   * Events after {@code afterSequence}, lowest first, at most {@code limit}: a read that keeps no position,
   * for tools and tests.
   *
   * @param limit 1 to 10,000
   */
  List<IncidentEvent> read(long afterSequence, int limit);

  /** The sequence of the last event stored, {@code 0} when there is none. */
  long lastSequence();

  /**
   * The durable consumers known to the store, by name, with the sequence each acknowledged last, in name
   * order.
   */
  java.util.SortedMap<String, Long> positions();

  /**
   * Removes the events every known consumer has acknowledged, so that the store does not grow without end.
   * A consumer that is no longer used holds events back until {@link #forget} removes it.
   *
   * @return how many events were removed
   */
  long prune();

  /**
   * Removes the position of a consumer that is not open, so that it no longer holds back {@link #prune};
   * opened again, it starts afresh.
   *
   * @return whether it had a position
   * @throws IllegalStateException if it is open in this service
   */
  boolean forget(String name);
}

package dev.incidents.events;

/** What a {@link Subscription} does with each event, on the subscription's own thread. */
@FunctionalInterface
public interface EventHandler {

  /**
   * Handles one event. Returning acknowledges it; throwing makes the subscription offer the same event
   * again after a pause, so a handler should be idempotent (delivery is at least once).
   *
   * @throws Exception any failure, to be retried
   */
  void handle(IncidentEvent event) throws Exception;
}

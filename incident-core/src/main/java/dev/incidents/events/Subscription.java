package dev.incidents.events;

/**
 * A durable consumer that runs an {@link EventHandler} on a thread of its own (docs/CONTRACT.md clause 13.2):
 * it hands it each event in order, acknowledges the events the handler returned from (a batch of up to 100
 * at a time) and offers an event again, after a growing pause, when the handler throws. Writers never wait
 * for it.
 */
public interface Subscription extends AutoCloseable {

  /** The consumer's name. */
  String name();

  /** The sequence of the last event acknowledged, {@code 0} for none. */
  long acknowledged();

  /** How many times in a row the handler has failed on the current event; {@code 0} while all goes well. */
  int failures();

  /**
   * Stops the thread, after the event being handled, and waits for it; every event the handler returned from
   * is acknowledged first (unless the store refuses that write, which is logged: those events are then
   * delivered again after a restart). Idempotent.
   */
  @Override
  void close();
}

package dev.incidents.events;

import java.time.Duration;
import java.util.List;

/**
 * A durable consumer, pulled by its caller (docs/CONTRACT.md clause 13.2): {@link #poll} returns the next
 * events in {@code sequence} order, {@link #acknowledge} keeps the position in the store, and a consumer
 * opened again under the same name, also after a restart or a crash, starts after the last acknowledged
 * event. Events polled but not acknowledged come again then, so delivery is at least once.
 *
 * <p>Polling never holds up writers: a consumer that falls behind only makes events wait in the store. One
 * instance of a name may be open per service at a time; an instance is meant for one thread.
 */
public interface EventConsumer extends AutoCloseable {

  /** The consumer's name. */
  String name();

  /**
   * The next events after the last one polled (after the acknowledged position, for the first poll), lowest
   * sequence first, at most {@code max}; empty when there is none now.
   *
   * @param max 1 to 10,000
   */
  List<IncidentEvent> poll(int max);

  /**
   * As {@link #poll(int)}, but waits up to {@code timeout} for an event when there is none now. The service's
   * own writes wake it at once; changes made by other processes are seen within a fraction of a second.
   */
  List<IncidentEvent> poll(int max, Duration timeout) throws InterruptedException;

  /**
   * Keeps {@code event}, and every event polled before it, as handled: the store records the position, so a
   * consumer opened again starts after it. Acknowledging an event at or before the position changes nothing.
   * Each call is a write to the store (a synced commit on a durable one): acknowledge the last event of a
   * page rather than each event.
   */
  void acknowledge(IncidentEvent event);

  /** The sequence of the last event acknowledged, {@code 0} for none. */
  long acknowledged();

  /** Goes back to the acknowledged position: the next poll returns the events after it again. */
  void rewind();

  /** Closes this instance, so that the name may be opened again; the position stays. Idempotent. */
  @Override
  void close();
}

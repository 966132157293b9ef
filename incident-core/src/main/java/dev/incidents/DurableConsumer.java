package dev.incidents;

import dev.incidents.events.EventConsumer;
import dev.incidents.events.IncidentEvent;
import dev.incidents.spi.StoreLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** An {@link EventConsumer}: a cursor in the store's events and the position it keeps in the store. */
final class DurableConsumer implements EventConsumer {

  private final DefaultIncidentEvents events;
  private final String name;
  private long acknowledged;
  /** The sequence of the last event polled. */
  private long cursor;
  private boolean closed;

  DurableConsumer(DefaultIncidentEvents events, String name, long acknowledged) {
    this.events = events;
    this.name = name;
    this.acknowledged = acknowledged;
    this.cursor = acknowledged;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized List<IncidentEvent> poll(int max) {
    checkOpen();
    if (max < 1 || max > StoreLimits.MAX_EVENTS_LIMIT) {
      throw new IllegalArgumentException("max must be 1 to " + StoreLimits.MAX_EVENTS_LIMIT + ", got " + max);
    }
    List<IncidentEvent> next = events.read(cursor, max);
    if (!next.isEmpty()) {
      cursor = next.get(next.size() - 1).sequence();
    }
    return next;
  }

  @Override
  public List<IncidentEvent> poll(int max, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    EventSignal signal = events.signal();
    while (true) {
      long generation = signal.generation();
      List<IncidentEvent> next = poll(max);
      long left = deadline - System.nanoTime();
      if (!next.isEmpty() || left <= 0 || isClosed()) {
        return next;
      }
      signal.await(generation, Math.min(left, DefaultIncidentEvents.POLL_INTERVAL.toNanos()));
    }
  }

  @Override
  public synchronized void acknowledge(IncidentEvent event) {
    checkOpen();
    long sequence = event.sequence();
    if (sequence <= acknowledged) {
      return;
    }
    if (sequence > cursor) {
      throw new IllegalArgumentException("event " + sequence + " was not polled yet (the last polled is " + cursor
          + "): acknowledging it would skip the events before it");
    }
    events.savePosition(name, sequence);
    acknowledged = sequence;
  }

  @Override
  public synchronized long acknowledged() {
    return acknowledged;
  }

  @Override
  public synchronized void rewind() {
    checkOpen();
    cursor = acknowledged;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    events.closed(name);
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the event consumer \"" + name + "\" is closed");
    }
  }
}

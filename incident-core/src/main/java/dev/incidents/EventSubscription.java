package dev.incidents;

import dev.incidents.events.EventHandler;
import dev.incidents.events.IncidentEvent;
import dev.incidents.events.Subscription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Subscription}: one thread that polls a {@link DurableConsumer} for up to {@value #BATCH} events, hands
 * each to the handler and acknowledges the batch once it is handled (when closed, what it handled so far). A
 * failing handler gets the same event again after a pause that doubles up to {@value #MAX_PAUSE_MILLIS} ms; a
 * failing store is waited out the same way. The thread is never interrupted, since an interrupt can break a
 * store's file channel or the handler's own work.
 */
final class EventSubscription implements Subscription {

  private static final int BATCH = 100;
  private static final long FIRST_PAUSE_MILLIS = 50;
  private static final long MAX_PAUSE_MILLIS = 30_000;
  private static final System.Logger LOG = System.getLogger(EventSubscription.class.getName());

  private final DurableConsumer consumer;
  private final EventHandler handler;
  private final EventSignal signal;
  private final Thread thread;
  private final Object pause = new Object();
  private volatile boolean closed;
  private volatile int failures;

  private EventSubscription(DurableConsumer consumer, EventHandler handler, EventSignal signal) {
    this.consumer = consumer;
    this.handler = handler;
    this.signal = signal;
    this.thread = new Thread(this::run, "incident-events-" + consumer.name());
    thread.setDaemon(true);
  }

  static EventSubscription start(dev.incidents.events.EventConsumer consumer, EventHandler handler,
      EventSignal signal) {
    EventSubscription subscription = new EventSubscription((DurableConsumer) consumer, handler, signal);
    subscription.thread.start();
    return subscription;
  }

  @Override
  public String name() {
    return consumer.name();
  }

  @Override
  public long acknowledged() {
    return consumer.acknowledged();
  }

  @Override
  public int failures() {
    return failures;
  }

  private void run() {
    try {
      while (!closed) {
        List<IncidentEvent> batch;
        try {
          batch = consumer.poll(BATCH, DefaultIncidentEvents.POLL_INTERVAL);
        } catch (RuntimeException e) {
          failed("cannot read events", e);
          continue;
        }
        // One acknowledgement per batch, not per event: each is a write (a synced commit on a durable store),
        // and one per event made a subscription fall ever further behind eight writers whose creates share
        // commits. A crash re-delivers at most the batch, which at-least-once allows.
        IncidentEvent handled = null;
        for (IncidentEvent event : batch) {
          if (!handle(event, handled)) {
            break;
          }
          handled = event;
        }
        if (handled != null) {
          acknowledge(handled);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close();
    }
  }

  /**
   * Hands one event to the handler until it succeeds; false when closed first. While the handler fails,
   * {@code handled} (the batch's events before this one) is acknowledged, so that a handler stuck on one event
   * does not cost the events before it a second delivery after a restart.
   */
  private boolean handle(IncidentEvent event, @Nullable IncidentEvent handled) throws InterruptedException {
    IncidentEvent earlier = handled;
    while (!closed) {
      try {
        handler.handle(event);
        failures = 0;
        return true;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (earlier != null) {
          acknowledge(earlier);
          earlier = null;
        }
        failed("the handler failed on " + event, e);
      }
    }
    return false;
  }

  /**
   * Acknowledges through {@code event}, retrying until it succeeds or the subscription is closed. It tries at
   * least once, also when closed: {@link #close} stops the thread after the event being handled, and what was
   * handled must not be delivered again after a restart for want of this write.
   */
  private void acknowledge(IncidentEvent event) throws InterruptedException {
    while (true) {
      try {
        consumer.acknowledge(event);
        failures = 0;
        return;
      } catch (RuntimeException e) {
        if (closed) {
          LOG.log(System.Logger.Level.WARNING, "event consumer \"{0}\": closed before event {1} could be acknowledged; "
              + "it will be delivered again: {2}", consumer.name(), event.sequence(), e.toString());
          return;
        }
        failed("cannot acknowledge event " + event.sequence(), e);
      }
    }
  }

  private void failed(String what, Exception e) throws InterruptedException {
    int count = ++failures;
    LOG.log(System.Logger.Level.WARNING, "event consumer \"{0}\": {1} ({2} times in a row): {3}", consumer.name(), what,
        count, e.toString());
    long millis = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(20, count - 1));
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (pause) {
      for (long left; !closed && (left = deadline - System.nanoTime()) > 0; ) {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(pause, left);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (pause) {
      pause.notifyAll();
    }
    signal.changed();
    if (Thread.currentThread() != thread) {
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

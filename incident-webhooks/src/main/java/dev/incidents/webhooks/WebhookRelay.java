package dev.incidents.webhooks;

import dev.incidents.events.IncidentEvents;
import dev.incidents.events.StartAt;
import dev.incidents.events.Subscription;
import dev.incidents.spi.IncidentStore;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Delivers events to the registered webhook endpoints (docs/CONTRACT.md clause 13.3, docs/EVENTS.md), on threads
 * of its own: one durable event consumer per endpoint ({@code webhook:<id>}), so each endpoint receives its
 * tenant's events in {@code sequence} order, at least once, and a slow or failing endpoint holds up no other and
 * no create. A failed POST (an I/O error, a timeout, any status but 2xx) is retried with exponential backoff and
 * jitter; after {@code maxAttempts} the event is parked in {@link DeadEvents} and the endpoint goes on with the
 * next one.
 *
 * <pre>{@code
 * try (WebhookRelay relay = WebhookRelay.builder(store, service.events()).build()) {
 *   relay.endpoints().add("acme", URI.create("https://hooks.example.com/incidents"), null,
 *       EnumSet.allOf(EventType.class));
 *   relay.start();
 *   ...
 * }
 * }</pre>
 */
public final class WebhookRelay implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(WebhookRelay.class.getName());

  private final IncidentEvents events;
  private final WebhookEndpoints endpoints;
  private final DeadEvents deadEvents;
  private final Deliverer deliverer;
  private final Duration rescanInterval;
  private final Map<String, Worker> workers = new HashMap<>();
  private final Object lock = new Object();
  private @Nullable Thread supervisor;
  private boolean closed;

  private WebhookRelay(Builder builder) {
    this.events = builder.events;
    this.endpoints = new WebhookEndpoints(builder.store, builder.events);
    RetryConfig retry = RetryConfig.custom()
        .maxAttempts(builder.maxAttempts)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(builder.initialBackoff, 2.0, 0.5,
            builder.maxBackoff))
        .ignoreExceptions(InterruptedException.class)
        .build();
    HttpClient client = builder.httpClient != null ? builder.httpClient
        : HttpClient.newBuilder().connectTimeout(builder.requestTimeout).build();
    this.deliverer = new Deliverer(client, retry, builder.requestTimeout, builder.clock);
    this.deadEvents = new DeadEvents(builder.store, endpoints, deliverer, builder.clock);
    this.rescanInterval = builder.rescanInterval;
  }

  /**
   * A builder over a store and the events of a service over it ({@code service.events()}).
   */
  public static Builder builder(IncidentStore store, IncidentEvents events) {
    return new Builder(store, events);
  }

  /** The registered endpoints. */
  public WebhookEndpoints endpoints() {
    return endpoints;
  }

  /** The events whose delivery gave up; usable whether or not the relay runs. */
  public DeadEvents deadEvents() {
    return deadEvents;
  }

  /**
   * Starts delivering: to the endpoints registered now at once, and to those added or removed later (in this or
   * another process) within the rescan interval.
   *
   * @throws IllegalStateException if started before or closed
   */
  public void start() {
    synchronized (lock) {
      if (closed || supervisor != null) {
        throw new IllegalStateException(closed ? "the webhook relay is closed" : "the webhook relay runs already");
      }
      rescan();
      Thread thread = new Thread(this::supervise, "incident-webhook-relay");
      thread.setDaemon(true);
      supervisor = thread;
      thread.start();
    }
  }

  /** How many endpoints the relay is delivering to. */
  public int activeEndpoints() {
    synchronized (lock) {
      return workers.size();
    }
  }

  private void supervise() {
    synchronized (lock) {
      while (!closed) {
        try {
          lock.wait(rescanInterval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        if (!closed) {
          try {
            rescan();
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook relay: cannot read the endpoints: {0}", e.toString());
          }
        }
      }
    }
  }

  /** Starts a worker per new endpoint and stops those of removed ones. Holding {@link #lock}. */
  private void rescan() {
    Map<String, WebhookEndpoint> current = new HashMap<>();
    for (WebhookEndpoint endpoint : endpoints.list()) {
      current.put(endpoint.id(), endpoint);
    }
    for (String id : List.copyOf(workers.keySet())) {
      if (!current.containsKey(id)) {
        Worker worker = Objects.requireNonNull(workers.remove(id), "a worker of each listed id");
        worker.close();
        endpoints.forgetPosition(worker.endpoint);
      }
    }
    for (WebhookEndpoint endpoint : current.values()) {
      workers.computeIfAbsent(endpoint.id(), id -> new Worker(endpoint));
    }
  }

  /** Stops every worker, after or in the middle of its current delivery (which is then made again later). */
  @Override
  public void close() {
    Thread running;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
      workers.values().forEach(Worker::close);
      workers.clear();
      running = supervisor;
    }
    if (running != null) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One endpoint's consumer, and the thread its deliveries run on (interrupted to stop a wait between attempts). */
  private final class Worker {
    final WebhookEndpoint endpoint;
    final ExecutorService delivery;
    final Subscription subscription;
    volatile boolean closing;

    Worker(WebhookEndpoint endpoint) {
      this.endpoint = endpoint;
      this.delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "incident-webhook-" + endpoint.id());
        thread.setDaemon(true);
        return thread;
      });
      this.subscription = events.subscribe(endpoint.consumerName(), StartAt.NOW, event -> {
        if (!endpoint.receives(event.tenant(), event.type())) {
          return;
        }
        Future<Deliverer.Outcome> pending = delivery.submit(() -> deliverer.deliver(endpoint, event));
        Deliverer.Outcome outcome;
        try {
          outcome = pending.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("delivery of " + event + " to " + endpoint.id() + " stopped", e.getCause());
        }
        if (!outcome.delivered()) {
          if (closing) {
            throw new IllegalStateException("the relay is closing");
          }
          LOG.log(System.Logger.Level.WARNING, "webhook relay: {0} to endpoint {1} is dead after {2} attempts: {3}",
              event, endpoint.id(), outcome.attempts(), outcome.lastError());
          deadEvents.park(endpoint, event, outcome.attempts(), outcome.lastError());
        }
      });
    }

    void close() {
      closing = true;
      delivery.shutdownNow();
      subscription.close();
      try {
        delivery.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Settings of a relay; each is checked when set. */
  public static final class Builder {
    private final IncidentStore store;
    private final IncidentEvents events;
    private @Nullable HttpClient httpClient;
    private int maxAttempts = 8;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Duration rescanInterval = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();

    private Builder(IncidentStore store, IncidentEvents events) {
      this.store = Objects.requireNonNull(store, "store");
      this.events = Objects.requireNonNull(events, "events");
    }

    /** The HTTP client; default a new {@link HttpClient} with the request timeout as connect timeout. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Attempts per event before it is parked as dead, 1 to 100; default 8. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 100, got " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * The pause after the first failed attempt (default 1 s), doubled after each further one up to {@code max}
     * (default 5 min), each pause randomised by up to half of it either way (jitter).
     */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff must be positive with max >= initial, got " + initial + " and "
            + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** How long one POST may take before it counts as failed; default 15 s. */
    public Builder requestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive, got " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /** How often the relay looks for added and removed endpoints; default 1 s. */
    public Builder rescanInterval(Duration interval) {
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException("rescanInterval must be at least 1 ms, got " + interval);
      }
      this.rescanInterval = interval;
      return this;
    }

    /** The clock of {@code webhook-timestamp} and of dead events; default the system's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The relay, not yet started. */
    public WebhookRelay build() {
      return new WebhookRelay(this);
    }
  }
}

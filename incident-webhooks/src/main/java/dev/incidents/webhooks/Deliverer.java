package dev.incidents.webhooks;

import dev.incidents.events.IncidentEvent;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one event to one endpoint, signed, retrying failed attempts (an I/O error, a timeout, any status but
 * 2xx) as the relay's {@link RetryConfig} says: exponential backoff with jitter, a bounded number of attempts.
 */
final class Deliverer {

  /** How a delivery ended. */
  record Outcome(boolean delivered, int attempts, String lastError) {}

  /** An answer that is not 2xx. */
  static final class RejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    RejectedException(String message) {
      super(message, null, false, false);
    }
  }

  private final HttpClient client;
  private final RetryConfig retryConfig;
  private final Duration requestTimeout;
  private final Clock clock;

  Deliverer(HttpClient client, RetryConfig retryConfig, Duration requestTimeout, Clock clock) {
    this.client = client;
    this.retryConfig = retryConfig;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /**
   * Delivers, retrying until it succeeds or the attempts run out.
   *
   * @throws InterruptedException if interrupted (the relay is closing): the outcome is unknown
   */
  Outcome deliver(WebhookEndpoint endpoint, IncidentEvent event) throws InterruptedException {
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<String> lastError = new AtomicReference<>("");
    CheckedSupplier<Integer> attempt = () -> {
      attempts.incrementAndGet();
      try {
        int status = post(endpoint, event);
        if (status / 100 != 2) {
          throw new RejectedException("HTTP " + status);
        }
        return status;
      } catch (IOException | RejectedException e) {
        lastError.set(e.toString());
        throw e;
      }
    };
    try {
      Retry.of(endpoint.consumerName(), retryConfig).executeCheckedSupplier(attempt);
      return new Outcome(true, attempts.get(), "");
    } catch (InterruptedException e) {
      throw e;
    } catch (Throwable e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while delivering " + event);
      }
      String last = lastError.get();
      return new Outcome(false, attempts.get(), last == null || last.isEmpty() ? e.toString() : last);
    }
  }

  private int post(WebhookEndpoint endpoint, IncidentEvent event) throws IOException, InterruptedException {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(endpoint.url())
        .timeout(requestTimeout)
        .header("content-type", "application/json")
        .header("webhook-id", event.id())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", WebhookSignatures.sign(endpoint.secret(), event.id(), timestamp, event.json()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(event.json()))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}

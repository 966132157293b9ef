package dev.incidents.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A webhook receiver on 127.0.0.1 and a free port: each path answers its n-th request as its script says (fail
 * with 503, stall until the receiver closes, or accept with 204), verifies every signature with
 * {@link ReceiverExample}, and records what it accepted, in order.
 */
final class TestReceiver implements AutoCloseable {

  enum Answer { FAIL, STALL, ACCEPT }

  /** One request as received. */
  record Request(String webhookId, String timestamp, byte[] body, boolean verified) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, IntFunction<Answer>> scripts = new HashMap<>();
  private final Map<String, String> secrets = new HashMap<>();
  private final Map<String, List<Request>> requests = new HashMap<>();
  private final Map<String, List<Request>> accepted = new HashMap<>();

  TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of {@code path}, answering as {@code script} says for its 0-based request count. */
  synchronized URI path(String path, IntFunction<Answer> script) {
    scripts.put(path, script);
    requests.put(path, new ArrayList<>());
    accepted.put(path, new ArrayList<>());
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  synchronized void script(String path, IntFunction<Answer> script) {
    scripts.put(path, script);
  }

  synchronized void secret(String path, String secret) {
    secrets.put(path, secret);
  }

  synchronized List<Request> requests(String path) {
    return List.copyOf(requests.get(path));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body = exchange.getRequestBody().readAllBytes();
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
    Answer answer;
    Request request;
    synchronized (this) {
      boolean verified;
      try {
        verified = ReceiverExample.verify(secrets.get(path), id, timestamp, signature, body,
            System.currentTimeMillis() / 1000);
      } catch (Exception e) {
        verified = false;
      }
      request = new Request(id, timestamp, body, verified);
      List<Request> seen = requests.get(path);
      answer = scripts.get(path).apply(seen.size());
      seen.add(request);
      if (answer == Answer.ACCEPT) {
        accepted.get(path).add(request);
      }
      notifyAll();
    }
    try (exchange) {
      switch (answer) {
        case FAIL -> exchange.sendResponseHeaders(503, -1);
        case ACCEPT -> exchange.sendResponseHeaders(204, -1);
        case STALL -> {
          try {
            closing.await(5, TimeUnit.MINUTES); // the sender's timeout gives up long before
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(503, -1);
        }
      }
    }
  }

  /**
   * Waits until {@code path} has accepted {@code count} distinct events (or a minute passed); the accepted
   * requests, without the repeats of a request accepted just before it. Such a repeat is at least once at work:
   * the receiver accepted, but the answer did not reach the sender in time (a loaded machine), so it sent again.
   */
  synchronized List<Request> awaitAccepted(String path, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (withoutRepeats(accepted.get(path)).size() < count && System.nanoTime() < deadline) {
      TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
    }
    return withoutRepeats(accepted.get(path));
  }

  private static List<Request> withoutRepeats(List<Request> requests) {
    List<Request> distinct = new ArrayList<>();
    for (Request request : requests) {
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).webhookId().equals(request.webhookId())) {
        distinct.add(request);
      }
    }
    return distinct;
  }

  /** Waits until {@code path} has received {@code count} requests (or a minute passed). */
  synchronized int awaitRequests(String path, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (requests.get(path).size() < count && System.nanoTime() < deadline) {
      TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
    }
    return requests.get(path).size();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}

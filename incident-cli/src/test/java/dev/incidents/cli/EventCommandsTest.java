package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.incidents.webhooks.WebhookSignatures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code incident webhook add|list|remove}, {@code relay --drain} and {@code dead list|replay}, in this JVM over a
 * MapDB file, against a receiver on 127.0.0.1 that accepts, then refuses, then accepts again.
 */
class EventCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private HttpServer server;
  private final AtomicBoolean accepting = new AtomicBoolean(true);
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private final List<Boolean> verified = Collections.synchronizedList(new ArrayList<>());
  private volatile String secret;

  @BeforeEach
  void receiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/in", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      verified.add(WebhookSignatures.verify(secret, exchange.getRequestHeaders().getFirst("webhook-id"),
          exchange.getRequestHeaders().getFirst("webhook-timestamp"),
          exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now(), Duration.ofMinutes(5)));
      boolean accept = accepting.get();
      if (accept) {
        received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
      }
      exchange.sendResponseHeaders(accept ? 204 : 500, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private record Run(int status, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("--store", "mapdb:" + dir.resolve("incidents.db"), "--tenant", "acme",
        "--actor", "SYSU-1"));
    all.addAll(List.of(args));
    int status = IncidentCommand.run(new Io(new ByteArrayInputStream(new byte[0]), out,
        new PrintStream(err, true, StandardCharsets.UTF_8), false), all.toArray(String[]::new));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void create(String title) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = IncidentCommand.run(new Io(new ByteArrayInputStream(("{\"title\": \"" + title + "\"}")
        .getBytes(StandardCharsets.UTF_8)), out, new PrintStream(new ByteArrayOutputStream()), false),
        "--store", "mapdb:" + dir.resolve("incidents.db"), "--tenant", "acme", "--actor", "SYSU-1", "--events",
        "create");
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void registerRelayDieAndReplay() throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/in";
    Run added = run("webhook", "add", "--url", url, "--types", "incident_created,incident_deleted");
    assertThat(added.status()).as(added.err()).isZero();
    JsonNode endpoint = JSON.readTree(added.out());
    secret = endpoint.get("secret").asText();
    String id = endpoint.get("id").asText();
    assertThat(endpoint.get("event_types").toString()).isEqualTo("[\"incident_created\",\"incident_deleted\"]");

    Run listed = run("webhook", "list");
    assertThat(listed.out()).contains(id).doesNotContain(secret);

    create("one");
    create("two");
    Run relayed = run("relay", "--drain", "--backoff-ms", "5", "--max-attempts", "2", "--timeout-ms", "5000");
    assertThat(relayed.status()).as(relayed.err()).isZero();
    assertThat(received).containsExactly("evt:acme:1:1", "evt:acme:2:1");

    accepting.set(false);
    create("three");
    assertThat(run("relay", "--drain", "--backoff-ms", "5", "--max-attempts", "2").status()).isZero();
    Run dead = run("dead", "list");
    assertThat(dead.status()).isZero();
    JsonNode parked = JSON.readTree(dead.out());
    assertThat(parked.get("event_id").asText()).isEqualTo("evt:acme:3:1");
    assertThat(parked.get("attempts").asInt()).isEqualTo(2);
    assertThat(parked.get("event").get("incident_created").get("incident").get("title").asText()).isEqualTo("three");

    assertThat(run("dead", "replay", id, parked.get("sequence").asText(), "--max-attempts", "1").status())
        .as("still refused").isEqualTo(ExitCodes.FAILURE);
    accepting.set(true);
    Run replayed = run("dead", "replay", id, "--all");
    assertThat(replayed.status()).as(replayed.err()).isZero();
    assertThat(received).containsExactly("evt:acme:1:1", "evt:acme:2:1", "evt:acme:3:1");
    assertThat(run("dead", "list").out()).isEmpty();
    assertThat(run("dead", "replay", id, "99").status()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(verified).containsOnly(true);

    assertThat(run("webhook", "remove", id).status()).isZero();
    assertThat(run("webhook", "remove", id).status()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run("webhook", "list").out()).isEmpty();
  }

  @Test
  void badEndpointsAreUsageErrors() {
    Run bad = run("webhook", "add", "--url", "ftp://x", "--types", "incident_created");
    assertThat(bad.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("url must be an absolute http or https URL");
    assertThat(run("webhook", "add", "--url", "http://127.0.0.1/x", "--types", "incident_moved").err())
        .contains("unknown event type \"incident_moved\"");
  }
}

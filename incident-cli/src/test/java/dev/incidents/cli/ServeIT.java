package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code incident serve}: tokens, the store, the access log and a graceful stop (docs/HTTP.md). */
class ServeIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  private HttpResponse<String> create(URI base, String token, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/incidents.create"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheStoreWithTheTokensFileAndClosesItOnSigterm() throws Exception {
    Files.writeString(dir.resolve("tokens.txt"), "# token tenant actor\nsecret-acme acme DEVU-3\n"
        + "secret-other other SYSU-1\n");
    int exit;
    String log;
    try (ServeProcess serve = ServeProcess.start(dir, List.of("--store", "mapdb:./served.db", "serve", "--port", "0",
        "--tokens", "tokens.txt"))) {
      assertThat(serve.base().getHost()).isEqualTo("127.0.0.1");
      HttpResponse<String> created = create(serve.base(), "secret-acme", "{\"title\": \"Served\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(created.body()).contains("\"display_id\":\"INC-1\"", "don:identity:local:devo/acme:devu/3");
      assertThat(create(serve.base(), "secret-other", "{\"title\": \"Other\", \"source\": 1}").statusCode())
          .isEqualTo(201);
      assertThat(create(serve.base(), "secret-nobody", "{\"title\": \"x\"}").statusCode()).isEqualTo(401);
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(serve.base() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      exit = serve.terminate();
      log = serve.stderr();
    }
    assertThat(exit).as("a SIGTERM'd JVM ends with 128 + 15").isEqualTo(143);
    assertThat(log).contains("\"POST /incidents.create HTTP/1.1\" 201", "\"POST /incidents.create HTTP/1.1\" 401",
        "\"GET /health HTTP/1.1\" 200").doesNotContain("secret-");
    IncidentProcess.Result get = IncidentProcess.in(dir).run("--store", "mapdb:./served.db", "--tenant", "acme",
        "get", "INC-1");
    assertThat(get.exit()).as("the store was closed and kept the incident: %s", get).isZero();
    assertThat(get.line()).contains("\"title\":\"Served\"");
  }

  @Test
  void withoutTokensItGeneratesOneForTenantAndActor() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, List.of("--store", "mapdb:memory", "--tenant", "acme",
        "--actor", "DEVU-9", "serve", "--port", "0"))) {
      String line = serve.nextLine();
      assertThat(line).startsWith("token ").endsWith("(tenant acme, actor DEVU-9)");
      String token = line.split(" ")[1];
      assertThat(token).hasSizeGreaterThanOrEqualTo(40);
      HttpResponse<String> created = create(serve.base(), token, "{\"title\": \"Generated\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.body()).contains("devo/acme:devu/9");
      serve.terminate();
      assertThat(serve.stderr()).doesNotContain(token);
    }
  }

  @Test
  void aMalformedTokensFileIsAUsageErrorNamingEveryBadLineButNoToken() throws Exception {
    Files.writeString(dir.resolve("tokens.txt"), "good-token acme DEVU-1\nlonely-token acme\n"
        + "bad-tenant-token no/tenant DEVU-1\ngood-token acme DEVU-2\n");
    IncidentProcess.Result result = IncidentProcess.in(dir).run("--store", "mapdb:memory", "serve", "--tokens",
        "tokens.txt");
    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("line 2", "line 3", "line 4").doesNotContain("lonely-token",
        "bad-tenant-token", "good-token");
  }
}

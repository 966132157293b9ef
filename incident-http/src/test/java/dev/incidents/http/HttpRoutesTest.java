package dev.incidents.http;

import static dev.incidents.http.Services.ACME;
import static dev.incidents.http.Services.ACME_SYS;
import static dev.incidents.http.Services.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route, status and header of docs/CONTRACT.md section 12, over real HTTP. */
class HttpRoutesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;
  private static Client client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Services.memory(), Services.authenticator());
    client = new Client(server.base());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static JsonNode created(String body) {
    HttpResponse<String> response = client.post("incidents.create", "Bearer " + ACME, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("incident");
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void createAnswers201WithTheIncidentAsJson() {
    HttpResponse<String> response = client.post("incidents.create", ACME,
        "{\"title\": \"Checkout is down\", \"severity\": 1, \"applies_to_parts\": [\"PROD-3\"]}");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode incident = json(response).get("incident");
    assertThat(incident.get("title").asText()).isEqualTo("Checkout is down");
    assertThat(incident.get("display_id").asText()).startsWith("INC-");
    assertThat(incident.get("created_by").get("display_id").asText()).isEqualTo("DEVU-1");
    JsonNode part = incident.get("applies_to_parts").get(0);
    assertThat(part.get("name").asText()).isEqualTo("PROD-3");
    assertThat(part.get("owned_by").isArray()).isTrue();
  }

  @Test
  void anIdempotencyKeyReplaysTheFirstCreateAndRefusesADifferentRequest() {
    String body = "{\"title\": \"Retried\"}";
    HttpResponse<String> first = client.post("incidents.create", ACME, body, "Idempotency-Key", "retry-1");
    HttpResponse<String> again = client.post("incidents.create", ACME, " { \"title\" : \"Retried\" } ",
        "Idempotency-Key", "retry-1");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(json(again).get("incident").get("id")).isEqualTo(json(first).get("incident").get("id"));
    HttpResponse<String> conflict = client.post("incidents.create", ACME, "{\"title\": \"Other\"}",
        "Idempotency-Key", "retry-1");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(json(conflict).get("type").asText()).isEqualTo("conflict");
    HttpResponse<String> badKey = client.post("incidents.create", ACME, body, "Idempotency-Key", "x".repeat(256));
    assertThat(badKey.statusCode()).isEqualTo(400);
  }

  @Test
  void getByDonAndDisplayIdWithGetAndPostAnswersTheIncidentAndItsEtag() {
    JsonNode incident = created("{\"title\": \"Get me\"}");
    String id = incident.get("id").asText();
    String displayId = incident.get("display_id").asText();
    for (HttpResponse<String> response : List.of(client.get("incidents.get?id=" + q(id), ACME),
        client.get("incidents.get?id=" + displayId, "Bearer " + ACME),
        client.post("incidents.get", ACME, "{\"id\": \"" + displayId + "\"}"))) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
      assertThat(json(response).get("incident")).isEqualTo(incident);
    }
  }

  @Test
  void getOfAnUnknownIncidentOrAnotherTenantsIsNotFound() {
    JsonNode incident = created("{\"title\": \"Mine\"}");
    HttpResponse<String> missing = client.get("incidents.get?id=INC-999999", ACME);
    HttpResponse<String> foreign = client.get("incidents.get?id=" + incident.get("display_id").asText(), OTHER);
    for (HttpResponse<String> response : List.of(missing, foreign)) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).get("type").asText()).isEqualTo("not_found");
      assertThat(response.headers().firstValue("ETag")).isEmpty();
    }
  }

  @Test
  void getNeedsExactlyOneIdAndNoOtherParameter() {
    assertThat(client.get("incidents.get", ACME).statusCode()).isEqualTo(400);
    assertThat(json(client.get("incidents.get", ACME)).get("type").asText()).isEqualTo("missing_required_field");
    assertThat(client.get("incidents.get?id=INC-1&id=INC-2", ACME).statusCode()).isEqualTo(400);
    HttpResponse<String> extra = client.get("incidents.get?id=INC-1&colour=red", ACME);
    assertThat(extra.statusCode()).isEqualTo(400);
    assertThat(json(extra).get("field_name").asText()).isEqualTo("colour");
  }

  @Test
  void listPagesThroughAnArrayFilterInTheClientsEncoding() {
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(created("{\"title\": \"Owned " + i + "\", \"owned_by\": [\"DEVU-77\"]}").get("id").asText());
    }
    created("{\"title\": \"Owned by someone else\", \"owned_by\": [\"DEVU-78\"]}");
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      String query = "incidents.list?limit=2&owned_by=" + q("\"DEVU-77\",\"DEVU-79\"")
          + (cursor == null ? "" : "&cursor=" + q(cursor));
      HttpResponse<String> page = client.get(query, ACME);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      json(page).get("incidents").forEach(i -> seen.add(i.get("id").asText()));
      cursor = json(page).has("next_cursor") ? json(page).get("next_cursor").asText() : null;
    } while (cursor != null);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(mine);
    HttpResponse<String> post = client.post("incidents.list", ACME, "{\"owned_by\": [\"DEVU-77\"], \"limit\": 10}");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(json(post).get("incidents")).hasSize(3);
  }

  @Test
  void listAcceptsPlainAndRepeatedArrayParametersAndNumbers() {
    created("{\"title\": \"Sev2\", \"severity\": 2, \"owned_by\": [\"DEVU-90\"]}");
    created("{\"title\": \"Sev3\", \"severity\": 3, \"owned_by\": [\"DEVU-91\"]}");
    HttpResponse<String> repeated = client.get("incidents.list?owned_by=DEVU-90&owned_by=DEVU-91", ACME);
    assertThat(json(repeated).get("incidents")).hasSize(2);
    HttpResponse<String> severities = client.get("incidents.list?owned_by=" + q("\"DEVU-90\",\"DEVU-91\"")
        + "&severity=" + q("\"3\""), ACME);
    assertThat(json(severities).get("incidents")).hasSize(1);
    HttpResponse<String> range = client.get("incidents.list?owned_by=DEVU-90&created_date.type=range"
        + "&created_date.after=2000-01-01T00:00:00Z&" + q("modified_date[type]") + "=range&"
        + q("modified_date[before]") + "=2999-01-01T00:00:00Z", ACME);
    assertThat(range.statusCode()).as(range.body()).isEqualTo(200);
    assertThat(json(range).get("incidents")).hasSize(1);
  }

  @Test
  void listQueryMistakesAreBadRequestsNamingTheParameter() {
    HttpResponse<String> unbalanced = client.get("incidents.list?owned_by=" + q("\"DEVU-1,\"DEVU-2"), ACME);
    assertThat(unbalanced.statusCode()).isEqualTo(400);
    assertThat(json(unbalanced).get("field_name").asText()).isEqualTo("owned_by");
    HttpResponse<String> notANumber = client.get("incidents.list?severity=high", ACME);
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(json(notANumber).get("field_name").asText()).startsWith("severity");
    HttpResponse<String> unknown = client.get("incidents.list?colour=red", ACME);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("type").asText()).isEqualTo("invalid_field");
    HttpResponse<String> twice = client.get("incidents.list?limit=1&limit=2", ACME);
    assertThat(twice.statusCode()).isEqualTo(400);
    HttpResponse<String> badEscape = client.get("incidents.list?owned_by=%E2%82", ACME);
    assertThat(badEscape.statusCode()).isEqualTo(400);
    assertThat(json(badEscape).get("message").asText()).contains("UTF-8");
  }

  @Test
  void updateAnswersTheNewVersionAndHonoursIfMatch() {
    String id = created("{\"title\": \"Before\"}").get("id").asText();
    HttpResponse<String> updated = client.post("incidents.update", ACME,
        "{\"id\": \"" + id + "\", \"title\": \"After\"}", "If-Match", "\"1\"");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");
    assertThat(json(updated).get("incident").get("title").asText()).isEqualTo("After");

    HttpResponse<String> stale = client.post("incidents.update", ACME,
        "{\"id\": \"" + id + "\", \"title\": \"Lost\"}", "If-Match", "\"1\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(json(stale).get("type").asText()).isEqualTo("conflict");
    HttpResponse<String> weak = client.post("incidents.update", ACME,
        "{\"id\": \"" + id + "\", \"title\": \"Lost\"}", "If-Match", "W/\"2\"");
    assertThat(weak.statusCode()).isEqualTo(412);
    HttpResponse<String> malformed = client.post("incidents.update", ACME,
        "{\"id\": \"" + id + "\", \"title\": \"Lost\"}", "If-Match", "2");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).get("field_name").asText()).isEqualTo("If-Match");
    HttpResponse<String> any = client.post("incidents.update", ACME,
        "{\"id\": \"" + id + "\", \"title\": \"Any\"}", "If-Match", "*");
    assertThat(any.headers().firstValue("ETag")).hasValue("\"3\"");
    HttpResponse<String> unconditional = client.post("incidents.update", ACME,
        "{\"id\": \"" + id + "\", \"owned_by\": {\"set\": [\"DEVU-5\"]}}");
    assertThat(unconditional.headers().firstValue("ETag")).hasValue("\"4\"");
    assertThat(client.get("incidents.get?id=" + q(id), ACME).headers().firstValue("ETag")).hasValue("\"4\"");
  }

  @Test
  void deleteAnswersAnEmptyObjectThenNotFound() {
    String id = created("{\"title\": \"Doomed\"}").get("id").asText();
    HttpResponse<String> stale = client.post("incidents.delete", ACME, "{\"id\": \"" + id + "\"}", "If-Match",
        "\"7\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    HttpResponse<String> deleted = client.post("incidents.delete", ACME, "{\"id\": \"" + id + "\"}");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{}");
    assertThat(client.post("incidents.delete", ACME, "{\"id\": \"" + id + "\"}").statusCode()).isEqualTo(404);
    assertThat(client.get("incidents.get?id=" + q(id), ACME).statusCode()).isEqualTo(404);
  }

  @Test
  void aRejectedRequestIs400WithEveryViolation() {
    HttpResponse<String> response = client.post("incidents.create", ACME,
        "{\"title\": \"\", \"severity\": \"1\", \"colour\": \"red\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response);
    assertThat(error.get("violations")).hasSize(3);
  }

  @Test
  void settingSourceAsADevUserIsForbiddenAndAllowedForASysUser() {
    HttpResponse<String> dev = client.post("incidents.create", ACME, "{\"title\": \"Alert\", \"source\": 1}");
    assertThat(dev.statusCode()).isEqualTo(403);
    assertThat(json(dev).get("type").asText()).isEqualTo("forbidden");
    assertThat(client.post("incidents.create", ACME_SYS, "{\"title\": \"Alert\", \"source\": 1}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void withoutAValidTokenEveryRouteIs401() {
    for (String token : new String[] {null, "", "Bearer", "Bearer nope", "nope", "Basic " + ACME,
        "x".repeat(600)}) {
      HttpResponse<String> response = client.post("incidents.create", token, "{\"title\": \"t\"}");
      assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(json(response).get("type").asText()).isEqualTo("unauthenticated");
      assertThat(response.body()).doesNotContain("nope");
    }
    assertThat(client.get("incidents.list", null).statusCode()).isEqualTo(401);
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405WithAllow() {
    for (String route : List.of("incidents.group", "incidents", "", "works.list", "incidents.create/x")) {
      HttpResponse<String> response = client.post(route, ACME, "{}");
      assertThat(response.statusCode()).as(route).isEqualTo(404);
      assertThat(json(response).get("type").asText()).isEqualTo("not_found");
    }
    HttpResponse<String> get = client.get("incidents.create", ACME);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> put = client.send(client.request("incidents.get").header("Authorization", ACME)
        .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(json(put).get("type").asText()).isEqualTo("bad_request");
  }

  @Test
  void aPostThatIsNotJsonIs415() {
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
        "application/jsonx")) {
      HttpResponse<String> response = client.send(client.request("incidents.create").header("Authorization", ACME)
          .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"t\"}")).build());
      assertThat(response.statusCode()).as(type).isEqualTo(415);
    }
    HttpResponse<String> none = client.send(client.request("incidents.create").header("Authorization", ACME)
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"t\"}")).build());
    assertThat(none.statusCode()).isEqualTo(415);
    HttpResponse<String> charset = client.send(client.request("incidents.create").header("Authorization", ACME)
        .header("Content-Type", "application/json; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"t\"}")).build());
    assertThat(charset.statusCode()).isEqualTo(201);
  }

  @Test
  void aBodyOverOneMebibyteIs413WhetherItsLengthIsDeclaredOrNot() {
    byte[] large = new byte[IncidentServlet.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(large, (byte) ' ');
    HttpResponse<String> declared = client.send(client.request("incidents.create").header("Authorization", ACME)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(large)).build());
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(json(declared).get("type").asText()).isEqualTo("parse_error");
    HttpResponse<String> chunked = client.send(client.request("incidents.create").header("Authorization", ACME)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(large))).build());
    assertThat(chunked.statusCode()).isEqualTo(413);
    byte[] limit = new byte[IncidentServlet.MAX_BODY_BYTES];
    java.util.Arrays.fill(limit, (byte) ' ');
    byte[] body = "{\"title\": \"at the limit\"}".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(body, 0, limit, 0, body.length);
    HttpResponse<String> atLimit = client.send(client.request("incidents.create").header("Authorization", ACME)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(limit)).build());
    assertThat(atLimit.statusCode()).isEqualTo(201);
  }

  @Test
  void healthNeedsNoToken() {
    HttpResponse<String> health = client.get("health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void failuresOfTheServiceSayNothingInternal() throws Exception {
    try (TestServer broken = TestServer.start(Services.broken(), Services.authenticator());
        TestServer unavailable = TestServer.start(Services.unavailable(), Services.authenticator())) {
      Client brokenClient = new Client(broken.base());
      Client unavailableClient = new Client(unavailable.base());
      HttpResponse<String> internal = brokenClient.post("incidents.create", ACME, "{\"title\": \"t\"}");
      assertThat(internal.statusCode()).isEqualTo(500);
      assertThat(json(internal).get("type").asText()).isEqualTo("internal_error");
      assertThat(json(internal).get("reference_id").asText()).isNotEmpty();
      HttpResponse<String> down = unavailableClient.get("incidents.get?id=INC-1", ACME);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(json(down).get("type").asText()).isEqualTo("service_unavailable");
      for (HttpResponse<String> response : List.of(internal, down)) {
        assertThat(response.body()).doesNotContain("hunter2", "jdbc", "Exception", "db.internal");
      }
    }
  }
}

package dev.incidents.http;

import static dev.incidents.http.Services.ACME;
import static dev.incidents.http.Services.ACME_SYS;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every reply body, successes and errors of every route, validates against the response schemas of the API's
 * OpenAPI extract (src/test/resources/incidents-openapi.yaml), read with a JSON Schema validator. OpenAPI 3.0's
 * discriminated {@code oneOf} is read as {@code anyOf} (the discriminator is not JSON Schema), and the error schemas
 * allow further fields (our {@code violations}, {@code field_name}, ... of docs/CONTRACT.md section 6).
 */
class SchemaConformanceTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final JsonNode OPENAPI = openApi();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  private static final Map<String, Schema> SCHEMAS = new HashMap<>();

  /** The extract, with oneOf read as anyOf, discriminators dropped and error schemas open to more fields. */
  private static JsonNode openApi() {
    JsonNode root = YAML.readTree(Path.of(System.getProperty("incidents.openapi",
        "src/test/resources/incidents-openapi.yaml")).toFile());
    relax(root, false);
    return root;
  }

  private static void relax(JsonNode node, boolean inErrorSchema) {
    if (node instanceof ObjectNode object) {
      if (object.has("oneOf")) {
        object.set("anyOf", object.remove("oneOf"));
      }
      object.remove("discriminator");
      if (inErrorSchema && object.path("additionalProperties").isBoolean()) {
        object.remove("additionalProperties");
      }
      for (String name : new ArrayList<>(object.propertyNames())) {
        relax(object.get(name), inErrorSchema || name.startsWith("error-"));
      }
    } else if (node != null && node.isArray()) {
      node.forEach(element -> relax(element, inErrorSchema));
    }
  }

  private static Schema schema(String name) {
    return SCHEMAS.computeIfAbsent(name, n -> {
      ObjectNode root = (ObjectNode) OPENAPI.deepCopy();
      root.put("$ref", "#/components/schemas/" + n);
      return REGISTRY.getSchema(root.toString());
    });
  }

  /** The schema a reply of this route and status must match, by the extract's responses. */
  private static String schemaFor(String route, int status) {
    return switch (status) {
      case 200, 201 -> route.replace('.', '-') + "-response";
      case 400, 405, 413, 415 -> "error-bad-request";
      case 401 -> "error-unauthorized";
      case 403 -> "error-forbidden";
      case 404 -> "error-not-found";
      case 409, 412 -> "error-base";
      case 500 -> "error-internal-server-error";
      case 503 -> "error-service-unavailable";
      default -> throw new AssertionError("no schema for status " + status);
    };
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A create request with every field the library renders, so that every part of the incident schema is used. */
  private static final String FULL = "{\"title\": \"Checkout is down\", \"body\": \"Payments fail\","
      + " \"severity\": 1, \"reported_by\": 2, \"source\": 1,"
      + " \"identified_date\": \"2024-05-01T07:30:00Z\", \"acknowledged_date\": \"2024-05-01T07:40:00Z\","
      + " \"mitigated_date\": \"2024-05-01T07:50:00Z\", \"target_close_date\": \"2024-05-02T00:00:00Z\","
      + " \"applies_to_parts\": [\"PROD-3\", \"CAPL-1\", \"FEAT-2\", \"ENH-4\"], \"artifacts\": [\"ARTIFACT-1\"],"
      + " \"owned_by\": [\"DEVU-7\", \"SVCACC-1\"], \"stakeholders\": [\"REVU-2\", \"SYSU-1\"],"
      + " \"pia\": [\"ARTICLE-1\"], \"playbooks\": [\"ARTICLE-2\"], \"related_docs\": [\"ARTICLE-3\"],"
      + " \"impacted_customers\": [\"ACC-1\"], \"impact\": {\"count\": 120, \"customer_ids\": [\"ACC-2\"]},"
      + " \"stage\": {\"stage\": \"resolved\", \"notes\": \"rolled back\"},"
      + " \"tags\": [{\"tag_id\": \"TAG-2\", \"value\": \"p1\"}, {\"tag_id\": \"TAG-3\"}]}";

  @Test
  void everyReplyOfEveryRouteValidatesAgainstTheApisSchemas() throws Exception {
    List<Client.Exchange> exchanges = new ArrayList<>();
    try (TestServer server = TestServer.start(Services.memory(), Services.authenticator());
        TestServer broken = TestServer.start(Services.broken(), Services.authenticator());
        TestServer unavailable = TestServer.start(Services.unavailable(), Services.authenticator())) {
      Client client = new Client(server.base());
      String created = client.post("incidents.create", ACME_SYS, FULL, "Idempotency-Key", "full-1").body();
      String id = tools.jackson.databind.json.JsonMapper.shared().readTree(created).get("incident").get("id")
          .asString();
      client.post("incidents.create", ACME, "{\"title\": \"Plain\"}");
      client.post("incidents.create", ACME_SYS, FULL.replace("Payments", "Cards"), "Idempotency-Key", "full-1");
      client.post("incidents.create", ACME, "{\"title\": \"\", \"severity\": 9, \"owned_by\": [\"PROD-1\"], "
          + "\"artifacts\": [\"nonsense\"], \"stage\": {\"stage\": \"nowhere\"}, \"colour\": 1, \"body\": 5}");
      client.post("incidents.create", ACME, "{\"title\": \"t\", \"source\": 1}");
      client.post("incidents.create", ACME, "{");
      client.post("incidents.create", null, "{}");
      client.send(client.request("incidents.create").header("Authorization", ACME)
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
      client.send(client.request("incidents.create").header("Authorization", ACME)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[IncidentServlet.MAX_BODY_BYTES + 1])).build());
      client.get("incidents.create", ACME);
      client.get("incidents.get?id=" + q(id), ACME);
      client.get("incidents.get?id=INC-404", ACME);
      client.get("incidents.get?id=nonsense", ACME);
      client.post("incidents.get", ACME, "{\"id\": \"" + id + "\"}");
      client.get("incidents.list", ACME);
      client.get("incidents.list?limit=1", ACME);
      client.get("incidents.list?owned_by=" + q("\"DEVU-7\""), ACME);
      client.get("incidents.list?owned_by=" + q("\"DEVU-7"), ACME);
      client.post("incidents.list", ACME, "{\"severity\": [1], \"sort_by\": [\"created_date:asc\"]}");
      client.post("incidents.list", ACME, "{\"severity\": [\"x\"]}");
      client.post("incidents.update", ACME, "{\"id\": \"" + id + "\", \"title\": \"Updated\", \"stage\": "
          + "{\"stage\": \"mitigated\"}}", "If-Match", "\"1\"");
      client.post("incidents.update", ACME, "{\"id\": \"" + id + "\", \"title\": \"Stale\"}", "If-Match", "\"1\"");
      client.post("incidents.update", ACME, "{\"id\": \"" + id + "\", \"title\": null}");
      client.post("incidents.update", ACME, "{\"id\": \"INC-404\", \"title\": \"x\"}");
      client.post("incidents.delete", ACME, "{\"id\": \"" + id + "\"}");
      client.post("incidents.delete", ACME, "{\"id\": \"" + id + "\"}");
      client.post("incidents.group", ACME, "{}");
      exchanges.addAll(client.exchanges());
      Client brokenClient = new Client(broken.base());
      brokenClient.post("incidents.create", ACME, "{\"title\": \"t\"}");
      brokenClient.get("incidents.list", ACME);
      exchanges.addAll(brokenClient.exchanges());
      Client unavailableClient = new Client(unavailable.base());
      unavailableClient.post("incidents.update", ACME, "{\"id\": \"INC-1\", \"title\": \"t\"}");
      unavailableClient.post("incidents.delete", ACME, "{\"id\": \"INC-1\"}");
      exchanges.addAll(unavailableClient.exchanges());
    }

    List<String> failures = new ArrayList<>();
    Set<String> covered = new TreeSet<>();
    tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.shared();
    for (Client.Exchange exchange : exchanges) {
      String route = exchange.route().equals("incidents.group") ? "incidents.get" : exchange.route();
      String name = schemaFor(route, exchange.status());
      JsonNode body = json.readTree(exchange.body());
      List<Error> errors = schema(name).validate(body);
      if (!errors.isEmpty()) {
        failures.add(exchange.method() + " " + exchange.route() + " " + exchange.status() + " against " + name + ": "
            + errors + "\n    " + exchange.body());
      }
      if (exchange.status() == 409 || exchange.status() == 412) {
        if (!body.path("type").asString("").equals("conflict")) {
          failures.add(exchange.route() + " " + exchange.status() + " is not of type conflict: " + exchange.body());
        }
      }
      covered.add(exchange.route() + " " + exchange.status());
    }
    assertThat(failures).as("replies that break the API's schemas").isEmpty();
    assertThat(covered).contains("incidents.create 201", "incidents.create 400", "incidents.create 401",
        "incidents.create 403", "incidents.create 405", "incidents.create 409", "incidents.create 413",
        "incidents.create 415", "incidents.create 500", "incidents.get 200", "incidents.get 400", "incidents.get 404",
        "incidents.list 200", "incidents.list 400", "incidents.list 500", "incidents.update 200",
        "incidents.update 400", "incidents.update 404", "incidents.update 412", "incidents.update 503",
        "incidents.delete 200", "incidents.delete 404", "incidents.delete 503", "incidents.group 404");
  }

  @Test
  void theValidatorRejectsWhatTheSchemasForbid() {
    tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.shared();
    assertThat(schema("incidents-get-response").validate(json.readTree(
        "{\"incident\": {\"id\": \"x\", \"display_id\": \"INC-1\", \"title\": \"t\", \"applies_to_parts\": "
            + "[{\"type\": \"product\", \"id\": \"p\", \"display_id\": \"PROD-1\"}]}}"))).isNotEmpty();
    assertThat(schema("incidents-get-response").validate(json.readTree("{}"))).isNotEmpty();
    assertThat(schema("error-not-found").validate(json.readTree("{\"type\": \"conflict\"}"))).isNotEmpty();
    assertThat(schema("error-unauthorized").validate(json.readTree("{\"message\": \"m\"}"))).isNotEmpty();
  }
}

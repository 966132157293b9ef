package dev.incidents;

import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.ListQuery;
import dev.incidents.testing.Renderings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.ConflictException;
import dev.incidents.error.ErrorType;
import dev.incidents.error.ForbiddenException;
import dev.incidents.error.IncidentException;
import dev.incidents.error.InternalErrorException;
import dev.incidents.error.NotFoundException;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.error.Violation;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One example per error kind of docs/CONTRACT.md section 6, checked on the error body the JSON endpoint writes:
 * the top-level fields repeat the first violation, {@code violations} lists all, nothing is stored.
 */
class ErrorKindsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fixture f = new Fixture();

  private JsonNode rejected(JsonReply reply, int status, String type, String fieldName) throws Exception {
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(status);
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.path("type").asText()).as(reply.bodyText()).isEqualTo(type);
    if (fieldName == null) {
      assertThat(body.has("field_name")).isFalse();
    } else {
      assertThat(body.path("field_name").asText()).isEqualTo(fieldName);
    }
    assertThat(body.path("message").asText()).isNotBlank();
    JsonNode first = body.path("violations").path(0);
    assertThat(first.path("type").asText()).isEqualTo(type);
    assertThat(first.path("message").asText()).isEqualTo(body.path("message").asText());
    assertThat(f.count(Fixture.TENANT)).as("a rejected call stores nothing").isZero();
    return body;
  }

  @Test
  void missingRequiredField() throws Exception {
    JsonNode body = rejected(f.createJson("{}"), 400, "missing_required_field", "title");
    assertThat(body.path("message").asText()).isEqualTo("title is required");
  }

  @Test
  void invalidField() throws Exception {
    rejected(f.createJson("{\"title\": \"t\", \"titel\": \"t\"}"), 400, "invalid_field", "titel");
    rejected(f.createJson("{\"title\": \"t\", \"impact\": {\"cnt\": 1}}"), 400, "invalid_field", "impact.cnt");
    rejected(f.createJson("{\"title\": \"t\", \"custom_fields\": {\"tnt__region\": \"eu\"}}"), 400, "invalid_field",
        "custom_fields.tnt__region");
  }

  @Test
  void unexpectedJsonType() throws Exception {
    rejected(f.createJson("{\"title\": \"t\", \"severity\": \"1\"}"), 400, "unexpected_json_type", "severity");
    rejected(f.createJson("{\"title\": 5}"), 400, "unexpected_json_type", "title");
    rejected(f.createJson("{\"title\": \"t\", \"owned_by\": \"DEVU-1\"}"), 400, "unexpected_json_type", "owned_by");
    rejected(f.createJson("{\"title\": \"t\", \"severity\": 1.0}"), 400, "unexpected_json_type", "severity");
    rejected(f.createJson("{\"title\": \"t\", \"tags\": [{\"tag_id\": 7}]}"), 400, "unexpected_json_type", "tags[0].tag_id");
    rejected(f.createJson("{\"title\": \"t\", \"custom_schema_spec\": {\"tenant_fragment\": \"yes\"}}"), 400,
        "unexpected_json_type", "custom_schema_spec.tenant_fragment");
    rejected(f.createJson("[]"), 400, "unexpected_json_type", null);
  }

  @Test
  void invalidEnumValueCarriesValueAndAllowedValues() throws Exception {
    JsonNode body = rejected(f.createJson("{\"title\": \"t\", \"severity\": 7}"), 400, "invalid_enum_value", "severity");
    assertThat(body.path("value").asLong()).isEqualTo(7);
    assertThat(body.path("allowed_values").toString()).isEqualTo("[0,1,2,3]");
    JsonNode stage = rejected(f.createJson("{\"title\": \"t\", \"stage\": {\"stage\": \"nope\"}}"), 400,
        "invalid_enum_value", "stage.stage");
    assertThat(stage.path("allowed_values").toString()).isEqualTo("[\"acknowledged\",\"identified\",\"mitigated\",\"resolved\"]");
  }

  @Test
  void valueNotPermittedCarriesTheReason() throws Exception {
    JsonNode body = rejected(f.createJson("{\"title\": \"   \"}"), 400, "value_not_permitted", "title");
    assertThat(body.path("reason").asText()).isEqualTo("must not be blank");
    rejected(f.createJson("{\"title\": \"t\", \"identified_date\": \"2024-01-01\"}"), 400, "value_not_permitted",
        "identified_date");
  }

  /** Clause 1.5: each text rule is value_not_permitted, and its reason names the rule (and where it broke). */
  @Test
  void eachTextRuleIsNamedInTheReason() {
    assertThat(titleReason("😀".repeat(257)))
        .isEqualTo("must be at most 256 characters (Unicode code points), got 257");
    assertThat(titleReason("a\u0000b")).isEqualTo("must not contain the NUL character (U+0000)");
    assertThat(titleReason("a\ud800b")).isEqualTo("must not contain an unpaired UTF-16 surrogate (at index 1)");
    assertThat(titleReason("ab\ud800")).as("a high surrogate as the last unit")
        .isEqualTo("must not contain an unpaired UTF-16 surrogate (at index 2)");
    assertThat(titleReason("a\udc00b")).as("a low surrogate without its high one")
        .isEqualTo("must not contain an unpaired UTF-16 surrogate (at index 1)");
    assertThat(titleReason("\udc00\ud800")).as("a pair in the wrong order is two unpaired surrogates")
        .isEqualTo("must not contain an unpaired UTF-16 surrogate (at index 0)");
    List<Violation> body = f.service.validate(Fixture.SYS,
        IncidentCreateRequest.builder().title("t").body("x".repeat(IncidentCreateRequest.MAX_BODY + 1)).build());
    assertThat(body).singleElement().satisfies(v -> {
      assertThat(v.fieldName()).isEqualTo("body");
      assertThat(v.reason()).isEqualTo("must be at most 65536 characters (Unicode code points), got 65537");
    });
  }

  @Test
  void surrogatePairsAreTextAndCountOnce() {
    for (String title : List.of("😀", "😀 at the start", "at the end 😀", "x😀y😀z", "😀".repeat(256))) {
      assertThat(f.service.validate(Fixture.SYS, IncidentCreateRequest.builder().title(title).build()))
          .as(title).isEmpty();
    }
    assertThat(f.service.create(Fixture.SYS, IncidentCreateRequest.builder().title("x😀y").build()).title())
        .isEqualTo("x😀y");
  }

  private String titleReason(String title) {
    List<Violation> violations = f.service.validate(Fixture.SYS, IncidentCreateRequest.builder().title(title).build());
    assertThat(violations).as(title).singleElement().satisfies(v -> {
      assertThat(v.type()).isEqualTo(ErrorType.VALUE_NOT_PERMITTED);
      assertThat(v.fieldName()).isEqualTo("title");
      assertThat(v.message()).isEqualTo("title " + v.reason());
    });
    return violations.get(0).reason();
  }

  @Test
  void invalidId() throws Exception {
    rejected(f.createJson("{\"title\": \"t\", \"owned_by\": [\"DEVU-01\"]}"), 400, "invalid_id", "owned_by[0]");
    rejected(f.createJson("{\"title\": \"t\", \"owned_by\": [\"FOO-1\"]}"), 400, "invalid_id", "owned_by[0]");
    rejected(f.createJson("{\"title\": \"t\", \"pia\": [\"don:core:local:devo/other:article/1\"]}"), 400,
        "invalid_id", "pia[0]");
    rejected(f.createJson("{\"title\": \"t\", \"pia\": [\"don:core:elsewhere:devo/acme:article/1\"]}"), 400,
        "invalid_id", "pia[0]");
  }

  @Test
  void unexpectedIdType() throws Exception {
    JsonNode body = rejected(f.createJson("{\"title\": \"t\", \"owned_by\": [\"PROD-1\"]}"), 400,
        "unexpected_id_type", "owned_by[0]");
    assertThat(body.path("message").asText()).contains("user id").contains("product");
  }

  @Test
  void parseErrors() throws Exception {
    rejected(f.createJson("{\"title\": "), 400, "parse_error", "title");
    rejected(f.createJson(""), 400, "parse_error", null);
    rejected(f.createJson("{\"title\": \"a\"} {}"), 400, "parse_error", null);
    rejected(f.createJson("{\"title\": \"a\", \"title\": \"b\"}"), 400, "parse_error", "title");
    rejected(f.createJson("{\"title\": \"a\", \"severity\": 9223372036854775808}"), 400, "parse_error", "severity");
    JsonNode deep = rejected(f.createJson("{\"title\": \"a\", \"custom_fields\": " + "{\"a\":".repeat(32) + "1"
        + "}".repeat(32) + "}"), 400, "parse_error", null);
    assertThat(deep.path("message").asText()).contains("32");
    byte[] big = ("{\"title\": \"t\", \"body\": \"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
    rejected(f.service.json().create(Fixture.TENANT, "SYSU-1", big, null), 400, "parse_error", null);
  }

  @Test
  void nestingUpTo32LevelsIsAccepted() {
    // 31 levels inside the body object; the custom field itself is then invalid_field, not parse_error.
    JsonReply reply = f.createJson("{\"title\": \"a\", \"custom_fields\": " + "{\"a\":".repeat(30) + "1" + "}".repeat(30) + "}");
    assertThat(reply.bodyText()).contains("invalid_field").doesNotContain("parse_error");
  }

  @Test
  void badRequestForAMalformedCursorOrLimit() throws Exception {
    rejected(listJson("{\"cursor\": \"bm9wZQ\"}"), 400, "bad_request", "cursor");
    rejected(listJson("{\"limit\": \"ten\"}"), 400, "unexpected_json_type", "limit");
    rejected(listJson("{\"limit\": 1001}"), 400, "value_not_permitted", "limit");
    rejected(listJson("{\"limit\": 0}"), 400, "value_not_permitted", "limit");
  }

  private JsonReply listJson(String body) {
    return f.service.json().list(Fixture.TENANT, "DEVU-1", body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void badContextIsRejected() throws Exception {
    rejected(f.service.json().create("bad tenant!", "SYSU-1", "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), null),
        400, "value_not_permitted", "tenant");
    rejected(f.service.json().create(Fixture.TENANT, "PROD-1", "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), null),
        400, "unexpected_id_type", "actor");
    rejected(f.service.json().create(Fixture.TENANT, "SYSU-1", "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), ""),
        400, "value_not_permitted", "idempotency_key");
    rejected(f.service.json().create(Fixture.TENANT, "SYSU-1", "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), "é"),
        400, "value_not_permitted", "idempotency_key");
    rejected(f.service.json().get(Fixture.TENANT, "DEVU-1", "INC-x"), 400, "invalid_id", "id");
  }

  @Test
  void forbidden() throws Exception {
    JsonReply reply = f.service.json().create(Fixture.TENANT, "DEVU-1",
        "{\"title\": \"t\", \"source\": 1}".getBytes(StandardCharsets.UTF_8), null);
    JsonNode body = rejected(reply, 403, "forbidden", "source");
    assertThat(body.path("message").asText()).contains("sys_user or service_account");
    assertThat(f.service.json().create(Fixture.TENANT, "SVCACC-2",
        "{\"title\": \"t\", \"source\": 1}".getBytes(StandardCharsets.UTF_8), null).status()).isEqualTo(201);
  }

  @Test
  void aRequestWithOtherProblemsIsABadRequestThatAlsoListsForbidden() throws Exception {
    JsonReply reply = f.service.json().create(Fixture.TENANT, "DEVU-1",
        "{\"source\": 1}".getBytes(StandardCharsets.UTF_8), null);
    JsonNode body = rejected(reply, 400, "missing_required_field", "title");
    assertThat(body.path("violations").path(1).path("type").asText()).isEqualTo("forbidden");
  }

  @Test
  void notFound() throws Exception {
    rejected(f.service.json().get(Fixture.TENANT, "DEVU-1", "INC-1"), 404, "not_found", "id");
    f.service.create(Fixture.SYS, IncidentCreateRequest.builder().title("t").build());
    JsonReply otherTenant = f.service.json().get("other", "DEVU-1", "INC-1");
    assertThat(otherTenant.status()).isEqualTo(404);
    JsonReply foreignDon = f.service.json().get("other", "DEVU-1", "don:core:local:devo/acme:incident/1");
    assertThat(foreignDon.status()).isEqualTo(404);
  }

  @Test
  void conflict() throws Exception {
    byte[] first = "{\"title\": \"a\"}".getBytes(StandardCharsets.UTF_8);
    byte[] second = "{\"title\": \"b\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(f.service.json().create(Fixture.TENANT, "SYSU-1", first, "k1").status()).isEqualTo(201);
    JsonReply reply = f.service.json().create(Fixture.TENANT, "SYSU-1", second, "k1");
    assertThat(reply.status()).isEqualTo(409);
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.path("type").asText()).isEqualTo("conflict");
    assertThat(body.path("message").asText()).contains("k1").contains("INC-1");
    assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
  }

  @Test
  void serviceUnavailableWhenTheStoreFails() throws Exception {
    IncidentStore broken = new FailingStore();
    IncidentService service = Incidents.builder().store(broken).build();
    JsonReply reply = service.json().create(Fixture.TENANT, "SYSU-1", "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(reply.status()).isEqualTo(503);
    assertThat(JSON.readTree(reply.body()).path("message").asText()).contains("disk on fire");
    assertThatThrownBy(() -> service.get(Fixture.SYS, "INC-1")).isInstanceOf(ServiceUnavailableException.class);
  }

  @Test
  void serviceUnavailableWhenTheResolverFails() {
    InMemoryIncidentStore store = new InMemoryIncidentStore();
    IncidentService service = Incidents.builder().store(store)
        .referenceResolver((context, references) -> {
          throw new IllegalStateException("directory down");
        }).build();
    assertThatThrownBy(() -> service.create(Fixture.SYS, IncidentCreateRequest.builder().title("t").ownedBy("DEVU-1").build()))
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("directory down");
    assertThat(store.list(Fixture.TENANT, ListQuery.newest(10))).isEmpty();
  }

  @Test
  void internalErrorWhenAStoredDocumentIsUnreadable() throws Exception {
    InMemoryIncidentStore store = new InMemoryIncidentStore();
    store.create(new NewIncident(Fixture.TENANT, null, null, Renderings.text(n -> "not json")));
    IncidentService service = Incidents.builder().store(store).build();
    assertThatThrownBy(() -> service.get(Fixture.SYS, "INC-1")).isInstanceOf(InternalErrorException.class);
    JsonReply reply = service.json().get(Fixture.TENANT, "DEVU-1", "INC-1");
    assertThat(reply.status()).isEqualTo(500);
    assertThat(JSON.readTree(reply.body()).path("type").asText()).isEqualTo("internal_error");
  }

  @Test
  void everyViolationIsListedNotJustTheFirst() throws Exception {
    JsonReply reply = f.createJson("""
        {"title": 5, "severity": "1", "owned_by": ["PROD-1", "x"], "foo": 1, "stage": {},
         "identified_date": "2099-01-01T00:00:00Z", "reported_by": 9}""");
    JsonNode body = JSON.readTree(reply.body());
    List<String> paths = body.path("violations").findValuesAsText("field_name");
    assertThat(paths).containsExactly("title", "identified_date", "owned_by[0]", "owned_by[1]", "reported_by",
        "severity", "stage.stage", "foo");
    assertThat(body.path("field_name").asText()).isEqualTo("title");
  }

  @Test
  void exceptionsMapToTheirFamilies() {
    assertThat(IncidentException.of(List.of(Violation.missingRequiredField("title")))).isInstanceOf(BadRequestException.class);
    assertThat(IncidentException.of(List.of(Violation.forbidden("source", "no")))).isInstanceOf(ForbiddenException.class);
    assertThat(NotFoundException.incident("INC-1").httpStatus()).isEqualTo(404);
    assertThat(ConflictException.idempotencyKeyReused("k", "INC-1").type()).isEqualTo(ErrorType.CONFLICT);
    assertThatThrownBy(() -> IncidentException.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConflictException(List.of(Violation.missingRequiredField("t"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorBodiesReadBackIntoEqualExceptions() {
    IncidentException error = IncidentException.of(List.of(
        Violation.invalidEnumValue("severity", 7L, List.of(0L, 1L)),
        Violation.valueNotPermitted("title", "must not be blank"),
        Violation.invalidField("custom_fields.x", null)));
    IncidentException back = IncidentJson.readError(IncidentJson.writeError(error));
    assertThat(back).isInstanceOf(BadRequestException.class);
    assertThat(back.violations()).isEqualTo(error.violations());
  }

  @Test
  void pageRequestLimitIsCheckedByTheService() {
    assertThatThrownBy(() -> f.service.list(Fixture.SYS, ListRequest.first(0))).isInstanceOf(BadRequestException.class);
    assertThat(f.service.list(Fixture.SYS, ListRequest.first(1000)).incidents()).isEmpty();
  }

  /** A store whose every call fails as a broken disk would. */
  /** A store whose disk is on fire: every incident call fails. */
  private static final class FailingStore extends ForwardingIncidentStore {
    FailingStore() {
      super(new InMemoryIncidentStore());
    }

    @Override
    public CreateResult create(NewIncident incident) {
      throw new IllegalStateException("disk on fire");
    }

    @Override
    public Optional<StoredIncident> get(String tenant, long number) {
      throw new IllegalStateException("disk on fire");
    }

    @Override
    public List<StoredIncident> list(String tenant, ListQuery query) {
      throw new IllegalStateException("disk on fire");
    }
  }

}

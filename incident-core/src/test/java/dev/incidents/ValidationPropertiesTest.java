package dev.incidents;

import dev.incidents.model.RequestContext;
import dev.incidents.spi.ListQuery;
import dev.incidents.testing.Theories;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.ImpactRequest;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.StageRequest;
import dev.incidents.model.TagRequest;
import dev.incidents.testing.Generators;
import dev.incidents.testing.MutableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Each rule, broken alone in an otherwise valid generated request, yields exactly one violation of the
 * right type at the right path, and stores nothing: once through the Java API, once through JSON.
 */
class ValidationPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Generators.NOW;

  /** A way to break one rule, and the violation it must cause. */
  record Breakage(String name, String actor, UnaryOperator<IncidentCreateRequest> breaker, ErrorType type,
      Function<IncidentCreateRequest, String> path) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A way to break the JSON of a request, and the violation it must cause. */
  record JsonBreakage(String name, UnaryOperator<ObjectNode> breaker, ErrorType type, String path) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Breakage breakage(String name, UnaryOperator<IncidentCreateRequest> breaker, ErrorType type, String path) {
    return new Breakage(name, Generators.ACTOR, breaker, type, r -> path);
  }

  /** Keeps at most 99 entries and appends one: the appended entry is at index 99 or less. */
  private static <T> List<T> plusOne(List<T> list, T extra) {
    List<T> out = new ArrayList<>(list.subList(0, Math.min(list.size(), IncidentCreateRequest.MAX_IDS - 1)));
    out.add(extra);
    return out;
  }

  private static String lastIndexPath(String field, List<?> list) {
    return field + "[" + (Math.min(list.size(), IncidentCreateRequest.MAX_IDS - 1)) + "]";
  }

  private static final Instant IDENTIFIED = NOW.minus(Duration.ofHours(1));

  static final List<Breakage> BREAKAGES = List.of(
      breakage("title absent", r -> r.toBuilder().title(null).build(), ErrorType.MISSING_REQUIRED_FIELD, "title"),
      breakage("title blank", r -> r.toBuilder().title(" \t\n").build(), ErrorType.VALUE_NOT_PERMITTED, "title"),
      breakage("title of 257 code points", r -> r.toBuilder().title("😀".repeat(257)).build(),
          ErrorType.VALUE_NOT_PERMITTED, "title"),
      breakage("title with NUL", r -> r.toBuilder().title("a\u0000b").build(), ErrorType.VALUE_NOT_PERMITTED, "title"),
      breakage("title with a lone surrogate", r -> r.toBuilder().title("a\ud800b").build(),
          ErrorType.VALUE_NOT_PERMITTED, "title"),
      breakage("body of 65,537 code points", r -> r.toBuilder().body("x".repeat(IncidentCreateRequest.MAX_BODY + 1)).build(),
          ErrorType.VALUE_NOT_PERMITTED, "body"),
      new Breakage("a part in owned_by", Generators.ACTOR, r -> r.toBuilder().ownedBy(plusOne(r.ownedBy(), "PROD-1")).build(),
          ErrorType.UNEXPECTED_ID_TYPE, r -> lastIndexPath("owned_by", r.ownedBy())),
      new Breakage("a user in applies_to_parts", Generators.ACTOR,
          r -> r.toBuilder().appliesToParts(plusOne(r.appliesToParts(), "don:identity:local:devo/acme:devu/1")).build(),
          ErrorType.UNEXPECTED_ID_TYPE, r -> lastIndexPath("applies_to_parts", r.appliesToParts())),
      new Breakage("a malformed artifact", Generators.ACTOR,
          r -> r.toBuilder().artifacts(plusOne(r.artifacts(), "ARTIFACT-0")).build(),
          ErrorType.INVALID_ID, r -> lastIndexPath("artifacts", r.artifacts())),
      new Breakage("an article of another dev org", Generators.ACTOR,
          r -> r.toBuilder().pia(plusOne(r.pia(), "don:core:local:devo/other:article/3")).build(),
          ErrorType.INVALID_ID, r -> lastIndexPath("pia", r.pia())),
      new Breakage("an account of another partition", Generators.ACTOR,
          r -> r.toBuilder().impactedCustomers(plusOne(r.impactedCustomers(), "don:identity:eu:devo/acme:account/3")).build(),
          ErrorType.INVALID_ID, r -> lastIndexPath("impacted_customers", r.impactedCustomers())),
      breakage("101 stakeholders", r -> r.toBuilder().stakeholders(Collections.nCopies(101, "DEVU-1")).build(),
          ErrorType.VALUE_NOT_PERMITTED, "stakeholders"),
      breakage("severity outside the catalog", r -> r.toBuilder().severity(4L).build(), ErrorType.INVALID_ENUM_VALUE, "severity"),
      breakage("reported_by outside the catalog", r -> r.toBuilder().reportedBy(-1L).build(),
          ErrorType.INVALID_ENUM_VALUE, "reported_by"),
      breakage("source outside the catalog", r -> r.toBuilder().source(Long.MAX_VALUE).build(),
          ErrorType.INVALID_ENUM_VALUE, "source"),
      breakage("an unknown stage", r -> r.toBuilder().stage(new StageRequest("closed", "n")).build(),
          ErrorType.INVALID_ENUM_VALUE, "stage.stage"),
      breakage("a stage DON of another dev org", r -> r.toBuilder()
              .stage(StageRequest.of("don:core:local:devo/other:custom_stage/1")).build(),
          ErrorType.INVALID_ID, "stage.stage"),
      breakage("a stage without its stage", r -> r.toBuilder().stage(new StageRequest(null, "n")).build(),
          ErrorType.MISSING_REQUIRED_FIELD, "stage.stage"),
      new Breakage("a tag without tag_id", Generators.ACTOR,
          r -> r.toBuilder().tags(plusOne(r.tags(), new TagRequest(null, "v"))).build(),
          ErrorType.MISSING_REQUIRED_FIELD, r -> lastIndexPath("tags", r.tags()) + ".tag_id"),
      breakage("a negative impact count", r -> r.toBuilder().impact(ImpactRequest.of(-1L)).build(),
          ErrorType.VALUE_NOT_PERMITTED, "impact.count"),
      breakage("acknowledged before identified", r -> r.toBuilder().identifiedDate(IDENTIFIED).mitigatedDate(null)
          .acknowledgedDate(IDENTIFIED.minusMillis(1)).build(), ErrorType.VALUE_NOT_PERMITTED, "acknowledged_date"),
      breakage("mitigated before identified", r -> r.toBuilder().identifiedDate(IDENTIFIED).acknowledgedDate(null)
          .mitigatedDate(IDENTIFIED.minusSeconds(86400)).build(), ErrorType.VALUE_NOT_PERMITTED, "mitigated_date"),
      breakage("identified more than 5 minutes ahead", r -> r.toBuilder().acknowledgedDate(null).mitigatedDate(null)
          .identifiedDate(NOW.plusSeconds(301)).build(), ErrorType.VALUE_NOT_PERMITTED, "identified_date"),
      breakage("mitigated more than 5 minutes ahead", r -> r.toBuilder().identifiedDate(null)
          .mitigatedDate(NOW.plus(Duration.ofDays(1))).build(), ErrorType.VALUE_NOT_PERMITTED, "mitigated_date"),
      breakage("a date before 1970", r -> r.toBuilder().targetCloseDate(Instant.parse("1969-12-31T23:59:59.999Z")).build(),
          ErrorType.VALUE_NOT_PERMITTED, "target_close_date"),
      breakage("a date after 9999", r -> r.toBuilder().targetCloseDate(Instant.parse("+10000-01-01T00:00:00Z")).build(),
          ErrorType.VALUE_NOT_PERMITTED, "target_close_date"),
      breakage("a custom field no fragment declares", r -> r.toBuilder().customFields(Map.of("tnt__x", 1L)).build(),
          ErrorType.INVALID_FIELD, "custom_fields.tnt__x"),
      breakage("an unknown subtype", r -> r.toBuilder().customSchemaSpec(new CustomSchemaSpec(List.of(), "bug", false, false)).build(),
          ErrorType.VALUE_NOT_PERMITTED, "custom_schema_spec.subtype"),
      breakage("an unknown app", r -> r.toBuilder().customSchemaSpec(new CustomSchemaSpec(List.of("jira"), null, false, false)).build(),
          ErrorType.VALUE_NOT_PERMITTED, "custom_schema_spec.apps[0]"),
      new Breakage("source set by a dev user", "DEVU-7", r -> r.toBuilder().source(1L).build(), ErrorType.FORBIDDEN, r -> "source"));

  private static ObjectNode set(ObjectNode node, String field, JsonNode value) {
    node.set(field, value);
    return node;
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final List<JsonBreakage> JSON_BREAKAGES = List.of(
      new JsonBreakage("an unknown field", n -> set(n, "priority", NODES.numberNode(1)), ErrorType.INVALID_FIELD, "priority"),
      new JsonBreakage("an unknown nested field", n -> set(n, "stage", NODES.objectNode().put("stage", "identified").put("x", 1)),
          ErrorType.INVALID_FIELD, "stage.x"),
      new JsonBreakage("title as a number", n -> set(n, "title", NODES.numberNode(5)), ErrorType.UNEXPECTED_JSON_TYPE, "title"),
      new JsonBreakage("severity as a string", n -> set(n, "severity", NODES.textNode("1")), ErrorType.UNEXPECTED_JSON_TYPE, "severity"),
      new JsonBreakage("severity with a fraction", n -> set(n, "severity", NODES.numberNode(1.5)),
          ErrorType.UNEXPECTED_JSON_TYPE, "severity"),
      new JsonBreakage("owned_by as a string", n -> set(n, "owned_by", NODES.textNode("DEVU-1")),
          ErrorType.UNEXPECTED_JSON_TYPE, "owned_by"),
      new JsonBreakage("a number in pia", n -> set(n, "pia", NODES.arrayNode().add("ARTICLE-1").add(7)),
          ErrorType.UNEXPECTED_JSON_TYPE, "pia[1]"),
      new JsonBreakage("impact as an array", n -> set(n, "impact", NODES.arrayNode()), ErrorType.UNEXPECTED_JSON_TYPE, "impact"),
      new JsonBreakage("tags as an object", n -> set(n, "tags", NODES.objectNode()), ErrorType.UNEXPECTED_JSON_TYPE, "tags"),
      new JsonBreakage("a date as a number", n -> set(n, "target_close_date", NODES.numberNode(1700000000000L)),
          ErrorType.UNEXPECTED_JSON_TYPE, "target_close_date"),
      new JsonBreakage("a date without offset", n -> set(n, "target_close_date", NODES.textNode("2030-01-01T00:00:00")),
          ErrorType.VALUE_NOT_PERMITTED, "target_close_date"),
      new JsonBreakage("validate_required_fields as a string",
          n -> set(n, "custom_schema_spec", NODES.objectNode().put("validate_required_fields", "true")),
          ErrorType.UNEXPECTED_JSON_TYPE, "custom_schema_spec.validate_required_fields"),
      new JsonBreakage("an int64 overflow", n -> set(n, "reported_by", NODES.numberNode(BigInteger.ONE.shiftLeft(63))),
          ErrorType.PARSE_ERROR, "reported_by"));

  private static final Gen<IncidentCreateRequest> REQUESTS = Generators.requests(Fixture.TENANT);

  @Test
  void eachBrokenRuleYieldsExactlyThatViolationAndStoresNothing() {
    Theories.qt().withExamples(Theories.EXAMPLES * 2).forAll(REQUESTS, Generate.pick(BREAKAGES)).checkAssert((valid, breakage) -> {
      IncidentCreateRequest broken = breakage.breaker().apply(valid);
      InMemoryIncidentStore store = new InMemoryIncidentStore();
      IncidentService service = Incidents.builder().store(store).clock(MutableClock.atGeneratorsNow()).build();
      RequestContext context = RequestContext.of(Fixture.TENANT, breakage.actor());
      List<Violation> violations;
      try {
        service.create(context, broken);
        violations = List.of();
      } catch (IncidentException e) {
        violations = e.violations();
      }
      assertThat(violations).as(breakage.name()).singleElement().satisfies(v -> {
        assertThat(v.type()).isEqualTo(breakage.type());
        assertThat(v.fieldName()).isEqualTo(breakage.path().apply(valid));
      });
      assertThat(service.validate(context, broken)).isEqualTo(violations);
      assertThat(store.list(Fixture.TENANT, ListQuery.newest(10))).isEmpty();
    });
  }

  @Test
  void eachBrokenJsonRuleYieldsExactlyThatViolationAndStoresNothing() {
    Theories.qt().withExamples(Theories.EXAMPLES * 2).forAll(REQUESTS, Generate.pick(JSON_BREAKAGES)).checkAssert((valid, breakage) -> {
      InMemoryIncidentStore store = new InMemoryIncidentStore();
      IncidentService service = Incidents.builder().store(store).clock(MutableClock.atGeneratorsNow()).build();
      ObjectNode json = (ObjectNode) readTree(IncidentJson.writeCreateRequest(valid));
      byte[] broken = writeTree(breakage.breaker().apply(json));
      JsonReply reply = service.json().create(Fixture.TENANT, Generators.ACTOR, broken, null);
      assertThat(reply.status()).as(reply.bodyText()).isEqualTo(400);
      assertThat(IncidentJson.readError(reply.body()).violations()).as(breakage.name()).singleElement().satisfies(v -> {
        assertThat(v.type()).isEqualTo(breakage.type());
        assertThat(v.fieldName()).isEqualTo(breakage.path());
      });
      assertThat(store.list(Fixture.TENANT, ListQuery.newest(10))).isEmpty();
    });
  }

  @Test
  void severalBrokenRulesAreAllReported() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(REQUESTS, Generate.pick(BREAKAGES), Generate.pick(JSON_BREAKAGES))
        .assuming((valid, a, b) -> !a.actor().equals("DEVU-7") && !jsonField(b).equals(javaField(a, valid)))
        .checkAssert((valid, javaBreakage, jsonBreakage) -> {
          IncidentService service = Incidents.builder().store(new InMemoryIncidentStore())
              .clock(MutableClock.atGeneratorsNow()).build();
          ObjectNode json = (ObjectNode) readTree(IncidentJson.writeCreateRequest(javaBreakage.breaker().apply(valid)));
          JsonReply reply = service.json().create(Fixture.TENANT, Generators.ACTOR,
              writeTree(jsonBreakage.breaker().apply(json)), null);
          assertThat(IncidentJson.readError(reply.body()).violations()).extracting(Violation::fieldName)
              .contains(javaBreakage.path().apply(valid), jsonBreakage.path());
        });
  }

  private static String javaField(Breakage breakage, IncidentCreateRequest valid) {
    return breakage.path().apply(valid).split("[.\\[]")[0];
  }

  private static String jsonField(JsonBreakage breakage) {
    return breakage.path().split("[.\\[]")[0];
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] writeTree(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

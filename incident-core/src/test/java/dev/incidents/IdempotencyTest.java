package dev.incidents;

import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.RequestContext;
import dev.incidents.testing.Theories;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.ConflictException;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.testing.Generators;
import dev.incidents.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/CONTRACT.md section 7: a key used with an equal request returns the first incident, with another is a conflict. */
class IdempotencyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Fixture f = new Fixture();

  private static IncidentCreateRequest request(String title) {
    return IncidentCreateRequest.builder().title(title).severity(1L).build();
  }

  @Test
  void aReplayReturnsTheFirstIncidentAndStoresNothing() {
    Incident first = f.service.create(Fixture.SYS, request("a"), IdempotencyKey.of("k"));
    f.clock.advance(Duration.ofHours(1));
    Incident replay = f.service.create(Fixture.SYS, request("a"), IdempotencyKey.of("k"));
    assertThat(replay).isEqualTo(first);
    assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
    assertThat(f.service.create(Fixture.SYS, request("a")).number()).as("a create without key is new").isEqualTo(2);
  }

  @Test
  void anotherRequestWithTheSameKeyIsAConflict() {
    f.service.create(Fixture.SYS, request("a"), IdempotencyKey.of("k"));
    assertThatThrownBy(() -> f.service.create(Fixture.SYS, request("b"), IdempotencyKey.of("k")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("INC-1");
    assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
  }

  /** Clause 7.4: ids are part of the request; a request naming other ids is another request. */
  @Test
  void aRequestNamingOtherIdsIsAnotherRequest() {
    IncidentCreateRequest first = IncidentCreateRequest.builder().title("a").ownedBy("DEVU-1").pia("ARTICLE-1")
        .impact(dev.incidents.model.ImpactRequest.of(1L, "ACC-1")).build();
    f.service.create(Fixture.SYS, first, IdempotencyKey.of("k"));
    for (IncidentCreateRequest other : List.of(
        first.toBuilder().ownedBy("DEVU-2").build(),
        first.toBuilder().pia("ARTICLE-2").build(),
        first.toBuilder().appliesToParts("PROD-1").build(),
        first.toBuilder().impact(dev.incidents.model.ImpactRequest.of(1L, "ACC-2")).build())) {
      assertThatThrownBy(() -> f.service.create(Fixture.SYS, other, IdempotencyKey.of("k")))
          .as(other.toString()).isInstanceOf(ConflictException.class);
    }
    assertThat(f.service.create(Fixture.SYS, first.toBuilder().ownedBy("don:identity:local:devo/acme:devu/1").build(),
        IdempotencyKey.of("k")).number()).as("the same ids said differently replay").isEqualTo(1);
    assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
  }

  @Test
  void keysBelongToOneTenant() {
    Incident a = f.service.create(Fixture.SYS, request("a"), IdempotencyKey.of("k"));
    Incident b = f.service.create(RequestContext.of("other", "SYSU-1"), request("b"), IdempotencyKey.of("k"));
    assertThat(a.number()).isEqualTo(1);
    assertThat(b.number()).isEqualTo(1);
    assertThat(b.id()).contains("devo/other:");
  }

  @Test
  void aRejectedRequestDoesNotUseUpItsKey() {
    assertThatThrownBy(() -> f.service.create(Fixture.SYS, request(" "), IdempotencyKey.of("k")))
        .isInstanceOf(BadRequestException.class);
    assertThat(f.service.create(Fixture.SYS, request("fixed"), IdempotencyKey.of("k")).title()).isEqualTo("fixed");
  }

  @Test
  void theActorIsNotPartOfTheRequest() {
    Incident first = f.service.create(Fixture.SYS, request("a"), IdempotencyKey.of("k"));
    assertThat(f.service.create(Fixture.DEV, request("a"), IdempotencyKey.of("k"))).isEqualTo(first);
  }

  @Test
  void equalAfterParsingMeansEqual() {
    JsonReply first = f.service.json().create(Fixture.TENANT, "SYSU-1", bytes("""
        {"title": "t", "identified_date": "2024-01-01T12:00:00Z", "owned_by": ["DEVU-1", "DEVU-2"],
         "stage": {"stage": "identified"}, "tags": [{"tag_id": "TAG-1", "value": "v"}]}"""), "k");
    JsonReply replay = f.service.json().create(Fixture.TENANT, "SYSU-1", bytes("""
        {  "tags":[{"value":"v","tag_id":"don:core:local:devo/acme:tag/1"}],
           "stage":{"stage":"don:core:local:devo/acme:custom_stage/2"},
           "owned_by":["don:identity:local:devo/acme:devu/1","DEVU-1","DEVU-2"],
           "identified_date":"2024-01-01T13:00:00.000+01:00", "title":"t", "body": null}"""), "k");
    assertThat(replay.status()).as(replay.bodyText()).isEqualTo(201);
    assertThat(replay.bodyText()).isEqualTo(first.bodyText());
    assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
  }

  @Test
  void anyRewritingThatMeansTheSameReplays() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(Generators.requests(Fixture.TENANT)).checkAssert(request -> {
      IncidentService service = Incidents.builder().store(new InMemoryIncidentStore())
          .clock(MutableClock.atGeneratorsNow()).build();
      Incident first = service.create(Fixture.SYS, request, IdempotencyKey.of("key"));
      byte[] rewritten = rewrite(IncidentJson.writeCreateRequest(request));
      JsonReply replay = service.json().create(Fixture.TENANT, Generators.ACTOR, rewritten, "key");
      assertThat(replay.status()).as(replay.bodyText()).isEqualTo(201);
      assertThat(IncidentJson.readIncident(replay.body())).isEqualTo(first);
      assertThat(service.list(Fixture.SYS).incidents()).hasSize(1);
    });
  }

  private static final Pattern DISPLAY_ID = Pattern.compile("([A-Z]+)-([0-9]+)");
  private static final Map<String, String> DON_OF_PREFIX = Map.ofEntries(
      Map.entry("PROD", "core:local:devo/acme:product/"), Map.entry("CAPL", "core:local:devo/acme:capability/"),
      Map.entry("FEAT", "core:local:devo/acme:feature/"), Map.entry("ENH", "core:local:devo/acme:enhancement/"),
      Map.entry("ARTIFACT", "core:local:devo/acme:artifact/"), Map.entry("ARTICLE", "core:local:devo/acme:article/"),
      Map.entry("TAG", "core:local:devo/acme:tag/"), Map.entry("DEVU", "identity:local:devo/acme:devu/"),
      Map.entry("REVU", "identity:local:devo/acme:revu/"), Map.entry("SVCACC", "identity:local:devo/acme:svcacc/"),
      Map.entry("SYSU", "identity:local:devo/acme:sysu/"), Map.entry("ACC", "identity:local:devo/acme:account/"));

  /**
   * The same request said differently: keys in reverse order, display ids as DONs (and the first id of a
   * list repeated), dates at +05:30 (or -05:30 at the very end of 9999), pretty-printed.
   */
  private static byte[] rewrite(byte[] json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(rewrite(JSON.readTree(json), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode rewrite(JsonNode node, String field) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.reverse(names);
      for (String name : names) {
        out.set(name, rewrite(node.get(name), name));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(rewrite(it.next(), field));
      }
      if (out.size() > 0 && out.size() < 100 && out.get(0).isTextual()) {
        out.add(out.get(0));
      }
      return out;
    }
    if (node.isTextual() && field != null && field.endsWith("_date")) {
      // East of UTC, except where that would move the local date into year 10000, which RFC 3339 cannot say.
      Instant instant = Instant.parse(node.textValue());
      ZoneOffset offset = instant.isAfter(Instant.parse("9999-12-31T00:00:00Z"))
          ? ZoneOffset.ofHoursMinutes(-5, -30) : ZoneOffset.ofHoursMinutes(5, 30);
      return TextNode.valueOf(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset)));
    }
    if (node.isTextual() && field != null && !field.equals("title") && !field.equals("body")
        && !field.equals("value") && !field.equals("notes")) {
      Matcher m = DISPLAY_ID.matcher(node.textValue());
      if (m.matches() && DON_OF_PREFIX.containsKey(m.group(1))) {
        return TextNode.valueOf("don:" + DON_OF_PREFIX.get(m.group(1)) + m.group(2));
      }
    }
    return node;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

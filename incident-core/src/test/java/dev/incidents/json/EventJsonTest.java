package dev.incidents.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.internal.Timestamps;
import dev.incidents.testing.Theories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Events are assembled from bytes rather than written by a generator (see {@code IncidentJson.event}); they
 * must be exactly what a Jackson generator writes for the same fields, whatever the strings hold.
 */
class EventJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Any text: half its characters ASCII (quotes, backslashes, controls), the others from all of Unicode but the
   * surrogates, so characters above the Basic Multilingual Plane come as pairs. A lone surrogate is not text:
   * no id or tenant holds one, and no JSON writer accepts one.
   */
  private static final Gen<String> TEXT = lists()
      .of(Generate.oneOf(integers().between(0, 0x7f),
          integers().between(0, 0x10FFFF - 0x800).map(c -> c < 0xD800 ? c : c + 0x800)))
      .ofSizeBetween(0, 10)
      .map(codePoints -> new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size()))
      .describedAs(EventJsonTest::escaped);
  private static final Gen<Instant> TIME = longs().between(0, 253_402_300_799_999L).map(Instant::ofEpochMilli);
  /** Member names below the surrogates: Jackson's parser refuses the escaped pairs its generator writes in names. */
  private static final Gen<String> NAME = TEXT.map(text -> text.codePoints().filter(Character::isBmpCodePoint)
      .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
  private static final Gen<byte[]> DOCUMENT = maps().of(NAME, TEXT).ofSizeBetween(0, 4).map(EventJsonTest::json);

  @Test
  void eventsAreWhatAGeneratorWritesWithTheirFieldsInOrder() {
    Gen<byte[][]> documents = DOCUMENT.zip(DOCUMENT, (now, before) -> new byte[][] {now, before})
        .describedAs(both -> escaped(text(both[0])) + " and " + escaped(text(both[1])));
    Theories.qt().forAll(TEXT, TIME, TEXT, documents).checkAssert((id, time, tenant, both) -> {
      byte[] doc = both[0];
      byte[] old = both[1];
      assertSame(IncidentJson.createdEvent(id, time, tenant, doc),
          generated(id, "incident_created", time, tenant, gen -> raw(gen, "incident", doc)));
      assertSame(IncidentJson.updatedEvent(id, time, tenant, doc, old),
          generated(id, "incident_updated", time, tenant, gen -> {
            raw(gen, "incident", doc);
            raw(gen, "old_incident", old);
          }));
      assertSame(IncidentJson.deletedEvent(id, time, tenant, tenant + id, old),
          generated(id, "incident_deleted", time, tenant, gen -> {
            gen.writeStringField("id", tenant + id);
            raw(gen, "old_incident", old);
          }));
    });
  }

  /**
   * The same JSON, members in the same order at the top. Not always the same bytes: a generator escapes a
   * character above the Basic Multilingual Plane as two {@code \\u} escapes, the event writes its UTF-8 (both
   * mean the same string); without such characters the bytes are the same too.
   */
  private static void assertSame(byte[] event, byte[] expected) {
    try {
      JsonNode actual = MAPPER.readTree(event);
      assertThat(actual).isEqualTo(MAPPER.readTree(expected));
      assertThat(actual.fieldNames()).toIterable()
          .containsExactly("id", "type", "timestamp", "tenant", actual.get("type").asText());
      if (text(event).codePoints().allMatch(Character::isBmpCodePoint)) {
        assertThat(text(event)).isEqualTo(text(expected));
      }
    } catch (IOException | AssertionError e) {
      // Escaped, so that control characters do not cut the report short.
      throw new AssertionError(e.getClass().getSimpleName() + " on " + escaped(text(event)) + ", expected "
          + escaped(text(expected)), e);
    }
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "<" + Integer.toHexString(c) + ">"));
    return out.toString();
  }

  @Test
  void aCreatedEventReadsBackWithItsFieldsInOrder() throws IOException {
    byte[] document = "{\"id\":\"don:core:dvrv-us-1:devo/acme:incident/7\",\"title\":\"Caf\u00e9 \\\"down\\\"\"}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] event = IncidentJson.createdEvent("evt:acme:7:1", Instant.parse("2024-05-01T07:35:00Z"), "acme", document);
    assertThat(text(event)).isEqualTo("{\"id\":\"evt:acme:7:1\",\"type\":\"incident_created\","
        + "\"timestamp\":\"2024-05-01T07:35:00.000Z\",\"tenant\":\"acme\",\"incident_created\":{\"incident\":"
        + text(document) + "}}");
    assertThat(MAPPER.readTree(IncidentJson.eventWithSequence(event, 12)).get("sequence").asLong()).isEqualTo(12);
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator gen) throws IOException;
  }

  /** The event as a Jackson generator writes it: the oracle. */
  private static byte[] generated(String id, String type, Instant time, String tenant, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = MAPPER.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeStringField("id", id);
      gen.writeStringField("type", type);
      gen.writeStringField("timestamp", Timestamps.format(time));
      gen.writeStringField("tenant", tenant);
      gen.writeObjectFieldStart(type);
      body.write(gen);
      gen.writeEndObject();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static void raw(JsonGenerator gen, String field, byte[] document) throws IOException {
    gen.writeFieldName(field);
    gen.writeRawValue(new String(document, StandardCharsets.UTF_8));
  }

  private static byte[] json(Map<String, String> members) {
    try {
      return MAPPER.writeValueAsBytes(members);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

}

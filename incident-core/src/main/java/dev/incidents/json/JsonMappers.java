package dev.incidents.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.incidents.internal.Timestamps;
import dev.incidents.model.PartSummary;
import dev.incidents.model.UserSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson configuration of the library. Every feature that matters is stated here, none is left
 * to Jackson's defaults, and no module is discovered from the class path.
 */
final class JsonMappers {

  /** The largest request body (1 MiB). */
  static final int MAX_BODY_BYTES = IncidentJson.MAX_BODY_BYTES;
  /** The deepest nesting of arrays and objects in a request. */
  static final int MAX_DEPTH = 32;
  /** The longest number in a request, in characters (sign, digits, point and exponent). */
  static final int MAX_NUMBER_CHARS = 1000;
  /** The longest field name in a request, in characters. */
  static final int MAX_NAME_CHARS = 50_000;

  static final JsonMapper MAPPER = build();

  /** Writes responses. */
  static final ObjectWriter WRITER = MAPPER.writer();

  /** Writes requests canonically: custom field keys sorted, so equal requests give equal bytes. */
  static final ObjectWriter CANONICAL_WRITER = MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonMappers() {}

  private static JsonMapper build() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxDocumentLength(MAX_BODY_BYTES)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .maxNameLength(MAX_NAME_CHARS)
            .build())
        // Duplicate keys in one object are a parse_error (docs/CONTRACT.md section 1), not "last one wins".
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();

    SimpleModule timestamps = new SimpleModule("incident-scalars");
    timestamps.addSerializer(Instant.class, new InstantSerializer());
    timestamps.addSerializer(Double.class, new PlainDoubleSerializer());
    timestamps.addDeserializer(Instant.class, new InstantDeserializer());

    JsonMapper mapper = JsonMapper.builder(factory)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .addModule(timestamps)
        // Enums carry their JSON names in toString(): dev_user, product, missing_required_field.
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(SerializationFeature.INDENT_OUTPUT)
        // Untyped numbers (custom field values) are Long and Double, as the model promises.
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // Responses are read tolerantly (a newer writer may add fields); requests are bound by
        // RequestBinder, which rejects unknown fields itself.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // The API's part summaries always carry owned_by, also when no owner is known.
        .addMixIn(PartSummary.class, PartSummaryOwnersAlways.class)
        .build();
    // Absent optional values are omitted, never null; empty lists and maps are absent values.
    mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    mapper.configOverride(List.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_NULL));
    mapper.configOverride(Map.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS));
    return mapper;
  }

  /** Writes {@code owned_by} of a part summary even when empty (docs/CONTRACT.md section 3.4). */
  private abstract static class PartSummaryOwnersAlways {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract List<UserSummary> ownedBy();
  }

  private static final class InstantSerializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(Timestamps.format(value));
    }
  }

  /**
   * Writes a double in plain notation with at least one fraction digit ({@code 15000000.0}, not
   * {@code 1.5E7}): a store that keeps documents as PostgreSQL {@code jsonb} rewrites exponents into plain
   * digits, and {@code 15000000} would read back as an integer. Plain notation with a fraction survives
   * that, so a document means the same on every store.
   */
  private static final class PlainDoubleSerializer extends StdScalarSerializer<Double> {
    private static final long serialVersionUID = 1L;

    PlainDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (!Double.isFinite(value)) {
        gen.writeNumber(value);
        return;
      }
      String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
      gen.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
  }

  private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      if (text == null) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      try {
        return Timestamps.parse(text);
      } catch (IllegalArgumentException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, e.getMessage());
      }
    }
  }
}

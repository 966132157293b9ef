package dev.incidents.schema;

import dev.incidents.spi.ListQuery;
import dev.incidents.testing.Theories;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.JsonReply;
import dev.incidents.error.ErrorType;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.testing.CustomFieldValues.Invalid;
import dev.incidents.testing.CustomFieldValues.Valid;
import dev.incidents.testing.CustomFieldValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Per field type, single or array: valid values are accepted and echoed normalized; invalid ones are rejected precisely. */
class CustomFieldPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXAMPLES = Theories.EXAMPLES;
  private static final String TENANT = "acme";
  private static final Gen<FieldType> TYPES = Generate.enumValues(FieldType.class);

  /** A field and valid values for it. */
  record ValidCase(FieldType type, boolean array, List<Valid> values) {}

  /** A field, valid values for it, and one invalid value placed at {@code index}. */
  record InvalidCase(FieldType type, boolean array, List<Valid> values, int index, Invalid invalid) {}

  private static final Gen<ValidCase> VALID_CASES = prng -> {
    FieldType type = TYPES.generate(prng);
    boolean array = booleans().all().generate(prng);
    List<Valid> values = lists().of(CustomFieldValues.valid(type, TENANT)).ofSizeBetween(array ? 0 : 1, array ? 5 : 1)
        .generate(prng);
    return new ValidCase(type, array, values);
  };

  private static final Gen<InvalidCase> INVALID_CASES = prng -> {
    FieldType type = TYPES.generate(prng);
    boolean array = booleans().all().generate(prng);
    List<Valid> values = lists().of(CustomFieldValues.valid(type, TENANT)).ofSizeBetween(0, array ? 4 : 0).generate(prng);
    int index = integers().between(0, values.size()).generate(prng);
    return new InvalidCase(type, array, values, index, CustomFieldValues.invalid(type).generate(prng));
  };

  @Test
  void validValuesAreAcceptedAndEchoedNormalized() {
    Theories.qt().withExamples(EXAMPLES * 3).forAll(VALID_CASES).checkAssert(c -> {
      IncidentService service = serviceWith(c.type(), c.array());
      List<Object> sent = c.values().stream().map(Valid::sent).toList();
      List<Object> shown = c.values().stream().map(Valid::shown).toList();
      JsonReply reply = create(service, c.array() ? sent : sent.get(0));
      assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
      Object expected = !c.array() ? shown.get(0)
          : c.type() == FieldType.ID ? shown.stream().distinct().toList() : shown;
      Map<String, Object> customFields = IncidentJson.readIncident(reply.body()).customFields();
      if (c.array() && sent.isEmpty()) {
        assertThat(customFields).as("an empty array is an absent value").isEmpty();
      } else {
        assertThat(customFields).containsExactly(Map.entry("tnt__f", expected));
      }
    });
  }

  @Test
  void invalidValuesAreRejectedWithTheirTypeAndPath() {
    Theories.qt().withExamples(EXAMPLES * 3).forAll(INVALID_CASES).checkAssert(c -> {
      InMemoryIncidentStore store = new InMemoryIncidentStore();
      IncidentService service = serviceWith(store, c.type(), c.array());
      List<Object> sent = new ArrayList<>(c.values().stream().map(Valid::sent).toList());
      sent.add(c.index(), c.invalid().sent());
      JsonReply reply = create(service, c.array() ? sent : sent.get(0));
      assertThat(reply.status()).as(reply.bodyText()).isEqualTo(400);
      assertThat(IncidentJson.readError(reply.body()).violations()).singleElement().satisfies(v -> {
        assertThat(v.type()).isEqualTo(c.invalid().error());
        assertThat(v.fieldName()).isEqualTo("custom_fields.tnt__f" + (c.array() ? "[" + c.index() + "]" : ""));
      });
      assertThat(store.list(TENANT, ListQuery.newest(1))).isEmpty();
    });
  }

  @Test
  void aScalarWhereAnArrayBelongsAndTheOtherWayRoundAreUnexpectedJsonTypes() {
    Theories.qt().withExamples(EXAMPLES).forAll(VALID_CASES.assuming(c -> !c.values().isEmpty())).checkAssert(c -> {
      IncidentService service = serviceWith(c.type(), !c.array());
      Object value = c.array() ? c.values().stream().map(Valid::sent).toList() : c.values().get(0).sent();
      JsonReply reply = create(service, c.array() ? List.of(value) : value);
      assertThat(IncidentJson.readError(reply.body()).violations()).singleElement().satisfies(v -> {
        assertThat(v.type()).isEqualTo(ErrorType.UNEXPECTED_JSON_TYPE);
        assertThat(v.fieldName()).startsWith("custom_fields.tnt__f");
      });
    });
  }

  private static IncidentService serviceWith(FieldType type, boolean array) {
    return serviceWith(new InMemoryIncidentStore(), type, array);
  }

  private static IncidentService serviceWith(InMemoryIncidentStore store, FieldType type, boolean array) {
    IncidentService service = Incidents.builder().store(store).build();
    CustomField field = array ? CustomField.arrayOf("f", type) : CustomField.of("f", type);
    if (type == FieldType.ENUM) {
      field = field.allowedValues(CustomFieldValues.ENUM_VALUES.toArray(String[]::new));
    }
    service.schemas().register(TENANT, SchemaFragment.tenant(field));
    return service;
  }

  private static JsonReply create(IncidentService service, Object value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "t");
    body.put("custom_schema_spec", Map.of("tenant_fragment", true));
    body.put("custom_fields", Map.of("tnt__f", value));
    try {
      return service.json().create(TENANT, "DEVU-1", JSON.writeValueAsBytes(body), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.incidents.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.JsonReply;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/CONTRACT.md section 5 by example: fragments, versions, tenants and every custom-field rule. */
class CustomFieldsTest {

  private static final String DECLARATIONS = """
      [{"type": "tenant_fragment", "fields": [
          {"name": "region", "field_type": "enum", "allowed_values": ["eu", "us"], "is_required": true},
          {"name": "envs", "field_type": "array", "base_type": "enum", "allowed_values": ["dev", "prod"]},
          {"name": "detected_at", "field_type": "timestamp"},
          {"name": "owner", "field_type": "id"}]},
       {"type": "custom_type_fragment", "subtype": "outage", "fields": [
          {"name": "blast_radius", "field_type": "int", "is_required": true},
          {"name": "since", "field_type": "date"}]},
       {"type": "app_fragment", "app": "jira", "fields": [{"name": "issue", "field_type": "text"}]}]""";

  private static final RequestContext ACME = RequestContext.of("acme", "DEVU-1");

  private final IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();

  private List<RegisteredFragment> register() {
    return service.schemas().register("acme", DECLARATIONS.getBytes(StandardCharsets.UTF_8));
  }

  private JsonReply create(String tenant, String json) {
    return service.json().create(tenant, "DEVU-1", json.getBytes(StandardCharsets.UTF_8), null);
  }

  private static List<Violation> violations(JsonReply reply) {
    assertThat(reply.isSuccess()).as(reply.bodyText()).isFalse();
    return IncidentJson.readError(reply.body()).violations();
  }

  @Test
  void customFieldsAreCheckedNormalizedAndEchoed() {
    List<RegisteredFragment> fragments = register();
    JsonReply reply = create("acme", """
        {"title": "t", "custom_schema_spec": {"tenant_fragment": true, "subtype": "outage", "apps": ["jira"],
                                              "validate_required_fields": true},
         "custom_fields": {"tnt__region": "eu", "tnt__envs": ["prod", "dev"], "tnt__detected_at": "2024-01-01T13:00:00+01:00",
                           "tnt__owner": "DEVU-9", "ctype__blast_radius": 3, "ctype__since": "2023-12-31", "jira__issue": "J-1"}}""");
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
    Incident incident = IncidentJson.readIncident(reply.body());
    assertThat(incident.customFields()).containsExactly(
        Map.entry("tnt__region", "eu"),
        Map.entry("tnt__envs", List.of("prod", "dev")),
        Map.entry("tnt__detected_at", "2024-01-01T12:00:00.000Z"),
        Map.entry("tnt__owner", Map.of("type", "dev_user", "id", "don:identity:local:devo/acme:devu/9", "display_id", "DEVU-9")),
        Map.entry("ctype__blast_radius", 3L),
        Map.entry("ctype__since", "2023-12-31"),
        Map.entry("jira__issue", "J-1"));
    assertThat(incident.customSchemaFragments()).containsExactlyElementsOf(fragments.stream().map(RegisteredFragment::id).toList());
    assertThat(incident.subtype()).isEqualTo("outage");
    assertThat(fragments.get(0).id()).matches("don:core:local:devo/acme:tenant_fragment/[0-9a-f]{16}");
    assertThat(fragments.get(1).id()).startsWith("don:core:local:devo/acme:custom_type_fragment/");
    assertThat(fragments.get(2).id()).startsWith("don:core:local:devo/acme:app_fragment/");
  }

  @Test
  void everyRuleIsReportedWithItsTypeAndPath() {
    register();
    List<Violation> violations = violations(create("acme", """
        {"title": "t", "custom_schema_spec": {"subtype": "outage", "validate_required_fields": true},
         "custom_fields": {"tnt__region": "eu", "ctype__since": "2023-02-30", "jira__issue": "x", "nobody__x": 1}}"""));
    assertThat(violations).extracting(Violation::type, Violation::fieldName).containsExactly(
        tuple(ErrorType.MISSING_REQUIRED_FIELD, "custom_fields.ctype__blast_radius"),
        tuple(ErrorType.VALUE_NOT_PERMITTED, "custom_fields.ctype__since"),
        tuple(ErrorType.INVALID_FIELD, "custom_fields.jira__issue"),
        tuple(ErrorType.INVALID_FIELD, "custom_fields.nobody__x"),
        tuple(ErrorType.INVALID_FIELD, "custom_fields.tnt__region"));
    assertThat(violations.get(4).message()).contains("tenant_fragment: true");

    List<Violation> types = violations(create("acme", """
        {"title": "t", "custom_schema_spec": {"tenant_fragment": true},
         "custom_fields": {"tnt__region": "asia", "tnt__envs": ["prod", 5, null], "tnt__owner": "PROD-0"}}"""));
    assertThat(types).extracting(Violation::type, Violation::fieldName).containsExactly(
        tuple(ErrorType.UNEXPECTED_JSON_TYPE, "custom_fields.tnt__envs[1]"),
        tuple(ErrorType.UNEXPECTED_JSON_TYPE, "custom_fields.tnt__envs[2]"),
        tuple(ErrorType.INVALID_ID, "custom_fields.tnt__owner"),
        tuple(ErrorType.INVALID_ENUM_VALUE, "custom_fields.tnt__region"));
    assertThat(types.get(3).allowedValues()).containsExactly("eu", "us");
  }

  /** Clause 5.4: a value whose JSON type does not fit names what the field expects and what came. */
  @Test
  void aMismatchNamesTheExpectedTypeAndTheJsonTypeThatCame() {
    service.schemas().register("acme", SchemaFragment.tenant(CustomField.of("count", FieldType.INT),
        CustomField.of("note", FieldType.TEXT), CustomField.of("ratio", FieldType.DOUBLE)));
    String count = "custom_fields.tnt__count must be an integer (int64), got ";
    assertThat(mismatch("tnt__count", "\"7\"")).isEqualTo(count + "a string");
    assertThat(mismatch("tnt__count", "7.5")).isEqualTo(count + "a number with a fraction");
    assertThat(mismatch("tnt__count", "true")).isEqualTo(count + "a boolean");
    assertThat(mismatch("tnt__count", "[7]")).isEqualTo(count + "an array");
    assertThat(mismatch("tnt__count", "{\"n\": 7}")).isEqualTo(count + "an object");
    assertThat(mismatch("tnt__note", "7")).isEqualTo("custom_fields.tnt__note must be a string, got an integer");
    assertThat(mismatch("tnt__ratio", "\"0.5\"")).isEqualTo("custom_fields.tnt__ratio must be a number, got a string");
    // A Java caller may put any object in the map; the message names its class.
    assertThatThrownBy(() -> service.create(ACME, IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false))
        .customFields(Map.of("tnt__count", java.time.Instant.EPOCH)).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> assertThat(v.message()).isEqualTo(count + "Instant")));
  }

  private String mismatch(String key, String json) {
    List<Violation> violations = violations(create("acme", "{\"title\": \"t\", \"custom_schema_spec\": "
        + "{\"tenant_fragment\": true}, \"custom_fields\": {\"" + key + "\": " + json + "}}"));
    assertThat(violations).as(json).singleElement().satisfies(v -> {
      assertThat(v.type()).isEqualTo(ErrorType.UNEXPECTED_JSON_TYPE);
      assertThat(v.fieldName()).isEqualTo("custom_fields." + key);
    });
    return violations.get(0).message();
  }

  /** Clause 5.3 and 5.4: a double is finite, an integer is accepted as a double, -0.0 becomes 0.0. */
  @Test
  void doublesAreFiniteAndNegativeZeroIsZero() {
    service.schemas().register("acme", SchemaFragment.tenant(CustomField.of("ratio", FieldType.DOUBLE),
        CustomField.arrayOf("ratios", FieldType.DOUBLE)));
    JsonReply reply = create("acme", """
        {"title": "t", "custom_schema_spec": {"tenant_fragment": true},
         "custom_fields": {"tnt__ratio": -0.0, "tnt__ratios": [-0.0, 3, 0.25]}}""");
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
    assertThat(reply.bodyText()).contains("\"custom_fields\":{\"tnt__ratio\":0.0,\"tnt__ratios\":[0.0,3.0,0.25]}");
    // Map equality compares doubles with Double.equals, which tells -0.0 from 0.0.
    assertThat(IncidentJson.readIncident(reply.body()).customFields())
        .isEqualTo(Map.of("tnt__ratio", 0.0, "tnt__ratios", List.of(0.0, 3.0, 0.25)));
    Incident javaCreated = service.create(ACME, IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false))
        .customFields(Map.of("tnt__ratio", -0.0, "tnt__ratios", List.of(-0.0))).build());
    assertThat(javaCreated.customFields()).isEqualTo(Map.of("tnt__ratio", 0.0, "tnt__ratios", List.of(0.0)));

    for (double notFinite : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
      assertThat(service.validate(ACME, IncidentCreateRequest.builder().title("t")
          .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false))
          .customFields(Map.of("tnt__ratio", notFinite, "tnt__ratios", List.of(1.0, notFinite))).build()))
          .extracting(Violation::type, Violation::fieldName, Violation::reason).containsExactly(
              tuple(ErrorType.VALUE_NOT_PERMITTED, "custom_fields.tnt__ratio", "must be a finite number, got " + notFinite),
              tuple(ErrorType.VALUE_NOT_PERMITTED, "custom_fields.tnt__ratios[1]", "must be a finite number, got " + notFinite));
    }
  }

  /** Clause 5.3: an array of ids holds at most 100 entries, counted as sent; duplicates are dropped. */
  @Test
  void anArrayOfIdsHoldsAtMost100EntriesCountedAsSent() {
    service.schemas().register("acme", SchemaFragment.app("pager", CustomField.arrayOf("ids", FieldType.ID),
        CustomField.arrayOf("notes", FieldType.TEXT)));
    List<String> hundred = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> "DEVU-" + i).toList();
    List<String> notes = java.util.Collections.nCopies(150, "n");
    assertThat(service.create(ACME, IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of("pager"), null, false, false))
        .customFields(Map.of("pager__notes", notes)).build()).customFields().get("pager__notes"))
        .as("other arrays have no limit and keep duplicates").isEqualTo(notes);
    IncidentCreateRequest request = IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of("pager"), null, false, false))
        .customFields(Map.of("pager__ids", hundred)).build();
    assertThat((List<?>) service.create(ACME, request).customFields().get("pager__ids")).hasSize(100);
    List<String> withDuplicate = new java.util.ArrayList<>(hundred);
    withDuplicate.add("DEVU-1");
    assertThat(service.validate(ACME, request.toBuilder().customFields(Map.of("pager__ids", withDuplicate)).build()))
        .singleElement().satisfies(v -> {
          assertThat(v.type()).isEqualTo(ErrorType.VALUE_NOT_PERMITTED);
          assertThat(v.fieldName()).isEqualTo("custom_fields.pager__ids");
          assertThat(v.reason()).isEqualTo("must have at most 100 entries");
        });
  }

  /** Clause 5.4: a key no named fragment declares is invalid_field, and the message says why. */
  @Test
  void anUndeclaredFieldSaysWhyItIsUnknown() {
    register();
    String needsTenant = " is not a known field: tenant fragment fields need custom_schema_spec.tenant_fragment: true";
    String undeclared = " is not a known field: no fragment named by custom_schema_spec declares it";
    assertThat(unknownField("", "tnt__region", "\"eu\"")).isEqualTo("custom_fields.tnt__region" + needsTenant);
    assertThat(unknownField("\"custom_schema_spec\": {\"apps\": [\"jira\"]}, ", "tnt__region", "\"eu\""))
        .isEqualTo("custom_fields.tnt__region" + needsTenant);
    assertThat(unknownField("\"custom_schema_spec\": {\"tenant_fragment\": true}, ", "tnt__colour", "\"red\""))
        .isEqualTo("custom_fields.tnt__colour" + undeclared);
    assertThat(unknownField("", "jira__issue", "\"J-1\"")).isEqualTo("custom_fields.jira__issue" + undeclared);
    assertThat(unknownField("\"custom_schema_spec\": {\"tenant_fragment\": true}, ", "jira__issue", "\"J-1\""))
        .isEqualTo("custom_fields.jira__issue" + undeclared);
  }

  private String unknownField(String spec, String key, String value) {
    List<Violation> violations = violations(create("acme",
        "{\"title\": \"t\", " + spec + "\"custom_fields\": {\"" + key + "\": " + value + "}}"));
    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.type()).isEqualTo(ErrorType.INVALID_FIELD);
      assertThat(v.fieldName()).isEqualTo("custom_fields." + key);
    });
    return violations.get(0).message();
  }

  @Test
  void unknownSubtypesAndAppsAreNotPermitted() {
    register();
    List<Violation> violations = violations(create("acme",
        "{\"title\": \"t\", \"custom_schema_spec\": {\"subtype\": \"bug\", \"apps\": [\"jira\", \"slack\"]}}"));
    assertThat(violations).extracting(Violation::type, Violation::fieldName).containsExactly(
        tuple(ErrorType.VALUE_NOT_PERMITTED, "custom_schema_spec.apps[1]"),
        tuple(ErrorType.VALUE_NOT_PERMITTED, "custom_schema_spec.subtype"));
    assertThat(violations.get(1).message()).contains("[outage]");
  }

  /** Clause 1.5: the spec's subtype and app names are free text, checked at their own paths. */
  @Test
  void specNamesFollowTheTextRulesAtTheirPaths() {
    register();
    List<Violation> violations = violations(create("acme",
        "{\"title\": \"t\", \"custom_schema_spec\": {\"subtype\": \"out\\u0000age\", \"apps\": [\"jira\", \"sl\\u0000ck\"]}}"));
    String nul = "must not contain the NUL character (U+0000)";
    assertThat(violations).extracting(Violation::fieldName)
        .containsOnly("custom_schema_spec.apps[1]", "custom_schema_spec.subtype");
    assertThat(violations).extracting(Violation::type, Violation::fieldName, Violation::reason).contains(
        tuple(ErrorType.VALUE_NOT_PERMITTED, "custom_schema_spec.apps[1]", nul),
        tuple(ErrorType.VALUE_NOT_PERMITTED, "custom_schema_spec.subtype", nul));
  }

  @Test
  void requiredFieldsAreCheckedOnlyWhenAsked() {
    register();
    assertThat(create("acme", "{\"title\": \"t\", \"custom_schema_spec\": {\"tenant_fragment\": true}}").status()).isEqualTo(201);
    assertThat(violations(create("acme",
        "{\"title\": \"t\", \"custom_schema_spec\": {\"tenant_fragment\": true, \"validate_required_fields\": true}}")))
        .extracting(Violation::fieldName).containsExactly("custom_fields.tnt__region");
  }

  @Test
  void aChangedDeclarationIsANewVersionAndIncidentsKeepTheirs() {
    RegisteredFragment v1 = service.schemas().register("acme",
        SchemaFragment.tenant(CustomField.of("region", FieldType.TEXT), CustomField.of("team", FieldType.TEXT)));
    assertThat(service.schemas().register("acme",
        SchemaFragment.tenant(CustomField.of("team", FieldType.TEXT), CustomField.of("region", FieldType.TEXT))).id())
        .as("field order does not make a new version").isEqualTo(v1.id());
    Incident old = service.create(ACME, IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false))
        .customFields(Map.of("tnt__region", "eu")).build());

    assertThatThrownBy(() -> service.schemas().register("acme", SchemaFragment.tenant(CustomField.of("region", FieldType.TEXT))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("drops field 'team'").hasMessageContaining("removed_fields");
    RegisteredFragment v2 = service.schemas().register("acme",
        SchemaFragment.tenant(CustomField.of("region", FieldType.TEXT)).removing("team"));
    assertThat(v2.id()).isNotEqualTo(v1.id());
    assertThat(service.schemas().current("acme")).containsExactly(v2);
    assertThat(service.schemas().find("acme", v1.id())).contains(v1);

    assertThat(service.get(ACME, old.id()).customSchemaFragments()).containsExactly(v1.id());
    assertThat(service.get(ACME, old.id()).customFields()).containsEntry("tnt__region", "eu");
    Incident fresh = service.create(ACME, IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false)).build());
    assertThat(fresh.customSchemaFragments()).containsExactly(v2.id());
    assertThatThrownBy(() -> service.create(ACME, IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of(), null, true, false)).customFields(Map.of("tnt__team", "x")).build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("tnt__team");
  }

  @Test
  void theSameDeclarationsGiveTheSameIdsAtEveryStartUp() {
    List<RegisteredFragment> first = register();
    IncidentService restarted = Incidents.builder().store(new InMemoryIncidentStore()).build();
    assertThat(restarted.schemas().register("acme", DECLARATIONS.getBytes(StandardCharsets.UTF_8))).isEqualTo(first);
    assertThat(register()).isEqualTo(first);
  }

  @Test
  void tenantsHaveTheirOwnFragments() {
    register();
    assertThat(violations(create("other", """
        {"title": "t", "custom_schema_spec": {"tenant_fragment": true}, "custom_fields": {"tnt__region": "eu"}}""")))
        .extracting(Violation::type).containsExactly(ErrorType.INVALID_FIELD);
    RegisteredFragment other = service.schemas().register("other", SchemaFragment.tenant(CustomField.of("region", FieldType.INT)));
    assertThat(other.id()).contains("devo/other:");
    assertThat(create("other", """
        {"title": "t", "custom_schema_spec": {"tenant_fragment": true}, "custom_fields": {"tnt__region": 7}}""").status())
        .isEqualTo(201);
    assertThat(service.schemas().current("acme")).hasSize(3);
  }

  @Test
  void declarationsAreCheckedAndAllOrNothing() {
    assertThatThrownBy(() -> service.schemas().register("acme", """
        [{"type": "app_fragment", "app": "tnt", "fields": []},
         {"type": "tenant_fragment", "fields": [{"name": "Bad Name", "field_type": "text"},
                                                 {"name": "color", "field_type": "enum"},
                                                 {"name": "n", "field_type": "int", "allowed_values": ["1"]},
                                                 {"name": "n", "field_type": "int"}]}]""".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::fieldName).containsExactly(
                "[0].app", "[1].fields[0].name", "[1].fields[1].allowed_values", "[1].fields[2].allowed_values",
                "[1].fields[3].name"));
    assertThatThrownBy(() -> service.schemas().register("acme", """
        {"type": "sometimes_fragment", "fields": [{"name": "x", "field_type": "array"}, {"name": "y", "field_type": "blob"}],
         "extra": true}""".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::type, Violation::fieldName).containsExactly(
                tuple(ErrorType.INVALID_FIELD, "extra"),
                tuple(ErrorType.MISSING_REQUIRED_FIELD, "fields[0].base_type"),
                tuple(ErrorType.INVALID_ENUM_VALUE, "fields[1].field_type"),
                tuple(ErrorType.INVALID_ENUM_VALUE, "type")));
    assertThat(service.schemas().current("acme")).isEmpty();
    assertThatThrownBy(() -> service.schemas().register("acme",
        "{\"type\": \"tenant_fragment\", \"fields\": [{\"name\": \"A\", \"field_type\": \"int\"}]}"
            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::fieldName).as("a single declaration's paths have no index").containsExactly("fields[0].name"));
  }

  @Test
  void aReplayWithCustomFieldsSaidDifferentlyIsEqual() {
    register();
    byte[] first = """
        {"title": "t", "custom_schema_spec": {"tenant_fragment": true},
         "custom_fields": {"tnt__owner": "DEVU-9", "tnt__detected_at": "2024-01-01T12:00:00Z"}}""".getBytes(StandardCharsets.UTF_8);
    byte[] second = """
        {"custom_fields": {"tnt__detected_at": "2024-01-01T13:00:00.000+01:00", "tnt__owner": "don:identity:local:devo/acme:devu/9"},
         "custom_schema_spec": {"tenant_fragment": true, "validate_required_fields": false}, "title": "t"}""".getBytes(StandardCharsets.UTF_8);
    JsonReply a = service.json().create("acme", "DEVU-1", first, "k");
    JsonReply b = service.json().create("acme", "DEVU-1", second, "k");
    assertThat(b.status()).as(b.bodyText()).isEqualTo(201);
    assertThat(b.bodyText()).isEqualTo(a.bodyText());
  }

  @Test
  void javaCallersGetTheSameRules() {
    service.schemas().register("acme", SchemaFragment.app("pager", CustomField.arrayOf("ids", FieldType.ID).required()));
    IncidentCreateRequest request = IncidentCreateRequest.builder().title("t")
        .customSchemaSpec(new CustomSchemaSpec(List.of("pager"), null, false, true))
        .customFields(Map.of("pager__ids", List.of("PROD-1", "don:core:local:devo/acme:product/1", "TAG-2"))).build();
    Incident incident = service.create(ACME, request);
    assertThat((List<?>) incident.customFields().get("pager__ids")).hasSize(2);
    assertThatThrownBy(() -> service.create(ACME, request.toBuilder().customFields(Map.of("pager__ids", 5)).build()))
        .isInstanceOfSatisfying(IncidentException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> assertThat(v.message()).isEqualTo("custom_fields.pager__ids must be an array of an id (a string), got an integer")));
  }
}

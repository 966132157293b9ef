package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.error.ErrorType;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.schema.CustomField;
import dev.incidents.schema.FieldType;
import dev.incidents.schema.RegisteredFragment;
import dev.incidents.schema.SchemaFragment;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.ConflictException;
import dev.incidents.error.ForbiddenException;
import dev.incidents.error.NotFoundException;
import dev.incidents.error.Violation;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.FieldUpdate;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.StageRequest;
import dev.incidents.model.VersionedIncident;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.UpdateResult;
import dev.incidents.testing.Generators;
import dev.incidents.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** docs/CONTRACT.md section 10, update, by example. */
class UpdateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Fixture f = new Fixture();

  private Incident create(IncidentCreateRequest.Builder request) {
    return f.service.create(Fixture.SYS, request.build());
  }

  private VersionedIncident update(IncidentUpdateRequest.Builder request) {
    return f.service.update(Fixture.SYS, request.build());
  }

  @Test
  void anUpdateChangesWhatItSetsAndStampsTheChange() {
    Incident created = create(IncidentCreateRequest.builder().title("Checkout is down").body("500s").severity(1L));
    f.clock.advance(Duration.ofMinutes(3));
    VersionedIncident updated = f.service.update(RequestContext.of(Fixture.TENANT, "DEVU-7"),
        IncidentUpdateRequest.builder("INC-1").title("Checkout is slow").severity(2).build());
    Incident incident = updated.incident();
    assertThat(updated.version()).isEqualTo(2);
    assertThat(incident.title()).isEqualTo("Checkout is slow");
    assertThat(incident.severity().label()).isEqualTo("Sev2");
    assertThat(incident.body()).as("kept").isEqualTo("500s");
    assertThat(incident.id()).isEqualTo(created.id());
    assertThat(incident.createdDate()).isEqualTo(created.createdDate());
    assertThat(incident.createdBy()).isEqualTo(created.createdBy());
    assertThat(incident.modifiedDate()).isEqualTo(Generators.NOW.plus(Duration.ofMinutes(3)));
    assertThat(incident.modifiedBy().displayId()).isEqualTo("DEVU-7");
    assertThat(f.service.get(Fixture.SYS, "INC-1")).isEqualTo(incident);
  }

  @Test
  void nullClearsAndAnEmptySetEmpties() {
    create(IncidentCreateRequest.builder().title("t").body("b").severity(1L).reportedBy(2L)
        .identifiedDate(Generators.NOW.minusSeconds(60)).ownedBy("DEVU-1", "DEVU-2").tags(List.of()));
    Incident incident = update(IncidentUpdateRequest.builder("INC-1").clearBody().clearSeverity().clearReportedBy()
        .identifiedDate(FieldUpdate.clear()).ownedBy()).incident();
    assertThat(incident.body()).isNull();
    assertThat(incident.severity()).isNull();
    assertThat(incident.reportedBy()).isNull();
    assertThat(incident.identifiedDate()).isNull();
    assertThat(incident.ownedBy()).isEmpty();
  }

  @Test
  void theTitleAndTheStageCannotBeCleared() {
    create(IncidentCreateRequest.builder().title("t"));
    assertThatThrownBy(() -> update(IncidentUpdateRequest.builder("INC-1").title(FieldUpdate.clear())
        .stage(FieldUpdate.clear())))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::fieldName).containsExactly("title", "stage"));
    assertThat(f.service.getVersioned(Fixture.SYS, "INC-1").version()).isEqualTo(1);
  }

  @Test
  void enteringAFinalStateClosesAndLeavingItReopens() {
    create(IncidentCreateRequest.builder().title("t"));
    f.clock.advance(Duration.ofHours(1));
    Incident resolved = update(IncidentUpdateRequest.builder("INC-1").stage("resolved")).incident();
    assertThat(resolved.stage().state().isFinal()).isTrue();
    assertThat(resolved.actualCloseDate()).isEqualTo(Generators.NOW.plus(Duration.ofHours(1)));
    f.clock.advance(Duration.ofHours(1));
    Incident notes = update(IncidentUpdateRequest.builder("INC-1").stage(new StageRequest("resolved", "root cause"))).incident();
    assertThat(notes.actualCloseDate()).as("staying final keeps the close date").isEqualTo(resolved.actualCloseDate());
    Incident reopened = update(IncidentUpdateRequest.builder("INC-1").stage("identified")).incident();
    assertThat(reopened.actualCloseDate()).isNull();
    assertThat(reopened.stage().state().name()).isEqualTo("open");
  }

  @Test
  void aDiagramWithTransitionsRefusesOtherMovesAndSaysWhereTheIncidentCanGo() {
    StageDiagram diagram = StageDiagram.builder()
        .state(1, "open", false).state(2, "closed", true)
        .stage(1, "triage", "open").stage(2, "fixing", "open").stage(3, "done", "closed")
        .start("triage").transition("triage", "fixing").transition("fixing", "done")
        .build();
    IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).clock(f.clock)
        .stageDiagram(diagram).build();
    service.create(Fixture.SYS, IncidentCreateRequest.builder().title("t").build());
    assertThatThrownBy(() -> service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").stage("done").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          Violation v = e.violations().get(0);
          assertThat(v.fieldName()).isEqualTo("stage.stage");
          assertThat(v.type().wireName()).isEqualTo("value_not_permitted");
          assertThat(v.allowedValues()).containsExactly("triage", "fixing");
          assertThat(v.reason()).contains("'triage'").contains("'done'");
        });
    assertThat(service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").stage("fixing").build())
        .incident().stage().stage().name()).isEqualTo("fixing");
  }

  /**
   * Clause 10.3 with 1.8: a stage the diagram does not have is reported once, as at create, and is not also
   * reported as a move the diagram does not allow (the incident would otherwise seem to be moving to the start).
   */
  @Test
  void anUnknownStageIsReportedOnceNotAlsoAsAMove() {
    IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).clock(f.clock)
        .stageDiagram(triageFixingDone()).build();
    service.create(Fixture.SYS, IncidentCreateRequest.builder().title("t").build());
    service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").stage("fixing").build());
    assertThat(service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").stage("nope").build()))
        .extracting(Violation::type, Violation::fieldName)
        .containsExactly(tuple(ErrorType.INVALID_ENUM_VALUE, "stage.stage"));
    assertThat(service.validate(Fixture.SYS,
        IncidentUpdateRequest.builder("INC-1").stage("don:core:local:devo/acme:custom_stage/9").build()))
        .extracting(Violation::type, Violation::fieldName)
        .containsExactly(tuple(ErrorType.INVALID_ENUM_VALUE, "stage.stage"));
    assertThat(service.validate(Fixture.SYS,
        IncidentUpdateRequest.builder("INC-1").stage("don:core:local:devo/other:custom_stage/1").build()))
        .extracting(Violation::type, Violation::fieldName)
        .containsExactly(tuple(ErrorType.INVALID_ID, "stage.stage"));
    assertThat(service.validate(Fixture.SYS,
        IncidentUpdateRequest.builder("INC-1").stage(new StageRequest(null, "n")).build()))
        .extracting(Violation::type, Violation::fieldName)
        .containsExactly(tuple(ErrorType.MISSING_REQUIRED_FIELD, "stage.stage"));
    assertThat(service.get(Fixture.SYS, "INC-1").stage().stage().name()).isEqualTo("fixing");
  }

  /**
   * Clauses 1.14 and 10.2.4: every violation is listed at once, so bad notes do not hide a move the diagram
   * refuses; a move it allows with bad notes is only the notes' violation.
   */
  @Test
  void badNotesAndARefusedMoveAreBothReported() {
    IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).clock(f.clock)
        .stageDiagram(triageFixingDone()).build();
    service.create(Fixture.SYS, IncidentCreateRequest.builder().title("t").build());
    assertThat(service.validate(Fixture.SYS,
        IncidentUpdateRequest.builder("INC-1").stage(new StageRequest("done", "a\u0000")).build()))
        .extracting(Violation::type, Violation::fieldName, Violation::reason).containsExactly(
            tuple(ErrorType.VALUE_NOT_PERMITTED, "stage.notes", "must not contain the NUL character (U+0000)"),
            tuple(ErrorType.VALUE_NOT_PERMITTED, "stage.stage",
                "cannot move from stage 'triage' to 'done': the stage diagram allows only the stages listed"));
    assertThat(service.validate(Fixture.SYS,
        IncidentUpdateRequest.builder("INC-1").stage(new StageRequest("fixing", "a\u0000")).build()))
        .extracting(Violation::fieldName).containsExactly("stage.notes");
  }

  private static StageDiagram triageFixingDone() {
    return StageDiagram.builder()
        .state(1, "open", false).state(2, "closed", true)
        .stage(1, "triage", "open").stage(2, "fixing", "open").stage(3, "done", "closed")
        .start("triage").transition("triage", "fixing").transition("fixing", "done")
        .build();
  }

  private static final CustomSchemaSpec TENANT_FRAGMENT = new CustomSchemaSpec(List.of(), null, true, false);

  private List<RegisteredFragment> registerFragments() {
    return List.of(
        f.service.schemas().register(Fixture.TENANT, SchemaFragment.tenant(
            CustomField.of("region", FieldType.ENUM).allowedValues("eu", "us"), CustomField.of("ticket", FieldType.TEXT),
            CustomField.of("owner", FieldType.ID), CustomField.arrayOf("watchers", FieldType.ID),
            CustomField.of("count", FieldType.INT))),
        f.service.schemas().register(Fixture.TENANT, SchemaFragment.subtype("outage",
            CustomField.of("blast_radius", FieldType.INT).required())));
  }

  private static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /**
   * Clause 10.1: custom fields change key by key (set, removed by null, the others stay, ids included), and
   * the incident keeps its fragments and subtype.
   */
  @Test
  void customFieldsChangeKeyByKey() {
    List<RegisteredFragment> fragments = registerFragments();
    Incident created = create(IncidentCreateRequest.builder().title("t").customSchemaSpec(TENANT_FRAGMENT)
        .customFields(fields("tnt__region", "eu", "tnt__ticket", "T-1", "tnt__owner", "DEVU-9",
            "tnt__watchers", List.of("DEVU-1", "don:identity:local:devo/acme:devu/2"))));
    Object owner = Map.of("type", "dev_user", "id", "don:identity:local:devo/acme:devu/9", "display_id", "DEVU-9");
    List<Object> watchers = List.of(
        Map.of("type", "dev_user", "id", "don:identity:local:devo/acme:devu/1", "display_id", "DEVU-1"),
        Map.of("type", "dev_user", "id", "don:identity:local:devo/acme:devu/2", "display_id", "DEVU-2"));
    assertThat(created.customFields()).isEqualTo(fields("tnt__region", "eu", "tnt__ticket", "T-1", "tnt__owner", owner,
        "tnt__watchers", watchers));

    VersionedIncident updated = update(IncidentUpdateRequest.builder("INC-1").customField("tnt__region", "us")
        .clearCustomField("tnt__ticket").customField("tnt__count", 3L));
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.incident().customFields()).as("the id fields kept are the same summaries")
        .isEqualTo(fields("tnt__region", "us", "tnt__owner", owner, "tnt__watchers", watchers, "tnt__count", 3L));
    assertThat(updated.incident().customSchemaFragments()).containsExactly(fragments.get(0).id());
    assertThat(updated.incident().subtype()).isNull();
    assertThat(f.service.getVersioned(Fixture.SYS, "INC-1")).isEqualTo(updated);

    Incident ids = update(IncidentUpdateRequest.builder("INC-1").customField("tnt__owner", "DEVU-3")
        .customField("tnt__watchers", List.of("DEVU-4", "DEVU-4"))).incident();
    assertThat(ids.customFields()).isEqualTo(fields("tnt__region", "us", "tnt__count", 3L,
        "tnt__owner", Map.of("type", "dev_user", "id", "don:identity:local:devo/acme:devu/3", "display_id", "DEVU-3"),
        "tnt__watchers", List.of(Map.of("type", "dev_user", "id", "don:identity:local:devo/acme:devu/4", "display_id", "DEVU-4"))));
  }

  /** Clause 10.2.1: the custom fields after the update are checked as at create, each at its path. */
  @Test
  void changedCustomFieldsAreCheckedAsAtCreate() {
    registerFragments();
    create(IncidentCreateRequest.builder().title("t").customSchemaSpec(TENANT_FRAGMENT)
        .customFields(fields("tnt__region", "eu")));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").customField("tnt__region", "asia")
        .customField("tnt__count", "3").customField("tnt__owner", "PROD-1x").customField("ctype__blast_radius", 3L).build()))
        .extracting(Violation::type, Violation::fieldName).containsExactly(
            tuple(ErrorType.INVALID_FIELD, "custom_fields.ctype__blast_radius"),
            tuple(ErrorType.UNEXPECTED_JSON_TYPE, "custom_fields.tnt__count"),
            tuple(ErrorType.INVALID_ID, "custom_fields.tnt__owner"),
            tuple(ErrorType.INVALID_ENUM_VALUE, "custom_fields.tnt__region"));
    assertThat(f.service.getVersioned(Fixture.SYS, "INC-1").version()).isEqualTo(1);
  }

  /**
   * Clause 10.1: with a spec, the custom fields are checked against the fragments it names, which become the
   * incident's, with its subtype (or none); without one, against the incident's own.
   */
  @Test
  void aSpecChecksAgainstTheFragmentsItNamesAndTheyBecomeTheIncidents() {
    List<RegisteredFragment> fragments = registerFragments();
    create(IncidentCreateRequest.builder().title("t").customSchemaSpec(TENANT_FRAGMENT)
        .customFields(fields("tnt__region", "eu")));
    CustomSchemaSpec outageOnly = new CustomSchemaSpec(List.of(), "outage", false, false);
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").customSchemaSpec(outageOnly).build()))
        .singleElement().satisfies(v -> {
          assertThat(v.type()).isEqualTo(ErrorType.INVALID_FIELD);
          assertThat(v.message()).isEqualTo("custom_fields.tnt__region is not a known field: "
              + "tenant fragment fields need custom_schema_spec.tenant_fragment: true");
        });
    CustomSchemaSpec both = new CustomSchemaSpec(List.of(), "outage", true, true);
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").customSchemaSpec(both).build()))
        .extracting(Violation::type, Violation::fieldName)
        .containsExactly(tuple(ErrorType.MISSING_REQUIRED_FIELD, "custom_fields.ctype__blast_radius"));

    Incident outage = update(IncidentUpdateRequest.builder("INC-1").customSchemaSpec(both)
        .customField("ctype__blast_radius", 3L)).incident();
    assertThat(outage.subtype()).isEqualTo("outage");
    assertThat(outage.customSchemaFragments()).containsExactly(fragments.get(0).id(), fragments.get(1).id());
    assertThat(outage.customFields()).isEqualTo(fields("tnt__region", "eu", "ctype__blast_radius", 3L));

    Incident kept = update(IncidentUpdateRequest.builder("INC-1").customField("ctype__blast_radius", 4L)).incident();
    assertThat(kept.subtype()).as("no spec: the incident keeps its subtype").isEqualTo("outage");
    assertThat(kept.customSchemaFragments()).isEqualTo(outage.customSchemaFragments());
    assertThat(kept.customFields()).isEqualTo(fields("tnt__region", "eu", "ctype__blast_radius", 4L));

    Incident tenantOnly = update(IncidentUpdateRequest.builder("INC-1").customSchemaSpec(TENANT_FRAGMENT)
        .clearCustomField("ctype__blast_radius")).incident();
    assertThat(tenantOnly.subtype()).as("a spec without a subtype leaves none").isNull();
    assertThat(tenantOnly.customSchemaFragments()).containsExactly(fragments.get(0).id());
    assertThat(tenantOnly.customFields()).isEqualTo(fields("tnt__region", "eu"));
  }

  @Test
  void theSpecCannotBeCleared() {
    registerFragments();
    create(IncidentCreateRequest.builder().title("t").customSchemaSpec(TENANT_FRAGMENT)
        .customFields(fields("tnt__region", "eu")));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1")
        .customSchemaSpec(FieldUpdate.clear()).build())).singleElement().satisfies(v -> {
          assertThat(v.type()).isEqualTo(ErrorType.VALUE_NOT_PERMITTED);
          assertThat(v.fieldName()).isEqualTo("custom_schema_spec");
          assertThat(v.reason()).isEqualTo("cannot be cleared: leave it out to check custom fields against the "
              + "incident's own fragments");
        });
  }

  /** Clause 10.1: without a spec, the versions the incident was created with count, not the current ones. */
  @Test
  void customFieldsAreCheckedAgainstTheIncidentsOwnFragmentVersions() {
    RegisteredFragment v1 = f.service.schemas().register(Fixture.TENANT, SchemaFragment.tenant(
        CustomField.of("region", FieldType.TEXT), CustomField.of("team", FieldType.TEXT)));
    create(IncidentCreateRequest.builder().title("t").customSchemaSpec(TENANT_FRAGMENT)
        .customFields(fields("tnt__team", "a")));
    f.service.schemas().register(Fixture.TENANT, SchemaFragment.tenant(CustomField.of("region", FieldType.TEXT)).removing("team"));
    Incident updated = update(IncidentUpdateRequest.builder("INC-1").customField("tnt__team", "b")).incident();
    assertThat(updated.customFields()).isEqualTo(fields("tnt__team", "b"));
    assertThat(updated.customSchemaFragments()).containsExactly(v1.id());
  }

  /**
   * Registrations live in the service (clause 5.5): a service that lacks the fragment an incident was made
   * with cannot check a change of its custom fields, and says so; other changes go through.
   */
  @Test
  void aServiceWithoutTheIncidentsFragmentsCannotChangeItsCustomFields() {
    List<RegisteredFragment> fragments = registerFragments();
    create(IncidentCreateRequest.builder().title("t").customSchemaSpec(TENANT_FRAGMENT)
        .customFields(fields("tnt__region", "eu")));
    IncidentService other = Incidents.builder().store(f.store).clock(f.clock).build();
    assertThat(other.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").customField("tnt__region", "us").build()))
        .singleElement().satisfies(v -> {
          assertThat(v.type()).isEqualTo(ErrorType.VALUE_NOT_PERMITTED);
          assertThat(v.fieldName()).isEqualTo("custom_fields");
          assertThat(v.reason()).isEqualTo("the incident's schema fragment " + fragments.get(0).id() + " is not registered "
              + "with this service; register the tenant's fragments before updating its custom fields");
        });
    Incident titled = other.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("u").build()).incident();
    assertThat(titled.customFields()).isEqualTo(fields("tnt__region", "eu"));
  }

  @Test
  void dateOrderRulesSeeTheIncidentAsItWouldBe() {
    create(IncidentCreateRequest.builder().title("t").identifiedDate(Generators.NOW.minusSeconds(600)));
    assertThatThrownBy(() -> update(IncidentUpdateRequest.builder("INC-1")
        .acknowledgedDate(Generators.NOW.minusSeconds(900))))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::fieldName).containsExactly("acknowledged_date"));
    // Moving identified_date earlier makes the same acknowledgement acceptable.
    Incident ok = update(IncidentUpdateRequest.builder("INC-1").identifiedDate(Generators.NOW.minusSeconds(1200))
        .acknowledgedDate(Generators.NOW.minusSeconds(900))).incident();
    assertThat(ok.acknowledgedDate()).isEqualTo(Generators.NOW.minusSeconds(900));
  }

  /** Clause 10.2.2: moving identified_date after the milestones is reported at each milestone it now follows. */
  @Test
  void movingIdentifiedAfterTheMilestonesIsReportedAtThem() {
    create(IncidentCreateRequest.builder().title("t").identifiedDate(Generators.NOW.minusSeconds(600))
        .acknowledgedDate(Generators.NOW.minusSeconds(300)).mitigatedDate(Generators.NOW.minusSeconds(200)));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1")
        .identifiedDate(Generators.NOW.minusSeconds(100)).build()))
        .extracting(Violation::fieldName, Violation::reason).containsExactly(
            tuple("acknowledged_date", "must not be earlier than identified_date"),
            tuple("mitigated_date", "must not be earlier than identified_date"));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1")
        .mitigatedDate(Generators.NOW.minusSeconds(900)).build()))
        .extracting(Violation::fieldName, Violation::reason)
        .containsExactly(tuple("mitigated_date", "must not be earlier than identified_date"));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1")
        .identifiedDate(Generators.NOW.minusSeconds(250)).build()))
        .extracting(Violation::fieldName).containsExactly("acknowledged_date");
  }

  /** Clause 10.2.1: each date the update gives is held to the rules of 1.6. */
  @Test
  void eachDateGivenIsChecked() {
    create(IncidentCreateRequest.builder().title("t"));
    java.time.Instant hourAhead = Generators.NOW.plusSeconds(3600);
    String future = "must not be more than 5 minutes in the future of the service clock (2024-06-01T12:00:00.000Z)";
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").acknowledgedDate(hourAhead).build()))
        .extracting(Violation::fieldName, Violation::reason).containsExactly(tuple("acknowledged_date", future));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").identifiedDate(hourAhead).build()))
        .extracting(Violation::fieldName, Violation::reason).containsExactly(tuple("identified_date", future));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").mitigatedDate(hourAhead).build()))
        .extracting(Violation::fieldName, Violation::reason).containsExactly(tuple("mitigated_date", future));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1")
        .targetCloseDate(java.time.Instant.parse("+10000-01-01T00:00:00Z")).build()))
        .extracting(Violation::fieldName, Violation::reason)
        .containsExactly(tuple("target_close_date", "must lie in the years 1970 to 9999 (UTC), got year 10000"));
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").targetCloseDate(hourAhead).build()))
        .isEmpty();
  }

  /**
   * Clause 10.2.3: dates the update keeps are not checked again, not even for their order, unless the update
   * gives one of the dates the order compares. (A service without the order rule made them out of order.)
   */
  @Test
  void keptDatesOutOfOrderAreNotCheckedAgain() {
    Incidents.builder().store(f.store).clock(f.clock).milestoneOrder(false).build().create(Fixture.SYS,
        IncidentCreateRequest.builder().title("t").identifiedDate(Generators.NOW.minusSeconds(60))
            .acknowledgedDate(Generators.NOW.minusSeconds(120)).mitigatedDate(Generators.NOW.minusSeconds(180)).build());
    assertThat(update(IncidentUpdateRequest.builder("INC-1").title("u").body("b").severity(1)
        .targetCloseDate(Generators.NOW.plusSeconds(3600)).ownedBy("DEVU-1").stage("mitigated")
        .tags(dev.incidents.model.TagRequest.of("TAG-1"))).version()).isEqualTo(2);
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1")
        .acknowledgedDate(Generators.NOW.minusSeconds(90)).build()))
        .extracting(Violation::fieldName).containsExactly("acknowledged_date");
    assertThat(f.service.validate(Fixture.SYS, IncidentUpdateRequest.builder("INC-1")
        .mitigatedDate(Generators.NOW.minusSeconds(90)).build()))
        .extracting(Violation::fieldName).containsExactly("mitigated_date");
  }

  @Test
  void onlyTheFieldsGivenAreChecked() {
    create(IncidentCreateRequest.builder().title("t").acknowledgedDate(Generators.NOW.plusSeconds(200)));
    // An hour later, a date in the future of the old clock is in the past; moving the clock back makes the
    // kept acknowledged_date lie in the future, which must not fail an update that does not give it.
    f.clock.set(Generators.NOW.minus(Duration.ofHours(1)));
    assertThat(update(IncidentUpdateRequest.builder("INC-1").title("u")).incident().title()).isEqualTo("u");
  }

  @Test
  void everyViolationIsListedAndNothingChanges() {
    create(IncidentCreateRequest.builder().title("t"));
    assertThatThrownBy(() -> update(IncidentUpdateRequest.builder("INC-1").title(" ").severity(9).ownedBy("PROD-1")))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::fieldName).containsExactly("title", "owned_by[0]", "severity"));
    assertThat(f.service.getVersioned(Fixture.SYS, "INC-1").version()).isEqualTo(1);
  }

  @Test
  void onlySysUsersAndServiceAccountsChangeSource() {
    create(IncidentCreateRequest.builder().title("t").source(1L));
    assertThatThrownBy(() -> f.service.update(Fixture.DEV, IncidentUpdateRequest.builder("INC-1").source(2).build()))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> f.service.update(Fixture.DEV, IncidentUpdateRequest.builder("INC-1").clearSource().build()))
        .isInstanceOf(ForbiddenException.class);
    assertThat(update(IncidentUpdateRequest.builder("INC-1").clearSource()).incident().source()).isNull();
  }

  @Test
  void aStalePreconditionIsAConflictAndChangesNothing() {
    create(IncidentCreateRequest.builder().title("t"));
    update(IncidentUpdateRequest.builder("INC-1").title("u"));
    assertThatThrownBy(() -> f.service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("v").build(), 1))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.isPreconditionFailed()).isTrue();
          assertThat(e.httpStatus()).isEqualTo(412);
          assertThat(e.getMessage()).contains("version 2").contains("not 1");
        });
    assertThat(f.service.get(Fixture.SYS, "INC-1").title()).isEqualTo("u");
    assertThat(f.service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("v").build(), 2).version())
        .isEqualTo(3);
  }

  @Test
  void unknownIncidentsAreNotFoundAndMalformedIdsAreBadRequests() {
    assertThatThrownBy(() -> update(IncidentUpdateRequest.builder("INC-9").title("u"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> update(IncidentUpdateRequest.builder("nope").title("u"))).isInstanceOf(BadRequestException.class);
    create(IncidentCreateRequest.builder().title("t"));
    assertThatThrownBy(() -> f.service.update(RequestContext.of("other", "SYSU-1"),
        IncidentUpdateRequest.builder("INC-1").title("u").build())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void concurrentUpdatesOfDifferentFieldsKeepBoth() throws Exception {
    create(IncidentCreateRequest.builder().title("t"));
    int rounds = 200;
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      Future<?> titles = writers.submit(() -> {
        for (int i = 0; i < rounds; i++) {
          update(IncidentUpdateRequest.builder("INC-1").title("title " + i));
        }
      });
      Future<?> bodies = writers.submit(() -> {
        for (int i = 0; i < rounds; i++) {
          update(IncidentUpdateRequest.builder("INC-1").body("body " + i));
        }
      });
      titles.get(); // a writer's failure fails the test with its own exception
      bodies.get();
    } finally {
      writers.shutdownNow();
    }
    VersionedIncident last = f.service.getVersioned(Fixture.SYS, "INC-1");
    assertThat(last.incident().title()).isEqualTo("title " + (rounds - 1));
    assertThat(last.incident().body()).isEqualTo("body " + (rounds - 1));
    assertThat(last.version()).isEqualTo(1 + 2L * rounds);
  }

  /**
   * Clause 10.5.2: eight writers updating one incident nonstop all succeed, even when each compare-and-set
   * comes a millisecond after its read (as over a network), so that most first attempts lose. Before writers
   * took turns once they contended, one of them lost 50 races in a row (a benchmark found it, and so does this
   * test without the turns) and got service_unavailable.
   */
  @Test
  void eightWritersOfOneIncidentNeverGiveUp() throws Exception {
    IncidentService service = Incidents.builder().store(new ForwardingIncidentStore(new InMemoryIncidentStore()) {
      @Override
      public UpdateResult update(IncidentUpdate update) {
        LockSupport.parkNanos(1_000_000);
        return super.update(update);
      }
    }).clock(f.clock).build();
    service.create(Fixture.SYS, IncidentCreateRequest.builder().title("t").build());
    int threads = 8;
    int updates = 150;
    ExecutorService writers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int writer = w;
        running.add(writers.submit(() -> {
          for (int i = 0; i < updates; i++) {
            service.update(Fixture.SYS,
                IncidentUpdateRequest.builder("INC-1").title("writer " + writer + " update " + i).build());
          }
        }));
      }
      for (Future<?> future : running) {
        future.get(); // a writer's service_unavailable fails the test with its own exception
      }
    } finally {
      writers.shutdownNow();
    }
    assertThat(service.getVersioned(Fixture.SYS, "INC-1").version()).isEqualTo(1 + (long) threads * updates);
  }

  @Test
  void overJsonListsComeInTheApiWrapperAndNullClears() throws Exception {
    create(IncidentCreateRequest.builder().title("t").body("b").ownedBy("DEVU-1"));
    JsonReply reply = f.service.json().update(Fixture.TENANT, "SYSU-1",
        "{\"id\": \"INC-1\", \"body\": null, \"owned_by\": {\"set\": [\"DEVU-2\", \"DEVU-3\"]}, \"severity\": 3}"
            .getBytes(StandardCharsets.UTF_8), null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.version()).isEqualTo(2L);
    JsonNode incident = JSON.readTree(reply.body()).path("incident");
    assertThat(incident.has("body")).isFalse();
    assertThat(incident.path("owned_by").size()).isEqualTo(2);
    assertThat(incident.path("severity").path("label").asText()).isEqualTo("Sev3");
  }

  @Test
  void overJsonABareArrayAndARuleAreReportedTogether() throws Exception {
    create(IncidentCreateRequest.builder().title("t"));
    JsonReply reply = f.service.json().update(Fixture.TENANT, "SYSU-1",
        "{\"id\": \"INC-1\", \"owned_by\": [\"DEVU-2\"], \"severity\": 9, \"color\": \"red\"}"
            .getBytes(StandardCharsets.UTF_8), null);
    assertThat(reply.status()).isEqualTo(400);
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.path("violations").findValuesAsText("field_name"))
        .containsExactly("owned_by", "severity", "color");
    assertThat(body.path("violations").get(0).path("message").asText()).contains("{\"set\": [...]}");
  }

  @Test
  void overJsonAStaleIfMatchIs412() {
    create(IncidentCreateRequest.builder().title("t"));
    JsonReply reply = f.service.json().update(Fixture.TENANT, "SYSU-1",
        "{\"id\": \"INC-1\", \"title\": \"u\"}".getBytes(StandardCharsets.UTF_8), 7L);
    assertThat(reply.status()).isEqualTo(412);
    assertThat(reply.bodyText()).contains("\"type\":\"conflict\"");
    assertThat(reply.version()).isNull();
  }

  @Test
  void getOverJsonCarriesTheVersion() {
    create(IncidentCreateRequest.builder().title("t"));
    update(IncidentUpdateRequest.builder("INC-1").title("u"));
    assertThat(f.service.json().get(Fixture.TENANT, "SYSU-1", "INC-1").version()).isEqualTo(2L);
    JsonReply byBody = f.service.json().get(Fixture.TENANT, "SYSU-1", "{\"id\": \"INC-1\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(byBody.status()).isEqualTo(200);
    assertThat(byBody.version()).isEqualTo(2L);
  }

  @Test
  void anUpdateWithoutAnIdIsMissingTheId() {
    JsonReply reply = f.service.json().update(Fixture.TENANT, "SYSU-1", "{\"title\": \"u\"}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.bodyText()).contains("missing_required_field").contains("\"field_name\":\"id\"");
  }

  @Test
  void anUpdateThatLosesTheRaceIsMadeAgainOnTheNewVersion() {
    InMemoryIncidentStore memory = new InMemoryIncidentStore();
    IncidentService[] other = new IncidentService[1];
    boolean[] raced = {false};
    int[] races = {0};
    // Before the first compare-and-set reaches the store, another writer changes the body.
    IncidentService service = Incidents.builder().clock(f.clock).store(new ForwardingIncidentStore(memory) {
      @Override
      public UpdateResult update(IncidentUpdate update) {
        if (!raced[0]) {
          raced[0] = true;
          other[0].update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").body("theirs " + ++races[0]).build());
        }
        return super.update(update);
      }
    }).build();
    other[0] = Incidents.builder().clock(f.clock).store(memory).build();
    service.create(Fixture.SYS, IncidentCreateRequest.builder().title("t").body("b").build());
    VersionedIncident mine = service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("mine").build());
    assertThat(mine.incident()).extracting(Incident::title, Incident::body).containsExactly("mine", "theirs 1");
    assertThat(mine.version()).isEqualTo(3);
    raced[0] = false;
    assertThatThrownBy(() -> service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("again").build(), 3))
        .as("with a precondition, losing the race is a conflict").isInstanceOf(ConflictException.class);
    assertThat(service.get(Fixture.SYS, "INC-1").title()).isEqualTo("mine");
  }
}

package dev.incidents;

import dev.incidents.model.RequestContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.catalog.Catalog;
import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.IncidentException;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.EnumValue;
import dev.incidents.model.ImpactRequest;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.ObjectSummary;
import dev.incidents.model.PartSummary;
import dev.incidents.model.PartType;
import dev.incidents.model.StageRequest;
import dev.incidents.model.TagRequest;
import dev.incidents.model.UserSummary;
import dev.incidents.model.UserType;
import dev.incidents.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The documented examples of docs/CONTRACT.md sections 1 to 4, one by one. */
class CreateExamplesTest {

  private final Fixture f = new Fixture();

  private Incident create(IncidentCreateRequest.Builder request) {
    return f.service.create(Fixture.SYS, request.build());
  }

  private static IncidentCreateRequest.Builder titled() {
    return IncidentCreateRequest.builder().title("Checkout is down");
  }

  @Nested
  @DisplayName("the response (section 3)")
  class Response {

    @Test
    void minimalRequestGetsIdsDatesActorAndStartStage() {
      Incident incident = create(titled());
      assertThat(incident.id()).isEqualTo("don:core:local:devo/acme:incident/1");
      assertThat(incident.displayId()).isEqualTo("INC-1");
      assertThat(incident.number()).isEqualTo(1);
      assertThat(incident.title()).isEqualTo("Checkout is down");
      assertThat(incident.createdDate()).isEqualTo(f.clock.instant()).isEqualTo(incident.modifiedDate());
      UserSummary actor = new UserSummary(UserType.SYS_USER, "don:identity:local:devo/acme:sysu/1", "SYSU-1");
      assertThat(incident.createdBy()).isEqualTo(actor).isEqualTo(incident.modifiedBy());
      assertThat(incident.stage().stage().name()).isEqualTo("acknowledged");
      assertThat(incident.stage().stage().id()).isEqualTo("don:core:local:devo/acme:custom_stage/1");
      assertThat(incident.stage().state().name()).isEqualTo("open");
      assertThat(incident.stage().state().isFinal()).isFalse();
      assertThat(incident.actualCloseDate()).isNull();
    }

    @Test
    void absentFieldsAreOmittedNotNull() {
      String json = new String(IncidentJson.writeIncident(create(titled())), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(json).doesNotContain("null").doesNotContain("body").doesNotContain("owned_by")
          .doesNotContain("custom_fields").doesNotContain("severity");
    }

    @Test
    void numbersIncreaseWithEveryCreate() {
      assertThat(create(titled()).number()).isEqualTo(1);
      assertThat(create(titled()).number()).isEqualTo(2);
      assertThat(f.service.create(RequestContext.of("other", "DEVU-1"), titled().build()).number()).isEqualTo(1);
      assertThat(create(titled()).number()).isEqualTo(3);
    }

    @Test
    void partitionIsConfigurable() {
      IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).partition("eu-1").build();
      Incident incident = service.create(Fixture.SYS, titled().ownedBy("DEVU-2").build());
      assertThat(incident.id()).isEqualTo("don:core:eu-1:devo/acme:incident/1");
      assertThat(incident.ownedBy().get(0).id()).isEqualTo("don:identity:eu-1:devo/acme:devu/2");
    }

    @Test
    void everyRequestFieldIsEchoed() {
      Incident incident = create(titled().body("body").identifiedDate(Instant.parse("2024-05-01T00:00:00Z"))
          .acknowledgedDate(Instant.parse("2024-05-01T00:01:00Z")).mitigatedDate(Instant.parse("2024-05-01T00:02:00Z"))
          .targetCloseDate(Instant.parse("2030-01-01T00:00:00Z")).stage(new StageRequest("mitigated", "notes")));
      assertThat(incident.body()).isEqualTo("body");
      assertThat(incident.identifiedDate()).isEqualTo("2024-05-01T00:00:00Z");
      assertThat(incident.acknowledgedDate()).isEqualTo("2024-05-01T00:01:00Z");
      assertThat(incident.mitigatedDate()).isEqualTo("2024-05-01T00:02:00Z");
      assertThat(incident.targetCloseDate()).isEqualTo("2030-01-01T00:00:00Z");
      assertThat(incident.stage().notes()).isEqualTo("notes");
      assertThat(incident.stage().state().name()).isEqualTo("in_progress");
    }
  }

  @Nested
  @DisplayName("ids expand to summaries")
  class Ids {

    @Test
    void displayIdsExpandToDonsOfTheTenant() {
      Incident incident = create(titled().appliesToParts("PROD-7", "CAPL-1", "FEAT-2", "ENH-3")
          .ownedBy("DEVU-1", "REVU-2", "SVCACC-3", "SYSU-4").artifacts("ARTIFACT-5").pia("ARTICLE-6")
          .playbooks("ARTICLE-7").relatedDocs("ARTICLE-8").impactedCustomers("ACC-9").stakeholders("DEVU-10"));
      assertThat(incident.appliesToParts()).containsExactly(
          new PartSummary(PartType.PRODUCT, "don:core:local:devo/acme:product/7", "PROD-7"),
          new PartSummary(PartType.CAPABILITY, "don:core:local:devo/acme:capability/1", "CAPL-1"),
          new PartSummary(PartType.FEATURE, "don:core:local:devo/acme:feature/2", "FEAT-2"),
          new PartSummary(PartType.ENHANCEMENT, "don:core:local:devo/acme:enhancement/3", "ENH-3"));
      assertThat(incident.ownedBy()).extracting(UserSummary::type).containsExactly(
          UserType.DEV_USER, UserType.REV_USER, UserType.SERVICE_ACCOUNT, UserType.SYS_USER);
      assertThat(incident.ownedBy()).extracting(UserSummary::id).containsExactly(
          "don:identity:local:devo/acme:devu/1", "don:identity:local:devo/acme:revu/2",
          "don:identity:local:devo/acme:svcacc/3", "don:identity:local:devo/acme:sysu/4");
      assertThat(incident.artifacts()).containsExactly(new ObjectSummary("don:core:local:devo/acme:artifact/5", "ARTIFACT-5"));
      assertThat(incident.pia()).containsExactly(new ObjectSummary("don:core:local:devo/acme:article/6", "ARTICLE-6"));
      assertThat(incident.playbooks()).extracting(ObjectSummary::displayId).containsExactly("ARTICLE-7");
      assertThat(incident.relatedDocs()).extracting(ObjectSummary::displayId).containsExactly("ARTICLE-8");
      assertThat(incident.impactedCustomers()).containsExactly(new ObjectSummary("don:identity:local:devo/acme:account/9", "ACC-9"));
      assertThat(incident.stakeholders()).extracting(UserSummary::displayId).containsExactly("DEVU-10");
    }

    @Test
    void aDonKeepsItsIdAndGetsItsDisplayId() {
      Incident incident = create(titled().appliesToParts("don:core:local:devo/acme:product/12"));
      assertThat(incident.appliesToParts()).containsExactly(
          new PartSummary(PartType.PRODUCT, "don:core:local:devo/acme:product/12", "PROD-12"));
    }

    @Test
    void duplicatesAreDroppedKeepingTheFirstOccurrenceAndOrder() {
      Incident incident = create(titled().ownedBy("DEVU-2", "DEVU-1", "DEVU-2", "don:identity:local:devo/acme:devu/1", "DEVU-3"));
      assertThat(incident.ownedBy()).extracting(UserSummary::displayId).containsExactly("DEVU-2", "DEVU-1", "DEVU-3");
    }

    @Test
    void tagsExpandWithTheDisplayIdAsName() {
      Incident incident = create(titled().tags(TagRequest.of("TAG-4", "p1"), TagRequest.of("TAG-5"), TagRequest.of("TAG-4", "dup")));
      assertThat(incident.tags()).hasSize(2);
      assertThat(incident.tags().get(0).tag().id()).isEqualTo("don:core:local:devo/acme:tag/4");
      assertThat(incident.tags().get(0).tag().displayId()).isEqualTo("TAG-4");
      assertThat(incident.tags().get(0).tag().name()).isEqualTo("TAG-4");
      assertThat(incident.tags().get(0).value()).isEqualTo("p1");
      assertThat(incident.tags().get(1).value()).isNull();
    }

    @Test
    void aDonOfAnotherDevOrgIsInvalidId() {
      assertThatThrownBy(() -> create(titled().ownedBy("don:identity:local:devo/other:devu/1")))
          .isInstanceOf(BadRequestException.class)
          .satisfies(e -> assertThat(((IncidentException) e).violations()).singleElement()
              .satisfies(v -> {
                assertThat(v.type().wireName()).isEqualTo("invalid_id");
                assertThat(v.fieldName()).isEqualTo("owned_by[0]");
                assertThat(v.message()).contains("other");
              }));
    }
  }

  @Nested
  @DisplayName("catalogs and stages (section 4)")
  class CatalogsAndStages {

    @Test
    void defaultCatalogsExpandToIdLabelOrdinal() {
      Incident incident = create(titled().severity(2L).reportedBy(3L).source(1L));
      assertThat(incident.severity()).isEqualTo(new EnumValue(2, "Sev2", 2));
      assertThat(incident.reportedBy()).isEqualTo(new EnumValue(3, "Third party", 3));
      assertThat(incident.source()).isEqualTo(new EnumValue(1, "Alert", 1));
    }

    @Test
    void impactCountExpandsToItself() {
      Incident incident = create(titled().impact(ImpactRequest.of(42L, "ACC-1")));
      assertThat(incident.impact().count()).isEqualTo(new EnumValue(42, "42", 0));
      assertThat(incident.impact().customerIds()).extracting(ObjectSummary::id)
          .containsExactly("don:identity:local:devo/acme:account/1");
    }

    @Test
    void aHostReplacesCatalogsAndTheStageDiagram() {
      Catalog severity = Catalog.builder().add(10, "Minor").add(20, "Major").build();
      StageDiagram diagram = StageDiagram.builder().state(1, "open", false).state(2, "done", true)
          .stage(7, "triage", "open").stage(8, "closed", "done").start("triage").build();
      IncidentService service = Incidents.builder().store(new InMemoryIncidentStore())
          .catalogs(Catalogs.defaults().withSeverity(severity).withImpactCount(Catalog.of("1-10", "11-100")))
          .stageDiagram(diagram).build();
      Incident incident = service.create(Fixture.SYS, titled().severity(20L).impact(ImpactRequest.of(1L)).build());
      assertThat(incident.severity()).isEqualTo(new EnumValue(20, "Major", 1));
      assertThat(incident.impact().count()).isEqualTo(new EnumValue(1, "11-100", 1));
      assertThat(incident.stage().stage().name()).isEqualTo("triage");
      assertThat(incident.stage().stage().id()).endsWith(":custom_stage/7");
      assertThatThrownBy(() -> service.create(Fixture.SYS, titled().severity(1L).build()))
          .isInstanceOf(BadRequestException.class)
          .satisfies(e -> assertThat(((IncidentException) e).violations().get(0).allowedValues()).containsExactly(10L, 20L));
    }

    @Test
    void aStageIsNamedOrGivenByDon() {
      assertThat(create(titled().stage("identified")).stage().stage().name()).isEqualTo("identified");
      assertThat(create(titled().stage("don:core:local:devo/acme:custom_stage/3")).stage().stage().name())
          .isEqualTo("mitigated");
    }

    @Test
    void creatingInAFinalStageClosesTheIncident() {
      Incident incident = create(titled().stage("resolved"));
      assertThat(incident.stage().state().isFinal()).isTrue();
      assertThat(incident.actualCloseDate()).isEqualTo(incident.createdDate());
    }
  }

  @Nested
  @DisplayName("dates (section 1)")
  class Dates {

    @Test
    void datesAreStoredInUtcWithMilliseconds() {
      JsonReply reply = f.createJson("""
          {"title": "t", "identified_date": "2024-01-01T13:00:00+01:00", "acknowledged_date": "2024-01-01T12:00:00.123456Z",
           "target_close_date": "2030-01-01t00:00:00z"}""");
      assertThat(reply.bodyText())
          .contains("\"identified_date\":\"2024-01-01T12:00:00.000Z\"")
          .contains("\"acknowledged_date\":\"2024-01-01T12:00:00.123Z\"")
          .contains("\"target_close_date\":\"2030-01-01T00:00:00.000Z\"");
    }

    @Test
    void milestonesMayBeMitigatedBeforeAcknowledged() {
      Incident incident = create(titled().identifiedDate(Instant.parse("2024-05-01T00:00:00Z"))
          .mitigatedDate(Instant.parse("2024-05-01T01:00:00Z")).acknowledgedDate(Instant.parse("2024-05-01T02:00:00Z")));
      assertThat(incident.mitigatedDate()).isBefore(incident.acknowledgedDate());
    }

    @Test
    void fiveMinutesOfClockSkewAreTolerated() {
      Instant now = f.clock.instant();
      create(titled().identifiedDate(now.plusSeconds(300)));
      assertThatThrownBy(() -> create(titled().identifiedDate(now.plusSeconds(300).plusMillis(1))))
          .isInstanceOf(BadRequestException.class).hasMessageContaining("identified_date");
      create(titled().targetCloseDate(now.plusSeconds(86400 * 365)));
    }

    @Test
    void eachBrokenDateRuleSaysWhichInTheReason() {
      Instant now = f.clock.instant();
      assertThat(dateReason(f.service, titled().identifiedDate(now.plusSeconds(3600)), "identified_date"))
          .isEqualTo("must not be more than 5 minutes in the future of the service clock (2024-06-01T12:00:00.000Z)");
      assertThat(dateReason(f.service, titled().targetCloseDate(Instant.parse("1969-12-31T23:59:59.999Z")),
          "target_close_date")).isEqualTo("must lie in the years 1970 to 9999 (UTC), got year 1969");
      assertThat(dateReason(f.service, titled().identifiedDate(now.minusSeconds(60)).acknowledgedDate(now.minusSeconds(61)),
          "acknowledged_date")).isEqualTo("must not be earlier than identified_date");
      assertThat(dateReason(f.service, titled().identifiedDate(now.minusSeconds(60)).mitigatedDate(now.minusSeconds(61)),
          "mitigated_date")).isEqualTo("must not be earlier than identified_date");
    }

    @Test
    void theFutureToleranceIsConfigurableAndTheReasonStatesIt() {
      Instant now = f.clock.instant();
      String clock = " in the future of the service clock (2024-06-01T12:00:00.000Z)";
      assertThat(futureReason(Duration.ofMinutes(1), now.plusSeconds(61))).isEqualTo("must not be more than 1 minute" + clock);
      assertThat(futureReason(Duration.ofMinutes(2), now.plusSeconds(121))).isEqualTo("must not be more than 2 minutes" + clock);
      assertThat(futureReason(Duration.ofSeconds(90), now.plusSeconds(91))).isEqualTo("must not be more than 90000 ms" + clock);
      assertThat(futureReason(Duration.ofMinutes(2).plusMillis(1), now.plusSeconds(121)))
          .isEqualTo("must not be more than 120001 ms" + clock);
      assertThat(futureReason(Duration.ZERO, now.plusMillis(1))).isEqualTo("must not be more than 0 minutes" + clock);
      IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).clock(f.clock)
          .futureTolerance(Duration.ofSeconds(90)).build();
      assertThat(service.validate(Fixture.SYS, titled().identifiedDate(now.plusSeconds(90)).build()))
          .as("the tolerance itself is allowed").isEmpty();
    }

    private String futureReason(Duration tolerance, Instant identified) {
      IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).clock(f.clock)
          .futureTolerance(tolerance).build();
      return dateReason(service, titled().identifiedDate(identified), "identified_date");
    }

    private String dateReason(IncidentService service, IncidentCreateRequest.Builder request, String field) {
      java.util.List<dev.incidents.error.Violation> violations = service.validate(Fixture.SYS, request.build());
      assertThat(violations).singleElement().satisfies(v -> {
        assertThat(v.type()).isEqualTo(dev.incidents.error.ErrorType.VALUE_NOT_PERMITTED);
        assertThat(v.fieldName()).isEqualTo(field);
      });
      return violations.get(0).reason();
    }

    @Test
    void theOrderingRulesCanBeSwitchedOff() {
      IncidentService lenient = Incidents.builder().store(new InMemoryIncidentStore()).clock(f.clock)
          .milestoneOrder(false).build();
      Incident incident = lenient.create(Fixture.SYS, titled().identifiedDate(Instant.parse("2024-05-02T00:00:00Z"))
          .acknowledgedDate(Instant.parse("2024-05-01T00:00:00Z")).build());
      assertThat(incident.acknowledgedDate()).isBefore(incident.identifiedDate());
    }

    @Test
    void theClockDecidesWhatIsTheFuture() {
      MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
      IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).clock(clock).build();
      Incident incident = service.create(Fixture.SYS, titled().identifiedDate(Instant.parse("2029-12-31T23:59:00Z")).build());
      assertThat(incident.createdDate()).isEqualTo("2030-01-01T00:00:00Z");
    }
  }
}

package dev.incidents;

import dev.incidents.testing.Theories;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.ObjectSummary;
import dev.incidents.model.PartSummary;
import dev.incidents.model.TagRequest;
import dev.incidents.model.TagWithValue;
import dev.incidents.model.UserSummary;
import dev.incidents.testing.Generators;
import dev.incidents.testing.MutableClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties over generated requests that cover every field: round trips through the store and JSON. */
class RequestPropertiesTest {

  private static final Gen<IncidentCreateRequest> REQUESTS = Generators.requests(Fixture.TENANT);

  private static IncidentService newService() {
    return Incidents.builder().store(new InMemoryIncidentStore()).clock(MutableClock.atGeneratorsNow()).build();
  }

  @Test
  void createThenGetAndListReturnAnEqualIncident() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(REQUESTS).checkAssert(request -> {
      IncidentService service = newService();
      Incident created = service.create(Fixture.SYS, request);
      assertThat(service.get(Fixture.SYS, created.id())).isEqualTo(created);
      assertThat(service.get(Fixture.SYS, created.displayId())).isEqualTo(created);
      assertThat(service.list(Fixture.SYS).incidents()).containsExactly(created);
    });
  }

  @Test
  void theIncidentSaysWhatTheRequestSaid() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(REQUESTS).checkAssert(request -> {
      Incident incident = newService().create(Fixture.SYS, request);
      assertThat(incident.title()).isEqualTo(request.title());
      assertThat(incident.body()).isEqualTo(request.body());
      assertThat(incident.identifiedDate()).isEqualTo(request.identifiedDate());
      assertThat(incident.acknowledgedDate()).isEqualTo(request.acknowledgedDate());
      assertThat(incident.mitigatedDate()).isEqualTo(request.mitigatedDate());
      assertThat(incident.targetCloseDate()).isEqualTo(request.targetCloseDate());
      assertThat(incident.appliesToParts()).extracting(PartSummary::displayId).isEqualTo(displayIds(request.appliesToParts()));
      assertThat(incident.ownedBy()).extracting(UserSummary::displayId).isEqualTo(displayIds(request.ownedBy()));
      assertThat(incident.stakeholders()).extracting(UserSummary::displayId).isEqualTo(displayIds(request.stakeholders()));
      assertThat(incident.artifacts()).extracting(ObjectSummary::displayId).isEqualTo(displayIds(request.artifacts()));
      assertThat(incident.pia()).extracting(ObjectSummary::displayId).isEqualTo(displayIds(request.pia()));
      assertThat(incident.playbooks()).extracting(ObjectSummary::displayId).isEqualTo(displayIds(request.playbooks()));
      assertThat(incident.relatedDocs()).extracting(ObjectSummary::displayId).isEqualTo(displayIds(request.relatedDocs()));
      assertThat(incident.impactedCustomers()).extracting(ObjectSummary::displayId)
          .isEqualTo(displayIds(request.impactedCustomers()));
      assertThat(incident.tags()).extracting(t -> t.tag().displayId() + "=" + t.value())
          .isEqualTo(expectedTags(request.tags()));
      assertThat(incident.tags()).allSatisfy((TagWithValue t) -> assertThat(t.tag().name()).isEqualTo(t.tag().displayId()));
      if (request.impact() == null) {
        assertThat(incident.impact()).isNull();
      } else {
        assertThat(incident.impact().customerIds()).extracting(ObjectSummary::displayId)
            .isEqualTo(displayIds(request.impact().customerIds()));
        assertThat(incident.impact().count() == null ? null : incident.impact().count().id())
            .isEqualTo(request.impact().count());
      }
      assertThat(incident.severity() == null ? null : incident.severity().id()).isEqualTo(request.severity());
      assertThat(incident.reportedBy() == null ? null : incident.reportedBy().id()).isEqualTo(request.reportedBy());
      assertThat(incident.source() == null ? null : incident.source().id()).isEqualTo(request.source());
      String stage = request.stage() == null ? "acknowledged" : request.stage().stage();
      assertThat(stage).isIn(incident.stage().stage().name(), incident.stage().stage().id());
      assertThat(incident.actualCloseDate() != null).isEqualTo(incident.stage().state().isFinal());
    });
  }

  @Test
  void responseJsonParsesBackToAnEqualModel() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(REQUESTS).checkAssert(request -> {
      Incident incident = newService().create(Fixture.SYS, request);
      assertThat(IncidentJson.readIncident(IncidentJson.writeIncident(incident))).isEqualTo(incident);
      assertThat(IncidentJson.readIncidentObject(IncidentJson.writeIncidentObject(incident))).isEqualTo(incident);
    });
  }

  /**
   * The JSON endpoint answers a create with the document the store was given, wrapped, rather than writing
   * the incident again: those bytes must be exactly what writing the incident gives, for one create, a
   * batch and a replay (which is read back from the store).
   */
  @Test
  void createRepliesAreByteForByteTheIncidentWritten() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(REQUESTS).checkAssert(request -> {
      IncidentService service = newService();
      byte[] json = IncidentJson.writeCreateRequest(request);
      byte[] single = service.json().create(Fixture.TENANT, "SYSU-1", json, "key-1").body();
      byte[] replay = service.json().create(Fixture.TENANT, "SYSU-1", json, "key-1").body();
      byte[] batched = service.json().createAll(Fixture.TENANT, "SYSU-1", List.of(json), null).get(0).body();
      Incident first = service.get(Fixture.SYS, "INC-1");
      assertThat(new String(single, java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(new String(IncidentJson.writeIncident(first), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(replay).isEqualTo(single);
      assertThat(batched).isEqualTo(IncidentJson.writeIncident(service.get(Fixture.SYS, "INC-2")));
    });
  }

  @Test
  void requestJsonParsesBackToAnEqualModel() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(REQUESTS).checkAssert(request ->
        assertThat(IncidentJson.readCreateRequest(IncidentJson.writeCreateRequest(request))).isEqualTo(request));
  }

  @Test
  void maximalRequestsAreAcceptedAndRoundTrip() {
    Theories.qt().withExamples(Math.max(5, Theories.EXAMPLES / 20)).forAll(Generators.maximalRequests(Fixture.TENANT))
        .checkAssert(request -> {
          IncidentService service = newService();
          byte[] json = IncidentJson.writeCreateRequest(request);
          assertThat(json.length).isLessThan(1 << 20);
          Incident incident = IncidentJson.readIncident(service.json().create(Fixture.TENANT, Generators.ACTOR, json, null).body());
          assertThat(incident.title().codePointCount(0, incident.title().length())).isEqualTo(IncidentCreateRequest.MAX_TITLE);
          assertThat(service.get(Fixture.SYS, incident.id())).isEqualTo(incident);
        });
  }

  /** The display ids a list of ids names, duplicates (also between display id and DON) dropped. */
  static List<String> displayIds(List<String> ids) {
    return ids.stream().map(RequestPropertiesTest::displayId).distinct().toList();
  }

  private static List<String> expectedTags(List<TagRequest> tags) {
    Map<String, String> first = new LinkedHashMap<>();
    for (TagRequest tag : tags) {
      first.putIfAbsent(displayId(tag.tagId()), displayId(tag.tagId()) + "=" + tag.value());
    }
    return new ArrayList<>(first.values());
  }

  private static final Map<String, String> PREFIX_OF_SEGMENT = Map.ofEntries(
      Map.entry("product", "PROD"), Map.entry("capability", "CAPL"), Map.entry("feature", "FEAT"),
      Map.entry("enhancement", "ENH"), Map.entry("artifact", "ARTIFACT"), Map.entry("article", "ARTICLE"),
      Map.entry("tag", "TAG"), Map.entry("devu", "DEVU"), Map.entry("revu", "REVU"), Map.entry("svcacc", "SVCACC"),
      Map.entry("sysu", "SYSU"), Map.entry("account", "ACC"));

  /** An independent oracle: {@code don:...:devo/t:product/7} is {@code PROD-7}. */
  private static String displayId(String id) {
    if (!id.startsWith("don:")) {
      return id;
    }
    String last = id.substring(id.lastIndexOf(':') + 1);
    String[] typeAndNumber = last.split("/");
    return PREFIX_OF_SEGMENT.get(typeAndNumber[0]) + "-" + typeAndNumber[1];
  }
}

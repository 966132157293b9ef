package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.error.ConflictException;
import dev.incidents.error.NotFoundException;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.IdempotencyKey;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** docs/CONTRACT.md section 10, delete, by example. */
class DeleteTest {

  private final Fixture f = new Fixture();

  private Incident create(String title) {
    return f.service.create(Fixture.SYS, IncidentCreateRequest.builder().title(title).build());
  }

  @Test
  void aDeletedIncidentIsGoneFromEveryRead() {
    create("a");
    Incident b = create("b");
    create("c");
    f.service.delete(Fixture.SYS, b.displayId());
    assertThatThrownBy(() -> f.service.get(Fixture.SYS, b.id())).isInstanceOf(NotFoundException.class);
    assertThat(f.service.list(Fixture.SYS).incidents()).extracting(Incident::displayId).containsExactly("INC-3", "INC-1");
    assertThatThrownBy(() -> f.service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-2").title("x").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> f.service.delete(Fixture.SYS, "INC-2")).as("a second delete").isInstanceOf(NotFoundException.class);
  }

  @Test
  void itsNumberIsNeverUsedAgain() {
    create("a");
    create("b");
    f.service.delete(Fixture.SYS, "INC-2");
    f.service.delete(Fixture.SYS, "INC-1");
    assertThat(create("c").displayId()).isEqualTo("INC-3");
  }

  @Test
  void theKeyOfADeletedIncidentNeverCreatesAgain() {
    IncidentCreateRequest request = IncidentCreateRequest.builder().title("a").build();
    f.service.create(Fixture.SYS, request, IdempotencyKey.of("k"));
    f.service.delete(Fixture.SYS, "INC-1");
    assertThatThrownBy(() -> f.service.create(Fixture.SYS, request, IdempotencyKey.of("k")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("INC-1").contains("deleted"));
    assertThatThrownBy(() -> f.service.create(Fixture.SYS, IncidentCreateRequest.builder().title("other").build(),
        IdempotencyKey.of("k"))).as("another request with the key is still a conflict").isInstanceOf(ConflictException.class);
    assertThat(f.service.list(Fixture.SYS).incidents()).isEmpty();
  }

  @Test
  void aPreconditionGuardsTheDelete() {
    create("a");
    f.service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("b").build());
    assertThatThrownBy(() -> f.service.delete(Fixture.SYS, "INC-1", 1)).isInstanceOf(ConflictException.class);
    assertThat(f.service.get(Fixture.SYS, "INC-1").title()).isEqualTo("b");
    f.service.delete(Fixture.SYS, "INC-1", 2);
    assertThat(f.service.list(Fixture.SYS, ListRequest.first()).incidents()).isEmpty();
  }

  @Test
  void tenantsDoNotDeleteEachOthersIncidents() {
    create("a");
    assertThatThrownBy(() -> f.service.delete(dev.incidents.model.RequestContext.of("other", "SYSU-1"), "INC-1"))
        .isInstanceOf(NotFoundException.class);
    assertThat(f.service.get(Fixture.SYS, "INC-1").title()).isEqualTo("a");
  }

  @Test
  void overJsonTheReplyIsAnEmptyObject() {
    create("a");
    JsonReply reply = f.service.json().delete(Fixture.TENANT, "SYSU-1", "{\"id\": \"INC-1\"}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.bodyText()).isEqualTo("{}");
    JsonReply again = f.service.json().delete(Fixture.TENANT, "SYSU-1", "{\"id\": \"INC-1\"}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(again.status()).isEqualTo(404);
    JsonReply noId = f.service.json().delete(Fixture.TENANT, "SYSU-1", "{\"incident\": \"INC-1\"}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.bodyText()).contains("missing_required_field").contains("invalid_field");
  }

  @Test
  void withEventsOnEachChangeIsAnnouncedInTheStore() {
    InMemoryIncidentStore store = new InMemoryIncidentStore();
    IncidentService service = Incidents.builder().store(store).clock(f.clock).recordEvents(true).build();
    service.create(Fixture.SYS, IncidentCreateRequest.builder().title("a").build());
    service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("b").build());
    service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").title("b").build());
    service.delete(Fixture.SYS, "INC-1");
    assertThat(store.events(0, 10)).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
        .satisfiesExactly(
            created -> assertThat(created).startsWith("{\"id\":\"evt:acme:1:1\",\"type\":\"incident_created\"")
                .contains("\"incident_created\":{\"incident\":{\"id\":"),
            updated -> assertThat(updated).contains("\"type\":\"incident_updated\"").contains("\"title\":\"b\"")
                .contains("\"old_incident\":{").contains("\"title\":\"a\""),
            deleted -> assertThat(deleted).contains("\"id\":\"evt:acme:1:3\"").contains("\"type\":\"incident_deleted\"")
                .contains("\"incident_deleted\":{\"id\":\"don:core:local:devo/acme:incident/1\",\"old_incident\":{"));
  }
}

package dev.incidents;

import dev.incidents.model.CreateCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.json.IncidentJson;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.ListRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/CONTRACT.md section 8 by example; the TCK checks paging on every store with properties. */
class ListTest {

  private final Fixture f = new Fixture();

  private void create(int n) {
    List<CreateCall> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(CreateCall.of(IncidentCreateRequest.builder().title("t" + i).build()));
    }
    f.service.createAll(Fixture.SYS, calls);
  }

  @Test
  void aPageHoldsFiftyByDefaultNewestFirst() {
    create(51);
    IncidentPage first = f.service.list(Fixture.SYS);
    assertThat(first.incidents()).hasSize(ListRequest.DEFAULT_LIMIT);
    assertThat(first.incidents()).extracting(Incident::number).startsWith(51L, 50L).endsWith(2L);
    IncidentPage second = f.service.list(Fixture.SYS, ListRequest.first().after(first.nextCursor()));
    assertThat(second.incidents()).extracting(Incident::number).containsExactly(1L);
    assertThat(second.next()).isEmpty();
  }

  @Test
  void theJsonEndpointPagesWithTheSameDefaults() {
    create(51);
    IncidentPage first = IncidentJson.readPage(f.service.json().list(Fixture.TENANT, "DEVU-1", "{}".getBytes(StandardCharsets.UTF_8)).body());
    assertThat(first.incidents()).hasSize(50);
    IncidentPage rest = IncidentJson.readPage(
        f.service.json().list(Fixture.TENANT, "DEVU-1", ("{\"limit\": 1000, \"cursor\": \"" + first.nextCursor()
            + "\"}").getBytes(StandardCharsets.UTF_8)).body());
    assertThat(rest.incidents()).extracting(Incident::number).containsExactly(1L);
    assertThat(rest.nextCursor()).isNull();
  }

  @Test
  void aPageOfExactlyTheRemainingIncidentsHasNoNextCursor() {
    create(3);
    assertThat(f.service.list(Fixture.SYS, ListRequest.first(3)).nextCursor()).isNull();
    assertThat(f.service.list(Fixture.SYS, ListRequest.first(2)).nextCursor()).isNotNull();
  }
}

package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.incidents.error.BadRequestException;
import dev.incidents.error.Violation;
import dev.incidents.json.IncidentJson;
import dev.incidents.model.DateFilter;
import dev.incidents.model.EnumValue;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentFilter;
import dev.incidents.model.IncidentPage;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.model.SortOrder;
import dev.incidents.model.UserSummary;
import dev.incidents.testing.Generators;
import dev.incidents.testing.Theories;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** docs/CONTRACT.md section 11: filtered lists by example, and against a model as a property. */
class ListFilterTest {

  private final Fixture f = new Fixture();

  private Incident create(IncidentCreateRequest.Builder request) {
    return f.service.create(Fixture.SYS, request.build());
  }

  private List<String> list(IncidentFilter filter, SortOrder order) {
    List<String> ids = new ArrayList<>();
    ListRequest request = ListRequest.first(filter, order, 2);
    while (true) {
      IncidentPage page = f.service.list(Fixture.SYS, request);
      page.incidents().forEach(i -> ids.add(i.displayId()));
      if (page.nextCursor() == null) {
        return ids;
      }
      request = request.after(page.nextCursor());
    }
  }

  @Test
  void openSev0AndSev1IncidentsOwnedByMyTeam() {
    create(IncidentCreateRequest.builder().title("a").severity(0L).ownedBy("DEVU-7"));
    create(IncidentCreateRequest.builder().title("b").severity(1L).ownedBy("DEVU-8", "DEVU-7").stage("resolved"));
    create(IncidentCreateRequest.builder().title("c").severity(2L).ownedBy("DEVU-7"));
    create(IncidentCreateRequest.builder().title("d").severity(1L).ownedBy("DEVU-7"));
    create(IncidentCreateRequest.builder().title("e").severity(1L).ownedBy("DEVU-9"));
    IncidentFilter filter = IncidentFilter.builder().severity(0L, 1L).state("open").ownedBy("DEVU-7").build();
    assertThat(list(filter, SortOrder.NEWEST_FIRST)).containsExactly("INC-4", "INC-1");
    assertThat(list(filter, SortOrder.OLDEST_FIRST)).containsExactly("INC-1", "INC-4");
  }

  @Test
  void anUpdateMovesAnIncidentIntoAndOutOfAFilter() {
    create(IncidentCreateRequest.builder().title("a").severity(2L));
    IncidentFilter sev1 = IncidentFilter.builder().severity(1L).build();
    assertThat(list(sev1, SortOrder.NEWEST_FIRST)).isEmpty();
    f.service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").severity(1).build());
    assertThat(list(sev1, SortOrder.NEWEST_FIRST)).containsExactly("INC-1");
    f.service.update(Fixture.SYS, IncidentUpdateRequest.builder("INC-1").clearSeverity().build());
    assertThat(list(sev1, SortOrder.NEWEST_FIRST)).isEmpty();
  }

  @Test
  void dateRangesIncludeAfterAndExcludeBefore() {
    create(IncidentCreateRequest.builder().title("a"));
    f.clock.advance(Duration.ofHours(1));
    create(IncidentCreateRequest.builder().title("b").targetCloseDate(Generators.NOW.plus(Duration.ofDays(3))));
    Instant second = f.clock.instant();
    assertThat(list(IncidentFilter.builder().createdDate(DateFilter.onOrAfter(second)).build(), SortOrder.NEWEST_FIRST))
        .containsExactly("INC-2");
    assertThat(list(IncidentFilter.builder().createdDate(DateFilter.before(second)).build(), SortOrder.NEWEST_FIRST))
        .containsExactly("INC-1");
    assertThat(list(IncidentFilter.builder().targetCloseDate(new DateFilter.NextDays(7)).build(), SortOrder.NEWEST_FIRST))
        .containsExactly("INC-2");
    assertThat(list(IncidentFilter.builder().createdDate(new DateFilter.LastDays(1)).build(), SortOrder.NEWEST_FIRST))
        .containsExactly("INC-2", "INC-1");
    assertThat(list(IncidentFilter.builder().actualCloseDate(DateFilter.onOrAfter(Instant.EPOCH)).build(),
        SortOrder.NEWEST_FIRST)).as("a bounded range never matches an incident without the date").isEmpty();
  }

  @Test
  void valuesThatCanMatchNothingValidAreErrorsNamingTheFilter() {
    assertThatThrownBy(() -> f.service.list(Fixture.SYS, ListRequest.first(IncidentFilter.builder()
        .severity(7L).stage("closing").state("pending").ownedBy("PROD-1", "nope").subtype(" ")
        .createdDate(DateFilter.range(Generators.NOW, Generators.NOW)).build(), SortOrder.NEWEST_FIRST, 10)))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.violations()).extracting(Violation::fieldName)
            .containsExactlyInAnyOrder("severity[0]", "stage[0]", "state[0]", "owned_by[0]", "owned_by[1]",
                "subtype[0]", "created_date"));
  }

  @Test
  void aCursorContinuesOnlyTheOrderItCameFrom() {
    create(IncidentCreateRequest.builder().title("a"));
    create(IncidentCreateRequest.builder().title("b"));
    String cursor = f.service.list(Fixture.SYS, ListRequest.first(1)).nextCursor();
    assertThatThrownBy(() -> f.service.list(Fixture.SYS,
        ListRequest.first(IncidentFilter.ALL, SortOrder.OLDEST_FIRST, 1).after(cursor)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("sort_by");
  }

  @Test
  void theApiBodyOfAListCarriesFiltersSortAndPaging() {
    create(IncidentCreateRequest.builder().title("a").severity(1L).ownedBy("DEVU-1"));
    create(IncidentCreateRequest.builder().title("b").severity(1L).ownedBy("DEVU-2"));
    create(IncidentCreateRequest.builder().title("c").severity(2L).ownedBy("DEVU-1"));
    JsonReply reply = f.service.json().list(Fixture.TENANT, "SYSU-1", ("{\"severity\": [1], \"owned_by\": [\"DEVU-1\", "
        + "\"DEVU-2\"], \"sort_by\": [\"created_date:asc\"], \"limit\": 1, \"created_date\": {\"type\": \"range\", "
        + "\"after\": \"2000-01-01T00:00:00Z\"}}").getBytes(StandardCharsets.UTF_8));
    IncidentPage page = IncidentJson.readPage(reply.body());
    assertThat(page.incidents()).extracting(Incident::displayId).containsExactly("INC-1");
    JsonReply unsupported = f.service.json().list(Fixture.TENANT, "SYSU-1", "{\"title\": [\"a\"], \"sort_by\": [\"title:asc\"]}"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(unsupported.status()).isEqualTo(400);
    assertThat(unsupported.bodyText()).contains("not supported").contains("sort_by[0]");
  }

  /** A filter over the generated requests' values, and the same condition written plainly on incidents. */
  private record Case(IncidentFilter filter, Predicate<Incident> model) {}

  private static Gen<Case> filters() {
    Gen<List<Long>> catalogIds = lists().of(Generate.longRange(0, 3)).ofSizeBetween(0, 2);
    Gen<List<String>> states = lists().of(Generate.pick(List.of("open", "in_progress", "closed"))).ofSizeBetween(0, 2);
    Gen<List<String>> owners = lists().of(Generate.pick(List.of("DEVU-1", "DEVU-2", "REVU-1", "SYSU-1")))
        .ofSizeBetween(0, 2);
    return catalogIds.zip(catalogIds, states, owners, (severity, reportedBy, state, owned) -> {
      IncidentFilter filter = new IncidentFilter(severity, reportedBy, List.of(), state, owned, List.of(), List.of(),
          List.of(), null, null, null, null);
      Predicate<Incident> model = i -> in(severity, i.severity()) && in(reportedBy, i.reportedBy())
          && (state.isEmpty() || state.contains(i.stage().state().name()))
          && (owned.isEmpty() || i.ownedBy().stream().map(UserSummary::displayId).anyMatch(owned::contains));
      return new Case(filter, model);
    });
  }

  private static boolean in(List<Long> wanted, EnumValue value) {
    return wanted.isEmpty() || (value != null && wanted.contains(value.id()));
  }

  @Test
  void anyFilterListsExactlyWhatTheModelSelectsInOrder() {
    Gen<List<IncidentCreateRequest>> incidents = lists().of(Generators.requests(Fixture.TENANT).map(r -> r.toBuilder()
        .ownedBy(r.ownedBy().isEmpty() ? List.of() : List.of(List.of("DEVU-1", "DEVU-2", "REVU-1")
            .get(Math.floorMod(Objects.hash(r.title()), 3)))).build())).ofSizeBetween(0, 12);
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(incidents, filters(), integers().between(1, 4))
        .checkAssert((requests, c, pageSize) -> {
          Fixture fixture = new Fixture();
          List<Incident> created = new ArrayList<>();
          requests.forEach(r -> created.add(fixture.service.create(Fixture.SYS, r)));
          List<String> expected = created.stream().filter(c.model()).map(Incident::displayId).toList();
          for (SortOrder order : SortOrder.values()) {
            List<String> listed = new ArrayList<>();
            ListRequest request = ListRequest.first(c.filter(), order, pageSize);
            while (true) {
              IncidentPage page = fixture.service.list(Fixture.SYS, request);
              page.incidents().forEach(i -> listed.add(i.displayId()));
              if (page.nextCursor() == null) {
                break;
              }
              request = request.after(page.nextCursor());
            }
            List<String> inOrder = new ArrayList<>(expected);
            if (order == SortOrder.NEWEST_FIRST) {
              Collections.reverse(inOrder);
            }
            assertThat(listed).as(order + " with " + c.filter()).isEqualTo(inOrder);
          }
        });
  }
}

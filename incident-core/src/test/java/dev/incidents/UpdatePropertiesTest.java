package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.error.BadRequestException;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.VersionedIncident;
import dev.incidents.testing.MutableClock;
import dev.incidents.testing.Theories;
import dev.incidents.testing.UpdateCases;
import org.junit.jupiter.api.Test;

/**
 * docs/CONTRACT.md section 10 as properties: for any incident and any update that keeps, clears or sets each
 * field, the incident after the update is the one creating the merged request gives (with a fixed clock the
 * two agree field for field); a set field says what was set, a cleared one is gone, a kept one is unchanged.
 */
class UpdatePropertiesTest {

  private static IncidentService newService() {
    return Incidents.builder().store(new InMemoryIncidentStore()).clock(MutableClock.atGeneratorsNow()).build();
  }

  @Test
  void anUpdateGivesWhatCreatingTheMergedRequestGives() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(UpdateCases.cases(Fixture.TENANT)).checkAssert(c -> {
      IncidentService service = newService();
      Incident created = service.create(Fixture.SYS, c.original());
      if (!service.validate(Fixture.SYS, c.merged()).isEmpty()) {
        // Mixing the two requests' dates broke a date-order rule: the update must be refused, changing nothing.
        assertThatThrownBy(() -> service.update(Fixture.SYS, c.update())).isInstanceOf(BadRequestException.class);
        assertThat(service.getVersioned(Fixture.SYS, "INC-1")).isEqualTo(new VersionedIncident(created, 1));
        return;
      }
      VersionedIncident updated = service.update(Fixture.SYS, c.update());
      Incident expected = newService().create(Fixture.SYS, c.merged());
      assertThat(updated.incident()).usingRecursiveComparison().isEqualTo(expected);
      assertThat(updated.version()).as("one version per stored change, none for a no-op")
          .isEqualTo(expected.equals(created) ? 1 : 2);
      assertThat(service.getVersioned(Fixture.SYS, "INC-1")).isEqualTo(updated);
    });
  }

  @Test
  void anUpdateThatKeepsEverythingStoresNothing() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(UpdateCases.cases(Fixture.TENANT)).checkAssert(c -> {
      Fixture f = new Fixture();
      Incident created = f.service.create(Fixture.SYS, c.original());
      f.clock.advance(java.time.Duration.ofMinutes(1));
      VersionedIncident same = f.service.update(Fixture.SYS, IncidentUpdateRequest.builder(created.displayId()).build());
      assertThat(same).isEqualTo(new VersionedIncident(created, 1));
    });
  }

  @Test
  void applyingAnUpdateTwiceIsApplyingItOnce() {
    Theories.qt().withExamples(Theories.EXAMPLES).forAll(UpdateCases.cases(Fixture.TENANT)).checkAssert(c -> {
      IncidentService service = newService();
      service.create(Fixture.SYS, c.original());
      if (!service.validate(Fixture.SYS, c.update()).isEmpty()) {
        return;
      }
      VersionedIncident once = service.update(Fixture.SYS, c.update());
      VersionedIncident twice = service.update(Fixture.SYS, c.update());
      assertThat(twice).as("retrying an update is safe: the second stores nothing").isEqualTo(once);
    });
  }
}

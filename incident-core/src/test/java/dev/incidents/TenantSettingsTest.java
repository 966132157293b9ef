package dev.incidents;

import dev.incidents.model.RequestContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.catalog.Catalog;
import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.error.BadRequestException;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.IncidentCreateRequest;
import org.junit.jupiter.api.Test;

/** Catalogs and stage diagrams per tenant, with the defaults for everyone else. */
class TenantSettingsTest {

  private final StageDiagram twoStages = StageDiagram.builder().state(1, "open", false).state(2, "done", true)
      .stage(1, "new", "open").stage(2, "fixed", "done").start("new").build();
  private final IncidentService service = Incidents.builder().store(new InMemoryIncidentStore())
      .catalogs("big", Catalogs.defaults().withSeverity(Catalog.of("Low", "High")))
      .stageDiagram("big", twoStages)
      .build();

  private static IncidentCreateRequest.Builder request() {
    return IncidentCreateRequest.builder().title("t");
  }

  @Test
  void aTenantWithItsOwnCatalogsAndDiagramUsesThem() {
    RequestContext big = RequestContext.of("big", "DEVU-1");
    assertThat(service.create(big, request().severity(1L).build()).severity().label()).isEqualTo("High");
    assertThat(service.create(big, request().build()).stage().stage().name()).isEqualTo("new");
    assertThatThrownBy(() -> service.create(big, request().severity(3L).build())).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> service.create(big, request().stage("resolved").build())).isInstanceOf(BadRequestException.class);
  }

  @Test
  void everyOtherTenantKeepsTheDefaults() {
    RequestContext small = RequestContext.of("small", "DEVU-1");
    assertThat(service.create(small, request().severity(3L).build()).severity().label()).isEqualTo("Sev3");
    assertThat(service.create(small, request().stage("resolved").build()).stage().state().isFinal()).isTrue();
  }

  @Test
  void tenantNamesAreChecked() {
    assertThatThrownBy(() -> Incidents.builder().catalogs("no spaces", Catalogs.defaults()))
        .isInstanceOf(BadRequestException.class);
  }
}

package dev.incidents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.model.EnumValue;
import org.junit.jupiter.api.Test;

class CatalogTest {

  @Test
  void defaultsAreThoseOfTheSpec() {
    assertThat(Catalog.DEFAULT_SEVERITY.values()).extracting(EnumValue::label).containsExactly("Sev0", "Sev1", "Sev2", "Sev3");
    assertThat(Catalog.DEFAULT_REPORTED_BY.find(3)).contains(new EnumValue(3, "Third party", 3));
    assertThat(Catalog.DEFAULT_SOURCE.ids()).containsExactly(0L, 1L, 2L, 3L);
    assertThat(Catalogs.defaults().impactCountCatalog()).isEmpty();
  }

  @Test
  void ordinalsArePositionsNotIds() {
    Catalog catalog = Catalog.builder().add(30, "c").add(10, "a").build();
    assertThat(catalog.find(10)).contains(new EnumValue(10, "a", 1));
    assertThat(catalog.find(20)).isEmpty();
  }

  @Test
  void theBuilderSaysWhatIsWrong() {
    assertThatThrownBy(() -> Catalog.builder().add(1, "a").add(1, "b")).hasMessageContaining("id 1 is used twice");
    assertThatThrownBy(() -> Catalog.builder().add(1, "a").add(2, "a")).hasMessageContaining("'a' is used twice");
    assertThatThrownBy(() -> Catalog.builder().add(1, " ")).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> Catalog.builder().build()).hasMessageContaining("at least one value");
  }

  @Test
  void stageDiagramDefaultsAndBuilderChecks() {
    StageDiagram diagram = StageDiagram.defaults();
    assertThat(diagram.stageNames()).containsExactly("acknowledged", "identified", "mitigated", "resolved");
    assertThat(diagram.start().name()).isEqualTo("acknowledged");
    assertThat(diagram.stage("resolved").orElseThrow().state().isFinal()).isTrue();
    assertThat(diagram.stage(3).orElseThrow().state().name()).isEqualTo("in_progress");
    assertThatThrownBy(() -> StageDiagram.builder().state(1, "open", false).stage(1, "a", "nope"))
        .hasMessageContaining("state 'nope', which is not declared");
    assertThatThrownBy(() -> StageDiagram.builder().state(1, "open", false).stage(1, "a", "open").build())
        .hasMessageContaining("start stage");
    assertThatThrownBy(() -> StageDiagram.builder().state(1, "open", false).stage(1, "a", "open").start("b").build())
        .hasMessageContaining("'b' is not declared");
    assertThatThrownBy(() -> StageDiagram.builder().state(0, "open", false)).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> StageDiagram.builder().state(1, "open", false).stage(1, "a", "open").stage(1, "b", "open"))
        .hasMessageContaining("stage number 1 is used twice");
  }
}

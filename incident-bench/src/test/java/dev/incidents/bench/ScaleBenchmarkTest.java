package dev.incidents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.json.IncidentJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bound that keeps a scale measurement near its store size, driven as JMH drives it. */
class ScaleBenchmarkTest {

  @Test
  void the_store_holds_between_n_and_2n_incidents_at_every_create() {
    ScaleBenchmark benchmark = new ScaleBenchmark();
    benchmark.store = "memory";
    benchmark.stored = 3;
    benchmark.open();
    List<String> created = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        benchmark.bound();
        created.add(IncidentJson.readIncident(benchmark.create()).displayId());
      }
    } finally {
      benchmark.close();
    }
    // Filled with 3, the creates are numbers 4 to 6; then the store is filled anew and they start again.
    assertThat(created).containsExactly("INC-4", "INC-5", "INC-6", "INC-4", "INC-5", "INC-6", "INC-4", "INC-5");
  }
}

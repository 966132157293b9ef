package dev.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.error.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationsTest {

  @Test
  void ordersByContractFieldOrderThenPathWithNumericIndicesAndForbiddenLast() {
    List<Violation> ordered = Violations.ordered(List.of(
        Violation.forbidden("source", "no"),
        Violation.invalidField("zzz", null),
        Violation.invalidId("owned_by[10]", "x", "y"),
        Violation.invalidId("owned_by[2]", "x", "y"),
        Violation.missingRequiredField("title"),
        Violation.valueNotPermitted("tenant", "bad")));
    assertThat(ordered).extracting(Violation::fieldName)
        .containsExactly("tenant", "title", "owned_by[2]", "owned_by[10]", "zzz", "source");
  }
}

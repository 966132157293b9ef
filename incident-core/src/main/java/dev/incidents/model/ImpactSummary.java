package dev.incidents.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An incident's impact as it appears in a response.
 *
 * @param count the count, expanded like a catalog value, or {@code null} when none was given
 * @param customerIds the affected accounts; empty when none were given
 */
public record ImpactSummary(@Nullable EnumValue count, List<ObjectSummary> customerIds) {

  /** Copies the list. */
  public ImpactSummary {
    customerIds = Lists.copy(customerIds);
  }
}

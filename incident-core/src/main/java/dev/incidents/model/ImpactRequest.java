package dev.incidents.model;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code impact} of a create request: how many customers are affected, and which.
 *
 * @param count the number of affected customers (an id of the impact-count catalog when one is configured);
 *     {@code null} when absent
 * @param customerIds account ids ({@code ACC-n} or DON), at most 100
 */
public record ImpactRequest(
    @PositiveOrZero @Nullable Long count,
    @Size(max = IncidentCreateRequest.MAX_IDS, message = "must have at most {max} entries") List<String> customerIds) {

  /** Copies the list. */
  public ImpactRequest {
    customerIds = Lists.copy(customerIds);
  }

  /** An impact with a count and customer ids. */
  public static ImpactRequest of(@Nullable Long count, String... customerIds) {
    return new ImpactRequest(count, List.of(customerIds));
  }
}

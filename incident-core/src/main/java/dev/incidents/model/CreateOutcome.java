package dev.incidents.model;

import dev.incidents.error.IncidentException;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one create of {@link dev.incidents.IncidentService#createAll}: the incident, or why there is none.
 *
 * @param incident the incident created (or replayed by its idempotency key), or {@code null}
 * @param error why the call failed, or {@code null}
 */
public record CreateOutcome(@Nullable Incident incident, @Nullable IncidentException error) {

  /** Checks that exactly one of the two is given. */
  public CreateOutcome {
    if ((incident == null) == (error == null)) {
      throw new IllegalArgumentException("an outcome has either an incident or an error");
    }
  }

  /** Whether the call succeeded. */
  public boolean isSuccess() {
    return incident != null;
  }
}

package dev.incidents.model;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code list}: incidents newest first, and a cursor to the next page.
 *
 * @param incidents the incidents of this page, newest first
 * @param nextCursor the cursor of the next page, or {@code null} when this is the last page
 */
public record IncidentPage(List<Incident> incidents, @Nullable String nextCursor) {

  /** Copies the list. */
  public IncidentPage {
    incidents = Lists.copy(incidents);
  }

  /** The cursor of the next page, if there may be one. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}

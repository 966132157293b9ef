package dev.incidents.json;

import dev.incidents.error.Violation;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request body read field by field: the request with every field that bound cleanly, and every structural
 * problem found on the way (unknown field, wrong JSON type, malformed date, int64 overflow), so that a caller
 * can report them together with the service's rule violations, as the contract asks.
 *
 * @param request the request; fields with a problem are absent
 * @param problems the structural problems, in the order found; empty when the body bound cleanly
 * @param brokenPaths the paths of fields that had a problem, such as {@code owned_by[2]}; empty for a problem
 *     with the body as a whole
 * @param <T> the request type
 */
public record BoundRequest<T>(T request, List<Violation> problems, Set<String> brokenPaths) {

  /** Copies the collections. */
  public BoundRequest {
    problems = List.copyOf(problems);
    brokenPaths = Set.copyOf(brokenPaths);
  }

  /** Whether a problem concerns the body as a whole (not a JSON object), so no field rule applies. */
  public boolean isRootBroken() {
    return problems.stream().anyMatch(v -> v.fieldName() == null);
  }

  /**
   * Whether {@code path} lies at or under a field that had a problem: a rule violation there would report
   * the same field twice.
   */
  public boolean isBroken(@Nullable String path) {
    if (path == null) {
      return false;
    }
    for (String broken : brokenPaths) {
      if (path.equals(broken) || path.startsWith(broken + ".") || path.startsWith(broken + "[")) {
        return true;
      }
    }
    return false;
  }
}

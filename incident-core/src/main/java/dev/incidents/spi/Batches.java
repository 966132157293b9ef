package dev.incidents.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link IncidentStore#createAll} in units: the one implementation of docs/CONTRACT.md clause 14.7 that the
 * stores share. A store supplies how one unit is written; this splits the list, collects the results in
 * order and, when a unit fails, throws the {@link BatchFailedException} the clause asks for.
 */
public final class Batches {

  private Batches() {}

  /** Writes one unit of a batch: all of it, or (by throwing {@link BatchFailedException}) a prefix of it. */
  @FunctionalInterface
  public interface UnitWriter {
    /**
     * Creates the incidents of one unit, in order.
     *
     * @return one result per incident
     * @throws BatchFailedException if the unit failed after its first {@code committed().size()} incidents
     *     were committed; any other exception means none of the unit is visible
     */
    List<CreateResult> write(List<NewIncident> unit);
  }

  /**
   * Creates {@code incidents} in units of at most {@code unitSize}, in order.
   *
   * @return one result per incident, in order
   * @throws BatchFailedException if a unit failed: its committed results are those of every earlier unit and
   *     the prefix of the failed unit that was committed; no later unit is attempted
   * @throws IllegalArgumentException if {@code unitSize} is below 1
   */
  public static List<CreateResult> inUnits(List<NewIncident> incidents, int unitSize, UnitWriter writer) {
    if (unitSize < 1) {
      throw new IllegalArgumentException("a unit holds at least one incident, got " + unitSize);
    }
    List<NewIncident> all = List.copyOf(incidents);
    Objects.requireNonNull(writer, "writer");
    List<CreateResult> results = new ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += unitSize) {
      List<NewIncident> unit = all.subList(from, Math.min(all.size(), from + unitSize));
      List<CreateResult> written;
      try {
        written = writer.write(unit);
      } catch (BatchFailedException e) {
        results.addAll(e.committed());
        throw new BatchFailedException(results, e.getCause() == null ? e : e.getCause());
      } catch (RuntimeException e) {
        throw new BatchFailedException(results, e);
      }
      if (written.size() != unit.size()) {
        throw new IllegalStateException("a unit of " + unit.size() + " incidents gave " + written.size() + " results");
      }
      results.addAll(written);
    }
    return results;
  }
}

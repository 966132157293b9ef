package dev.incidents.model;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which incidents {@code list} returns (docs/CONTRACT.md section 11): the conditions combine with AND; a list
 * matches an incident having any of its values; an empty list or a {@code null} date condition does not
 * constrain. The service checks every value: one that can match nothing valid (an unknown severity, a
 * malformed id, an empty date range) is a {@code bad_request}-family error naming the filter.
 *
 * <pre>{@code
 * IncidentFilter open = IncidentFilter.builder().severity(0L, 1L).state("open").ownedBy("DEVU-7").build();
 * }</pre>
 *
 * @param severity severity catalog ids
 * @param reportedBy reported-by catalog ids
 * @param stage stage names or DONs
 * @param state state names ({@code open}, {@code in_progress}, {@code closed} or any state of the diagram)
 * @param ownedBy owner ids (display ids or DONs)
 * @param appliesToParts part ids
 * @param createdBy creator ids
 * @param subtype subtypes
 * @param createdDate a condition on {@code created_date}, or {@code null}
 * @param modifiedDate a condition on {@code modified_date}, or {@code null}
 * @param actualCloseDate a condition on {@code actual_close_date}, or {@code null}
 * @param targetCloseDate a condition on {@code target_close_date}, or {@code null}
 */
public record IncidentFilter(
    List<Long> severity,
    List<Long> reportedBy,
    List<String> stage,
    List<String> state,
    List<String> ownedBy,
    List<String> appliesToParts,
    List<String> createdBy,
    List<String> subtype,
    @Nullable DateFilter createdDate,
    @Nullable DateFilter modifiedDate,
    @Nullable DateFilter actualCloseDate,
    @Nullable DateFilter targetCloseDate) {

  /** The filter that matches every incident. */
  public static final IncidentFilter ALL = builder().build();

  /** Copies the lists. */
  public IncidentFilter {
    severity = Lists.copy(severity);
    reportedBy = Lists.copy(reportedBy);
    stage = Lists.copy(stage);
    state = Lists.copy(state);
    ownedBy = Lists.copy(ownedBy);
    appliesToParts = Lists.copy(appliesToParts);
    createdBy = Lists.copy(createdBy);
    subtype = Lists.copy(subtype);
  }

  /** A builder with no conditions. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link IncidentFilter}; not thread-safe. */
  public static final class Builder {
    private List<Long> severity = List.of();
    private List<Long> reportedBy = List.of();
    private List<String> stage = List.of();
    private List<String> state = List.of();
    private List<String> ownedBy = List.of();
    private List<String> appliesToParts = List.of();
    private List<String> createdBy = List.of();
    private List<String> subtype = List.of();
    private @Nullable DateFilter createdDate;
    private @Nullable DateFilter modifiedDate;
    private @Nullable DateFilter actualCloseDate;
    private @Nullable DateFilter targetCloseDate;

    private Builder() {}

    /** Incidents with any of these severities. */
    public Builder severity(Long... ids) {
      this.severity = Arrays.asList(ids);
      return this;
    }

    /** Incidents reported by any of these. */
    public Builder reportedBy(Long... ids) {
      this.reportedBy = Arrays.asList(ids);
      return this;
    }

    /** Incidents in any of these stages (names or DONs). */
    public Builder stage(String... stages) {
      this.stage = Arrays.asList(stages);
      return this;
    }

    /** Incidents in any of these states. */
    public Builder state(String... states) {
      this.state = Arrays.asList(states);
      return this;
    }

    /** Incidents owned by any of these users. */
    public Builder ownedBy(String... ids) {
      this.ownedBy = Arrays.asList(ids);
      return this;
    }

    /** Incidents that apply to any of these parts. */
    public Builder appliesToParts(String... ids) {
      this.appliesToParts = Arrays.asList(ids);
      return this;
    }

    /** Incidents created by any of these users. */
    public Builder createdBy(String... ids) {
      this.createdBy = Arrays.asList(ids);
      return this;
    }

    /** Incidents of any of these subtypes. */
    public Builder subtype(String... subtypes) {
      this.subtype = Arrays.asList(subtypes);
      return this;
    }

    /** A condition on {@code created_date}. */
    public Builder createdDate(@Nullable DateFilter condition) {
      this.createdDate = condition;
      return this;
    }

    /** A condition on {@code modified_date}. */
    public Builder modifiedDate(@Nullable DateFilter condition) {
      this.modifiedDate = condition;
      return this;
    }

    /** A condition on {@code actual_close_date}. */
    public Builder actualCloseDate(@Nullable DateFilter condition) {
      this.actualCloseDate = condition;
      return this;
    }

    /** A condition on {@code target_close_date}. */
    public Builder targetCloseDate(@Nullable DateFilter condition) {
      this.targetCloseDate = condition;
      return this;
    }

    /** The filter; the service checks its values. */
    public IncidentFilter build() {
      return new IncidentFilter(severity, reportedBy, stage, state, ownedBy, appliesToParts, createdBy, subtype,
          createdDate, modifiedDate, actualCloseDate, targetCloseDate);
    }
  }
}

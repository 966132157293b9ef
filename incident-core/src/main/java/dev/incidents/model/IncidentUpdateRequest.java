package dev.incidents.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code incidents.update} (docs/CONTRACT.md section 10), after parsing: the incident's id and,
 * for every field of a create request, whether the update keeps it, clears it or sets it.
 *
 * <p>Immutable. A field left out of the builder is kept. Setting a list sets the whole new list (the API's
 * {@code {"set": [...]}}); setting or clearing it to empty empties it. {@code custom_fields} changes key by
 * key: each given key is set or cleared, the others are kept. Dates are truncated to milliseconds. Construction
 * does not validate: {@link dev.incidents.IncidentService#update} does, and reports every violation at once.
 *
 * <pre>{@code
 * IncidentUpdateRequest request = IncidentUpdateRequest.builder("INC-7")
 *     .stage("mitigated").severity(2L).clearBody().ownedBy("DEVU-3")
 *     .build();
 * }</pre>
 *
 * @param id the incident: its DON or {@code INC-n}
 * @param title the title; it may be set, never cleared
 * @param body the body
 * @param acknowledgedDate when the incident was acknowledged
 * @param identifiedDate when the incident was identified
 * @param mitigatedDate when the incident was mitigated
 * @param targetCloseDate when the incident is expected to be resolved
 * @param appliesToParts the parts, a whole new list
 * @param artifacts the artifacts, a whole new list
 * @param ownedBy the owners, a whole new list
 * @param stakeholders the stakeholders, a whole new list
 * @param pia the post-incident analysis articles, a whole new list
 * @param playbooks the playbooks, a whole new list
 * @param relatedDocs the related articles, a whole new list
 * @param impactedCustomers the impacted accounts, a whole new list
 * @param impact the impact, replaced as a whole
 * @param customFields the custom fields that change, by key: set, or cleared (never kept)
 * @param customSchemaSpec the fragments the custom fields are checked against; kept means the incident's own
 * @param reportedBy the reported-by catalog id
 * @param severity the severity catalog id
 * @param source the source catalog id (sys users and service accounts only, also to clear it)
 * @param stage the stage to move to; it may be set, never cleared
 * @param tags the tags, a whole new list
 */
public record IncidentUpdateRequest(
    String id,
    FieldUpdate<String> title,
    FieldUpdate<String> body,
    FieldUpdate<Instant> acknowledgedDate,
    FieldUpdate<Instant> identifiedDate,
    FieldUpdate<Instant> mitigatedDate,
    FieldUpdate<Instant> targetCloseDate,
    FieldUpdate<List<String>> appliesToParts,
    FieldUpdate<List<String>> artifacts,
    FieldUpdate<List<String>> ownedBy,
    FieldUpdate<List<String>> stakeholders,
    FieldUpdate<List<String>> pia,
    FieldUpdate<List<String>> playbooks,
    FieldUpdate<List<String>> relatedDocs,
    FieldUpdate<List<String>> impactedCustomers,
    FieldUpdate<ImpactRequest> impact,
    Map<String, FieldUpdate<Object>> customFields,
    FieldUpdate<CustomSchemaSpec> customSchemaSpec,
    FieldUpdate<Long> reportedBy,
    FieldUpdate<Long> severity,
    FieldUpdate<Long> source,
    FieldUpdate<StageRequest> stage,
    FieldUpdate<List<TagRequest>> tags) {

  /**
   * Copies the collections and truncates dates to milliseconds.
   *
   * @throws IllegalArgumentException if a custom field's update keeps it (leave the key out instead)
   */
  public IncidentUpdateRequest {
    Objects.requireNonNull(id, "id");
    acknowledgedDate = millis(acknowledgedDate);
    identifiedDate = millis(identifiedDate);
    mitigatedDate = millis(mitigatedDate);
    targetCloseDate = millis(targetCloseDate);
    appliesToParts = copy(appliesToParts);
    artifacts = copy(artifacts);
    ownedBy = copy(ownedBy);
    stakeholders = copy(stakeholders);
    pia = copy(pia);
    playbooks = copy(playbooks);
    relatedDocs = copy(relatedDocs);
    impactedCustomers = copy(impactedCustomers);
    tags = copy(tags);
    Map<String, FieldUpdate<Object>> fields = new LinkedHashMap<>();
    customFields.forEach((key, update) -> {
      if (update.isKeep()) {
        throw new IllegalArgumentException("custom field '" + key + "' is kept: leave it out of the update instead");
      }
      fields.put(Objects.requireNonNull(key, "custom field key"), update);
    });
    customFields = Collections.unmodifiableMap(fields);
    for (FieldUpdate<?> field : List.of(title, body, impact, customSchemaSpec, reportedBy, severity, source, stage)) {
      Objects.requireNonNull(field, "a field update");
    }
  }

  private static FieldUpdate<Instant> millis(FieldUpdate<Instant> date) {
    return date.kind() == FieldUpdate.Kind.SET ? FieldUpdate.set(date.value().truncatedTo(ChronoUnit.MILLIS)) : date;
  }

  private static <T> FieldUpdate<List<T>> copy(FieldUpdate<List<T>> list) {
    // Lists.copy keeps null elements (a JSON null in the array), which the checker reports by position.
    return list.kind() == FieldUpdate.Kind.SET ? FieldUpdate.set(Lists.copy(list.value())) : list;
  }

  /** The same update for another incident. */
  public IncidentUpdateRequest withId(String id) {
    return new IncidentUpdateRequest(id, title, body, acknowledgedDate, identifiedDate, mitigatedDate,
        targetCloseDate, appliesToParts, artifacts, ownedBy, stakeholders, pia, playbooks, relatedDocs,
        impactedCustomers, impact, customFields, customSchemaSpec, reportedBy, severity, source, stage, tags);
  }

  /** A builder for the incident with this DON or display id, keeping every field. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Whether the update changes no field at all. */
  public boolean keepsEverything() {
    return title.isKeep() && body.isKeep() && acknowledgedDate.isKeep() && identifiedDate.isKeep()
        && mitigatedDate.isKeep() && targetCloseDate.isKeep() && appliesToParts.isKeep() && artifacts.isKeep()
        && ownedBy.isKeep() && stakeholders.isKeep() && pia.isKeep() && playbooks.isKeep() && relatedDocs.isKeep()
        && impactedCustomers.isKeep() && impact.isKeep() && customFields.isEmpty() && customSchemaSpec.isKeep()
        && reportedBy.isKeep() && severity.isKeep() && source.isKeep() && stage.isKeep() && tags.isKeep();
  }

  /** Builds an {@link IncidentUpdateRequest}; not thread-safe. Every field starts as kept. */
  public static final class Builder {
    private final String id;
    private FieldUpdate<String> title = FieldUpdate.keep();
    private FieldUpdate<String> body = FieldUpdate.keep();
    private FieldUpdate<Instant> acknowledgedDate = FieldUpdate.keep();
    private FieldUpdate<Instant> identifiedDate = FieldUpdate.keep();
    private FieldUpdate<Instant> mitigatedDate = FieldUpdate.keep();
    private FieldUpdate<Instant> targetCloseDate = FieldUpdate.keep();
    private FieldUpdate<List<String>> appliesToParts = FieldUpdate.keep();
    private FieldUpdate<List<String>> artifacts = FieldUpdate.keep();
    private FieldUpdate<List<String>> ownedBy = FieldUpdate.keep();
    private FieldUpdate<List<String>> stakeholders = FieldUpdate.keep();
    private FieldUpdate<List<String>> pia = FieldUpdate.keep();
    private FieldUpdate<List<String>> playbooks = FieldUpdate.keep();
    private FieldUpdate<List<String>> relatedDocs = FieldUpdate.keep();
    private FieldUpdate<List<String>> impactedCustomers = FieldUpdate.keep();
    private FieldUpdate<ImpactRequest> impact = FieldUpdate.keep();
    private final Map<String, FieldUpdate<Object>> customFields = new LinkedHashMap<>();
    private FieldUpdate<CustomSchemaSpec> customSchemaSpec = FieldUpdate.keep();
    private FieldUpdate<Long> reportedBy = FieldUpdate.keep();
    private FieldUpdate<Long> severity = FieldUpdate.keep();
    private FieldUpdate<Long> source = FieldUpdate.keep();
    private FieldUpdate<StageRequest> stage = FieldUpdate.keep();
    private FieldUpdate<List<TagRequest>> tags = FieldUpdate.keep();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** Sets {@code title}. */
    public Builder title(FieldUpdate<String> title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** Sets {@code title} to {@code title}. */
    public Builder title(String title) {
      return title(FieldUpdate.set(title));
    }

    /** What the update does to {@code body}. */
    public Builder body(FieldUpdate<String> body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Sets {@code body}. */
    public Builder body(String body) {
      return body(FieldUpdate.set(body));
    }

    /** Clears {@code body}. */
    public Builder clearBody() {
      return body(FieldUpdate.clear());
    }

    /** What the update does to {@code acknowledged_date}. */
    public Builder acknowledgedDate(FieldUpdate<Instant> date) {
      this.acknowledgedDate = Objects.requireNonNull(date, "date");
      return this;
    }

    /** Sets {@code acknowledged_date}. */
    public Builder acknowledgedDate(Instant date) {
      return acknowledgedDate(FieldUpdate.set(date));
    }

    /** What the update does to {@code identified_date}. */
    public Builder identifiedDate(FieldUpdate<Instant> date) {
      this.identifiedDate = Objects.requireNonNull(date, "date");
      return this;
    }

    /** Sets {@code identified_date}. */
    public Builder identifiedDate(Instant date) {
      return identifiedDate(FieldUpdate.set(date));
    }

    /** What the update does to {@code mitigated_date}. */
    public Builder mitigatedDate(FieldUpdate<Instant> date) {
      this.mitigatedDate = Objects.requireNonNull(date, "date");
      return this;
    }

    /** Sets {@code mitigated_date}. */
    public Builder mitigatedDate(Instant date) {
      return mitigatedDate(FieldUpdate.set(date));
    }

    /** What the update does to {@code target_close_date}. */
    public Builder targetCloseDate(FieldUpdate<Instant> date) {
      this.targetCloseDate = Objects.requireNonNull(date, "date");
      return this;
    }

    /** Sets {@code target_close_date}. */
    public Builder targetCloseDate(Instant date) {
      return targetCloseDate(FieldUpdate.set(date));
    }

    /** What the update does to {@code applies_to_parts}. */
    public Builder appliesToParts(FieldUpdate<List<String>> ids) {
      this.appliesToParts = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code applies_to_parts} to these ids. */
    public Builder appliesToParts(String... ids) {
      return appliesToParts(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code artifacts}. */
    public Builder artifacts(FieldUpdate<List<String>> ids) {
      this.artifacts = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code artifacts} to these ids. */
    public Builder artifacts(String... ids) {
      return artifacts(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code owned_by}. */
    public Builder ownedBy(FieldUpdate<List<String>> ids) {
      this.ownedBy = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code owned_by} to these ids. */
    public Builder ownedBy(String... ids) {
      return ownedBy(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code stakeholders}. */
    public Builder stakeholders(FieldUpdate<List<String>> ids) {
      this.stakeholders = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code stakeholders} to these ids. */
    public Builder stakeholders(String... ids) {
      return stakeholders(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code pia}. */
    public Builder pia(FieldUpdate<List<String>> ids) {
      this.pia = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code pia} to these ids. */
    public Builder pia(String... ids) {
      return pia(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code playbooks}. */
    public Builder playbooks(FieldUpdate<List<String>> ids) {
      this.playbooks = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code playbooks} to these ids. */
    public Builder playbooks(String... ids) {
      return playbooks(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code related_docs}. */
    public Builder relatedDocs(FieldUpdate<List<String>> ids) {
      this.relatedDocs = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code related_docs} to these ids. */
    public Builder relatedDocs(String... ids) {
      return relatedDocs(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code impacted_customers}. */
    public Builder impactedCustomers(FieldUpdate<List<String>> ids) {
      this.impactedCustomers = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets {@code impacted_customers} to these ids. */
    public Builder impactedCustomers(String... ids) {
      return impactedCustomers(FieldUpdate.set(Arrays.asList(ids)));
    }

    /** What the update does to {@code impact}. */
    public Builder impact(FieldUpdate<ImpactRequest> impact) {
      this.impact = Objects.requireNonNull(impact, "impact");
      return this;
    }

    /** Replaces {@code impact}. */
    public Builder impact(ImpactRequest impact) {
      return impact(FieldUpdate.set(impact));
    }

    /** Clears {@code impact}. */
    public Builder clearImpact() {
      return impact(FieldUpdate.clear());
    }

    /**
     * What the update does to custom field {@code key}.
     *
     * @throws IllegalArgumentException if the update keeps the field
     */
    public Builder customField(String key, FieldUpdate<Object> update) {
      if (update.isKeep()) {
        throw new IllegalArgumentException("a custom field is kept by leaving it out");
      }
      customFields.put(Objects.requireNonNull(key, "key"), update);
      return this;
    }

    /** Sets custom field {@code key}; values are JSON-shaped (String, Long, Double, Boolean, List). */
    public Builder customField(String key, Object value) {
      return customField(key, FieldUpdate.set(value));
    }

    /** Clears custom field {@code key}. */
    public Builder clearCustomField(String key) {
      return customField(key, FieldUpdate.clear());
    }

    /** What the update does to {@code custom_schema_spec}. */
    public Builder customSchemaSpec(FieldUpdate<CustomSchemaSpec> spec) {
      this.customSchemaSpec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /** Checks the custom fields against the fragments {@code spec} names instead of the incident's own. */
    public Builder customSchemaSpec(CustomSchemaSpec spec) {
      return customSchemaSpec(FieldUpdate.set(spec));
    }

    /** What the update does to {@code reported_by}. */
    public Builder reportedBy(FieldUpdate<Long> id) {
      this.reportedBy = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Sets {@code reported_by}. */
    public Builder reportedBy(long id) {
      return reportedBy(FieldUpdate.set(id));
    }

    /** Clears {@code reported_by}. */
    public Builder clearReportedBy() {
      return reportedBy(FieldUpdate.clear());
    }

    /** What the update does to {@code severity}. */
    public Builder severity(FieldUpdate<Long> id) {
      this.severity = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Sets {@code severity}. */
    public Builder severity(long id) {
      return severity(FieldUpdate.set(id));
    }

    /** Clears {@code severity}. */
    public Builder clearSeverity() {
      return severity(FieldUpdate.clear());
    }

    /** What the update does to {@code source}. */
    public Builder source(FieldUpdate<Long> id) {
      this.source = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Sets {@code source}. */
    public Builder source(long id) {
      return source(FieldUpdate.set(id));
    }

    /** Clears {@code source}. */
    public Builder clearSource() {
      return source(FieldUpdate.clear());
    }

    /** What the update does to {@code stage}. */
    public Builder stage(FieldUpdate<StageRequest> stage) {
      this.stage = Objects.requireNonNull(stage, "stage");
      return this;
    }

    /** Moves the incident to this stage, with these notes. */
    public Builder stage(StageRequest stage) {
      return stage(FieldUpdate.set(stage));
    }

    /** Moves the incident to the stage with this name or DON, without notes. */
    public Builder stage(String stage) {
      return stage(StageRequest.of(stage));
    }

    /** What the update does to {@code tags}. */
    public Builder tags(FieldUpdate<List<TagRequest>> tags) {
      this.tags = Objects.requireNonNull(tags, "tags");
      return this;
    }

    /** Sets {@code tags} to these tags. */
    public Builder tags(TagRequest... tags) {
      return tags(FieldUpdate.set(Arrays.asList(tags)));
    }

    /** The request; no validation happens here. */
    public IncidentUpdateRequest build() {
      return new IncidentUpdateRequest(id, title, body, acknowledgedDate, identifiedDate, mitigatedDate,
          targetCloseDate, appliesToParts, artifacts, ownedBy, stakeholders, pia, playbooks, relatedDocs,
          impactedCustomers, impact, customFields, customSchemaSpec, reportedBy, severity, source, stage, tags);
    }
  }
}

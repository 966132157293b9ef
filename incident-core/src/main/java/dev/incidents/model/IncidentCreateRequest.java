package dev.incidents.model;

import dev.incidents.validation.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code incidents.create} (docs/CONTRACT.md section 1), after parsing.
 *
 * <p>Immutable. Absent fields are {@code null}; absent lists and maps are empty (an empty list in JSON
 * means the same as an absent one). Lists keep what was given, so a violation's path such as
 * {@code owned_by[3]} points into the request as sent; the service drops duplicate ids (first occurrence
 * kept, order kept; a display id and the DON of the same object are duplicates) when it creates the
 * incident. Dates are truncated to milliseconds. Construction does not validate:
 * {@link dev.incidents.IncidentService#create} does, and reports every violation at once.
 *
 * <p>Build one with {@link #builder()} or read one from JSON with
 * {@link dev.incidents.json.IncidentJson#readCreateRequest(byte[])}.
 *
 * @param title title of the incident (required, not blank, at most 256 code points)
 * @param body body of the incident (at most 65,536 code points)
 * @param acknowledgedDate when the incident was acknowledged
 * @param identifiedDate when the incident was identified
 * @param mitigatedDate when the incident was mitigated
 * @param targetCloseDate when the incident is expected to be resolved
 * @param appliesToParts part ids: {@code PROD-n}, {@code CAPL-n}, {@code FEAT-n}, {@code ENH-n} or DON
 * @param artifacts artifact ids: {@code ARTIFACT-n} or DON
 * @param ownedBy user ids: {@code DEVU-n}, {@code REVU-n}, {@code SVCACC-n}, {@code SYSU-n} or DON
 * @param stakeholders user ids
 * @param pia article ids of the post-incident analysis: {@code ARTICLE-n} or DON
 * @param playbooks article ids of playbooks
 * @param relatedDocs article ids of related documents
 * @param impactedCustomers account ids: {@code ACC-n} or DON
 * @param impact how many customers are affected, and which
 * @param customFields application-defined custom fields, JSON-shaped values (see docs/CONTRACT.md section 5)
 * @param customSchemaSpec which custom schema fragments apply
 * @param reportedBy id of a value in the {@code reported_by} catalog
 * @param severity id of a value in the {@code severity} catalog
 * @param source id of a value in the {@code source} catalog (sys users and service accounts only)
 * @param stage the initial stage; absent means the stage diagram's start stage
 * @param tags tags with optional values
 */
// @NotNull is Bean Validation's rule (the validator reports a missing value), not the type: the value is null
// until the request is validated, so the type is @Nullable. Error Prone reads both as nullness annotations.
@SuppressWarnings("MultipleNullnessAnnotations")
public record IncidentCreateRequest(
    @NotNull @Text(maxCodePoints = IncidentCreateRequest.MAX_TITLE, notBlank = true) @Nullable String title,
    @Text(maxCodePoints = IncidentCreateRequest.MAX_BODY) @Nullable String body,
    @Nullable Instant acknowledgedDate,
    @Nullable Instant identifiedDate,
    @Nullable Instant mitigatedDate,
    @Nullable Instant targetCloseDate,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> appliesToParts,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> artifacts,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> ownedBy,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> stakeholders,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> pia,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> playbooks,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> relatedDocs,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<String> impactedCustomers,
    @Valid @Nullable ImpactRequest impact,
    Map<String, Object> customFields,
    @Valid @Nullable CustomSchemaSpec customSchemaSpec,
    @Nullable Long reportedBy,
    @Nullable Long severity,
    @Nullable Long source,
    @Valid @Nullable StageRequest stage,
    @Size(max = MAX_IDS, message = MAX_IDS_MESSAGE) List<@Valid TagRequest> tags) {

  /** The longest title, in Unicode code points. */
  public static final int MAX_TITLE = 256;
  /** The longest body, in Unicode code points. */
  public static final int MAX_BODY = 65_536;
  /** The most entries an id list (or {@code tags}) may hold, as given. */
  public static final int MAX_IDS = 100;

  static final String MAX_IDS_MESSAGE = "must have at most {max} entries";

  /** Normalizes: copies collections and truncates dates to milliseconds. */
  public IncidentCreateRequest {
    acknowledgedDate = millis(acknowledgedDate);
    identifiedDate = millis(identifiedDate);
    mitigatedDate = millis(mitigatedDate);
    targetCloseDate = millis(targetCloseDate);
    appliesToParts = Lists.copy(appliesToParts);
    artifacts = Lists.copy(artifacts);
    ownedBy = Lists.copy(ownedBy);
    stakeholders = Lists.copy(stakeholders);
    pia = Lists.copy(pia);
    playbooks = Lists.copy(playbooks);
    relatedDocs = Lists.copy(relatedDocs);
    impactedCustomers = Lists.copy(impactedCustomers);
    customFields = Lists.jsonMap(customFields);
    tags = Lists.copy(tags);
  }

  private static @Nullable Instant millis(@Nullable Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** A builder with every field absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this request's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds an {@link IncidentCreateRequest}; not thread-safe. Every setter replaces the field. */
  public static final class Builder {
    private @Nullable String title;
    private @Nullable String body;
    private @Nullable Instant acknowledgedDate;
    private @Nullable Instant identifiedDate;
    private @Nullable Instant mitigatedDate;
    private @Nullable Instant targetCloseDate;
    private List<String> appliesToParts = List.of();
    private List<String> artifacts = List.of();
    private List<String> ownedBy = List.of();
    private List<String> stakeholders = List.of();
    private List<String> pia = List.of();
    private List<String> playbooks = List.of();
    private List<String> relatedDocs = List.of();
    private List<String> impactedCustomers = List.of();
    private @Nullable ImpactRequest impact;
    private Map<String, Object> customFields = Map.of();
    private @Nullable CustomSchemaSpec customSchemaSpec;
    private @Nullable Long reportedBy;
    private @Nullable Long severity;
    private @Nullable Long source;
    private @Nullable StageRequest stage;
    private List<TagRequest> tags = List.of();

    private Builder() {}

    private Builder(IncidentCreateRequest r) {
      title = r.title;
      body = r.body;
      acknowledgedDate = r.acknowledgedDate;
      identifiedDate = r.identifiedDate;
      mitigatedDate = r.mitigatedDate;
      targetCloseDate = r.targetCloseDate;
      appliesToParts = r.appliesToParts;
      artifacts = r.artifacts;
      ownedBy = r.ownedBy;
      stakeholders = r.stakeholders;
      pia = r.pia;
      playbooks = r.playbooks;
      relatedDocs = r.relatedDocs;
      impactedCustomers = r.impactedCustomers;
      impact = r.impact;
      customFields = r.customFields;
      customSchemaSpec = r.customSchemaSpec;
      reportedBy = r.reportedBy;
      severity = r.severity;
      source = r.source;
      stage = r.stage;
      tags = r.tags;
    }

    /** Sets {@code title}. */
    public Builder title(@Nullable String title) {
      this.title = title;
      return this;
    }

    /** Sets {@code body}. */
    public Builder body(@Nullable String body) {
      this.body = body;
      return this;
    }

    /** Sets {@code acknowledged_date}. */
    public Builder acknowledgedDate(@Nullable Instant date) {
      this.acknowledgedDate = date;
      return this;
    }

    /** Sets {@code identified_date}. */
    public Builder identifiedDate(@Nullable Instant date) {
      this.identifiedDate = date;
      return this;
    }

    /** Sets {@code mitigated_date}. */
    public Builder mitigatedDate(@Nullable Instant date) {
      this.mitigatedDate = date;
      return this;
    }

    /** Sets {@code target_close_date}. */
    public Builder targetCloseDate(@Nullable Instant date) {
      this.targetCloseDate = date;
      return this;
    }

    /** Sets {@code applies_to_parts}. */
    public Builder appliesToParts(@Nullable List<String> ids) {
      this.appliesToParts = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code applies_to_parts}. */
    public Builder appliesToParts(String... ids) {
      return appliesToParts(Arrays.asList(ids));
    }

    /** Sets {@code artifacts}. */
    public Builder artifacts(@Nullable List<String> ids) {
      this.artifacts = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code artifacts}. */
    public Builder artifacts(String... ids) {
      return artifacts(Arrays.asList(ids));
    }

    /** Sets {@code owned_by}. */
    public Builder ownedBy(@Nullable List<String> ids) {
      this.ownedBy = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code owned_by}. */
    public Builder ownedBy(String... ids) {
      return ownedBy(Arrays.asList(ids));
    }

    /** Sets {@code stakeholders}. */
    public Builder stakeholders(@Nullable List<String> ids) {
      this.stakeholders = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code stakeholders}. */
    public Builder stakeholders(String... ids) {
      return stakeholders(Arrays.asList(ids));
    }

    /** Sets {@code pia}. */
    public Builder pia(@Nullable List<String> ids) {
      this.pia = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code pia}. */
    public Builder pia(String... ids) {
      return pia(Arrays.asList(ids));
    }

    /** Sets {@code playbooks}. */
    public Builder playbooks(@Nullable List<String> ids) {
      this.playbooks = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code playbooks}. */
    public Builder playbooks(String... ids) {
      return playbooks(Arrays.asList(ids));
    }

    /** Sets {@code related_docs}. */
    public Builder relatedDocs(@Nullable List<String> ids) {
      this.relatedDocs = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code related_docs}. */
    public Builder relatedDocs(String... ids) {
      return relatedDocs(Arrays.asList(ids));
    }

    /** Sets {@code impacted_customers}. */
    public Builder impactedCustomers(@Nullable List<String> ids) {
      this.impactedCustomers = Objects.requireNonNullElse(ids, List.of());
      return this;
    }

    /** Sets {@code impacted_customers}. */
    public Builder impactedCustomers(String... ids) {
      return impactedCustomers(Arrays.asList(ids));
    }

    /** Sets {@code impact}. */
    public Builder impact(@Nullable ImpactRequest impact) {
      this.impact = impact;
      return this;
    }

    /** Sets {@code custom_fields}; values are JSON-shaped (String, Long, Double, Boolean, List, Map). */
    public Builder customFields(@Nullable Map<String, ?> customFields) {
      this.customFields = customFields == null ? Map.of() : new LinkedHashMap<>(customFields);
      return this;
    }

    /** Sets {@code custom_schema_spec}. */
    public Builder customSchemaSpec(@Nullable CustomSchemaSpec spec) {
      this.customSchemaSpec = spec;
      return this;
    }

    /** Sets {@code reported_by}. */
    public Builder reportedBy(@Nullable Long id) {
      this.reportedBy = id;
      return this;
    }

    /** Sets {@code severity}. */
    public Builder severity(@Nullable Long id) {
      this.severity = id;
      return this;
    }

    /** Sets {@code source}. */
    public Builder source(@Nullable Long id) {
      this.source = id;
      return this;
    }

    /** Sets {@code stage}. */
    public Builder stage(@Nullable StageRequest stage) {
      this.stage = stage;
      return this;
    }

    /** Sets {@code stage} to the stage with this name or DON, without notes. */
    public Builder stage(String stage) {
      return stage(StageRequest.of(stage));
    }

    /** Sets {@code tags}. */
    public Builder tags(@Nullable List<TagRequest> tags) {
      this.tags = Objects.requireNonNullElse(tags, List.of());
      return this;
    }

    /** Sets {@code tags}. */
    public Builder tags(TagRequest... tags) {
      return tags(Arrays.asList(tags));
    }

    /** The request; no validation happens here. */
    public IncidentCreateRequest build() {
      return new IncidentCreateRequest(title, body, acknowledgedDate, identifiedDate, mitigatedDate,
          targetCloseDate, appliesToParts, artifacts, ownedBy, stakeholders, pia, playbooks, relatedDocs,
          impactedCustomers, impact, customFields, customSchemaSpec, reportedBy, severity, source, stage, tags);
    }
  }
}

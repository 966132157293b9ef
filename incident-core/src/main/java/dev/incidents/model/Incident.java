package dev.incidents.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An incident as {@code incidents.create}, {@code get} and {@code list} return it (docs/CONTRACT.md section 3).
 *
 * <p>Immutable. Absent optional fields are {@code null}, absent lists and maps empty; neither appears in
 * JSON. Every id is expanded to a summary. Timestamps are UTC with millisecond precision.
 *
 * @param id the incident's DON, {@code don:core:<partition>:devo/<tenant>:incident/<n>}
 * @param displayId {@code INC-<n>}
 * @param title the title
 * @param body the body, or {@code null}
 * @param createdBy the actor that created the incident
 * @param createdDate when the incident was created (the service clock)
 * @param modifiedBy the actor that last modified the incident
 * @param modifiedDate when the incident was last modified
 * @param stage the current stage
 * @param severity the severity, or {@code null}
 * @param reportedBy who reported the incident, or {@code null}
 * @param source where the incident came from, or {@code null}
 * @param identifiedDate when the incident was identified, or {@code null}
 * @param acknowledgedDate when the incident was acknowledged, or {@code null}
 * @param mitigatedDate when the incident was mitigated, or {@code null}
 * @param targetCloseDate when the incident is expected to be resolved, or {@code null}
 * @param actualCloseDate when the incident was closed (set when it is created in a final stage), or {@code null}
 * @param appliesToParts the parts the incident applies to
 * @param ownedBy the owners
 * @param stakeholders the stakeholders
 * @param impactedCustomers the impacted accounts
 * @param impact the impact, or {@code null}
 * @param artifacts attached artifacts
 * @param pia articles of the post-incident analysis
 * @param playbooks playbook articles
 * @param relatedDocs related articles
 * @param tags tags with their values
 * @param customFields custom field values, JSON-shaped
 * @param customSchemaFragments ids of the custom schema fragments used
 * @param subtype the requested subtype, or {@code null}
 */
public record Incident(
    String id,
    String displayId,
    String title,
    @Nullable String body,
    UserSummary createdBy,
    Instant createdDate,
    UserSummary modifiedBy,
    Instant modifiedDate,
    IncidentStage stage,
    @Nullable EnumValue severity,
    @Nullable EnumValue reportedBy,
    @Nullable EnumValue source,
    @Nullable Instant identifiedDate,
    @Nullable Instant acknowledgedDate,
    @Nullable Instant mitigatedDate,
    @Nullable Instant targetCloseDate,
    @Nullable Instant actualCloseDate,
    List<PartSummary> appliesToParts,
    List<UserSummary> ownedBy,
    List<UserSummary> stakeholders,
    List<ObjectSummary> impactedCustomers,
    @Nullable ImpactSummary impact,
    List<ObjectSummary> artifacts,
    List<ObjectSummary> pia,
    List<ObjectSummary> playbooks,
    List<ObjectSummary> relatedDocs,
    List<TagWithValue> tags,
    Map<String, Object> customFields,
    List<String> customSchemaFragments,
    @Nullable String subtype) {

  /** Copies the collections. */
  public Incident {
    appliesToParts = Lists.copy(appliesToParts);
    ownedBy = Lists.copy(ownedBy);
    stakeholders = Lists.copy(stakeholders);
    impactedCustomers = Lists.copy(impactedCustomers);
    artifacts = Lists.copy(artifacts);
    pia = Lists.copy(pia);
    playbooks = Lists.copy(playbooks);
    relatedDocs = Lists.copy(relatedDocs);
    tags = Lists.copy(tags);
    customFields = Lists.jsonMap(customFields);
    customSchemaFragments = Lists.copy(customSchemaFragments);
  }

  /** The number {@code n} of {@code INC-n}: unique within the tenant, increasing with every create. */
  public long number() {
    return Long.parseLong(displayId.substring(displayId.indexOf('-') + 1));
  }
}

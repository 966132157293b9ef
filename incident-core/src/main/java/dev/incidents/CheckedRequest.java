package dev.incidents;

import dev.incidents.catalog.StageDiagram;
import dev.incidents.error.Violation;
import dev.incidents.model.EnumValue;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.UserSummary;
import dev.incidents.reference.Reference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request after {@link RequestChecker}: its violations, and everything the renderer needs already
 * parsed (ids as references without duplicates, catalog values, the stage), so nothing is parsed twice.
 *
 * @param request the request as given
 * @param violations every violation found, in reporting order
 * @param actor the actor, or null if the actor is invalid
 * @param appliesToParts parsed {@code applies_to_parts}
 * @param artifacts parsed {@code artifacts}
 * @param ownedBy parsed {@code owned_by}
 * @param stakeholders parsed {@code stakeholders}
 * @param pia parsed {@code pia}
 * @param playbooks parsed {@code playbooks}
 * @param relatedDocs parsed {@code related_docs}
 * @param impactedCustomers parsed {@code impacted_customers}
 * @param impactCustomerIds parsed {@code impact.customer_ids}
 * @param tags parsed {@code tags}
 * @param severity the severity value, or null
 * @param reportedBy the reported-by value, or null
 * @param source the source value, or null
 * @param impactCount the impact count value, or null
 * @param stage the stage (the start stage when none was given)
 * @param customFields the custom fields
 * @param referencePaths where each reference appears, for violations the resolver causes
 */
record CheckedRequest(
    IncidentCreateRequest request,
    List<Violation> violations,
    @Nullable UserSummary actor,
    List<Reference> appliesToParts,
    List<Reference> artifacts,
    List<Reference> ownedBy,
    List<Reference> stakeholders,
    List<Reference> pia,
    List<Reference> playbooks,
    List<Reference> relatedDocs,
    List<Reference> impactedCustomers,
    List<Reference> impactCustomerIds,
    List<Tag> tags,
    @Nullable EnumValue severity,
    @Nullable EnumValue reportedBy,
    @Nullable EnumValue source,
    @Nullable EnumValue impactCount,
    StageDiagram.Stage stage,
    CustomFieldRules.Checked customFields,
    Map<Reference, List<String>> referencePaths) {

  /**
   * A parsed tag.
   *
   * @param reference the tag
   * @param value its value, or null
   */
  record Tag(Reference reference, @Nullable String value) {}

  /** The actor of a request without violations (only such a request is rendered): it parsed. */
  UserSummary validActor() {
    return Objects.requireNonNull(actor, "the actor of a request without violations");
  }

  boolean isValid() {
    return violations.isEmpty();
  }

  /**
   * The request in canonical form, for its idempotency fingerprint: ids as DONs without duplicates, the
   * stage as its DON, custom fields normalized (ids as DONs). Requests that mean the same have equal
   * canonical forms.
   */
  IncidentCreateRequest canonical(String stageDon) {
    return request.toBuilder()
        .appliesToParts(dons(appliesToParts))
        .artifacts(dons(artifacts))
        .ownedBy(dons(ownedBy))
        .stakeholders(dons(stakeholders))
        .pia(dons(pia))
        .playbooks(dons(playbooks))
        .relatedDocs(dons(relatedDocs))
        .impactedCustomers(dons(impactedCustomers))
        .impact(request.impact() == null ? null
            : new dev.incidents.model.ImpactRequest(request.impact().count(), dons(impactCustomerIds)))
        .stage(new dev.incidents.model.StageRequest(stageDon, request.stage() == null ? null : request.stage().notes()))
        .tags(tags.stream().map(t -> new dev.incidents.model.TagRequest(t.reference().id(), t.value())).toList())
        .customFields(customFields.values())
        .build();
  }

  private static List<String> dons(List<Reference> references) {
    return references.stream().map(Reference::id).toList();
  }
}

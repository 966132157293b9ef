package dev.incidents;

import dev.incidents.catalog.StageDiagram;
import dev.incidents.model.ImpactSummary;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentStage;
import dev.incidents.model.ObjectSummary;
import dev.incidents.model.PartSummary;
import dev.incidents.model.RequestContext;
import dev.incidents.model.StageSummary;
import dev.incidents.model.StateSummary;
import dev.incidents.model.TagSummary;
import dev.incidents.model.TagWithValue;
import dev.incidents.model.UserSummary;
import dev.incidents.reference.ObjectType;
import dev.incidents.reference.Reference;
import dev.incidents.reference.Resolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Turns a checked request into the incident the response shows (docs/CONTRACT.md section 3). Pure and thread-safe. */
final class IncidentRenderer {

  private final ReferenceParser ids;

  IncidentRenderer(ReferenceParser ids) {
    this.ids = ids;
  }

  Incident render(RequestContext context, CheckedRequest checked, Resolution resolution, long number, Instant now) {
    IncidentCreateRequest request = checked.request();
    Reference self = ids.reference(ObjectType.INCIDENT, number, context.tenant());
    IncidentStage stage = stage(context, checked.stage(), request.stage() == null ? null : request.stage().notes());
    return new Incident(
        self.id(),
        self.displayId(),
        // Only a checked request is rendered, and the checker requires a title.
        Objects.requireNonNull(request.title(), "title"),
        request.body(),
        checked.validActor(),
        now,
        checked.validActor(),
        now,
        stage,
        checked.severity(),
        checked.reportedBy(),
        checked.source(),
        request.identifiedDate(),
        request.acknowledgedDate(),
        request.mitigatedDate(),
        request.targetCloseDate(),
        stage.state().isFinal() ? now : null,
        parts(checked.appliesToParts(), resolution),
        users(checked.ownedBy()),
        users(checked.stakeholders()),
        objects(checked.impactedCustomers()),
        request.impact() == null ? null : impact(checked),
        objects(checked.artifacts()),
        objects(checked.pia()),
        objects(checked.playbooks()),
        objects(checked.relatedDocs()),
        tags(checked, resolution),
        customFields(checked.customFields()),
        checked.customFields().fragmentIds(),
        checked.customFields().subtype());
  }

  /** The DON of a stage, which the canonical request uses in place of a name. */
  String stageDon(RequestContext context, StageDiagram.Stage stage) {
    return ids.coreDon(context.tenant(), "custom_stage", Long.toString(stage.number()));
  }

  /** A stage as the response shows it, with its state. */
  IncidentStage stage(RequestContext context, StageDiagram.Stage stage, @Nullable String notes) {
    StageDiagram.State state = stage.state();
    return new IncidentStage(
        new StageSummary(stageDon(context, stage), stage.name()),
        new StateSummary(ids.coreDon(context.tenant(), "custom_state", Long.toString(state.number())),
            state.name(), state.isFinal()),
        notes);
  }

  /** Parts as the response shows them: named like tags (the resolver's name, else the display id), no owners. */
  static List<PartSummary> parts(List<Reference> references, Resolution resolution) {
    return each(references, r -> new PartSummary(r.type().partType(), r.id(), r.displayId(),
        resolution.name(r).orElse(r.displayId()), List.of()));
  }

  static ImpactSummary impact(CheckedRequest checked) {
    return new ImpactSummary(checked.impactCount(), objects(checked.impactCustomerIds()));
  }

  static List<TagWithValue> tags(CheckedRequest checked, Resolution resolution) {
    return each(checked.tags(), t -> new TagWithValue(new TagSummary(t.reference().id(),
        t.reference().displayId(), resolution.name(t.reference()).orElse(t.reference().displayId())),
        t.value()));
  }

  /** The custom fields as the response shows them: id fields expanded to summaries like any other id. */
  static Map<String, Object> customFields(CustomFieldRules.Checked custom) {
    if (custom.references().isEmpty()) {
      return custom.values();
    }
    Map<String, Object> out = new LinkedHashMap<>(custom.values());
    custom.references().forEach((key, reference) -> {
      if (out.containsKey(key)) {
        out.put(key, reference instanceof Reference single ? summary(single)
            : ((List<?>) reference).stream().map(r -> summary((Reference) r)).toList());
      }
    });
    return out;
  }

  /** A summary as a JSON object, of the same shape as the model's summaries for that kind of object. */
  private static Map<String, Object> summary(Reference reference) {
    Map<String, Object> summary = new LinkedHashMap<>();
    switch (reference.type().category()) {
      case USER -> summary.put("type", reference.type().userType().toString());
      case PART -> summary.put("type", reference.type().partType().toString());
      default -> { }
    }
    summary.put("id", reference.id());
    summary.put("display_id", reference.displayId());
    return summary;
  }

  static List<UserSummary> users(List<Reference> references) {
    return each(references, r -> new UserSummary(r.type().userType(), r.id(), r.displayId()));
  }

  static List<ObjectSummary> objects(List<Reference> references) {
    return each(references, r -> new ObjectSummary(r.id(), r.displayId()));
  }

  /**
   * {@code summary} of each of {@code from}, in order. A plain list rather than a stream's: every caller hands
   * it to a model record, which keeps an unmodifiable copy of its own, and a create renders a dozen of these.
   */
  private static <T, R> List<R> each(List<T> from, Function<T, R> summary) {
    if (from.isEmpty()) {
      return List.of();
    }
    List<R> out = new ArrayList<>(from.size());
    for (T item : from) {
      out.add(summary.apply(item));
    }
    return out;
  }
}

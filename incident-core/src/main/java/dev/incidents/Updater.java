package dev.incidents;

import dev.incidents.catalog.StageDiagram;
import dev.incidents.error.Violation;
import dev.incidents.internal.Violations;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.FieldUpdate;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentStage;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.UserType;
import dev.incidents.reference.Reference;
import dev.incidents.reference.Resolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies an update to an incident (docs/CONTRACT.md section 10). The fields the update gives are checked by
 * the create rules (the request checker, on a request made of those fields and of the incident's dates, so
 * that the date-order rules see the incident as it would be after the update) and rendered anew; every other
 * field is carried over from the incident exactly as stored, so an update never rewrites what it does not
 * touch, even where catalogs or resolvers changed since. Pure and thread-safe.
 */
final class Updater {

  private static final Set<UserType> MAY_SET_SOURCE = Set.of(UserType.SYS_USER, UserType.SERVICE_ACCOUNT);

  private final ServiceSettings settings;
  private final RequestChecker checker;
  private final CustomFieldRules customFieldRules;
  private final IncidentRenderer renderer;

  Updater(ServiceSettings settings, RequestChecker checker, CustomFieldRules customFieldRules,
      IncidentRenderer renderer) {
    this.settings = settings;
    this.checker = checker;
    this.customFieldRules = customFieldRules;
    this.renderer = renderer;
  }

  /**
   * An update checked against one version of an incident.
   *
   * @param request the update
   * @param current the incident it applies to
   * @param checked the given fields, parsed (fields the update keeps are absent from its request)
   * @param customFields the custom fields after the update, or {@code null} when the update leaves them alone
   * @param referencePaths every reference the update brings in, for the resolver
   * @param violations every violation, in reporting order
   */
  record Checked(IncidentUpdateRequest request, Incident current, CheckedRequest checked,
      CustomFieldRules.@Nullable Checked customFields, Map<Reference, List<String>> referencePaths,
      List<Violation> violations) {

    boolean isValid() {
      return violations.isEmpty();
    }
  }

  /** Checks {@code request} against {@code current}, collecting every violation. */
  Checked check(RequestContext context, IncidentUpdateRequest request, Incident current) {
    List<Violation> violations = new ArrayList<>();
    if (request.title().kind() == FieldUpdate.Kind.CLEAR) {
      violations.add(Violation.valueNotPermitted("title", "cannot be cleared: an incident always has a title"));
    }
    if (request.stage().kind() == FieldUpdate.Kind.CLEAR) {
      violations.add(Violation.valueNotPermitted("stage", "cannot be cleared: an incident is always in a stage; "
          + "move it to another stage instead"));
    }
    if (request.customSchemaSpec().kind() == FieldUpdate.Kind.CLEAR) {
      violations.add(Violation.valueNotPermitted("custom_schema_spec", "cannot be cleared: leave it out to check "
          + "custom fields against the incident's own fragments"));
    }

    Set<String> given = givenFields(request);
    CheckedRequest checked = checker.check(context, givenAsCreate(request, current), given::contains);
    violations.addAll(checked.violations());

    if (request.source().kind() == FieldUpdate.Kind.CLEAR && current.source() != null && checked.actor() != null
        && !MAY_SET_SOURCE.contains(checked.actor().type())) {
      violations.add(Violation.forbidden("source", "only a sys_user or service_account may clear source; the actor "
          + checked.actor().displayId() + " is a " + checked.actor().type()));
    }
    // A stage that is itself wrong (unknown, malformed, missing) has no move to check; bad notes do not hide one.
    if (request.stage().kind() == FieldUpdate.Kind.SET && !hasViolationAt(checked.violations(), "stage.stage")) {
      checkMove(context, current, checked.stage(), violations);
    }

    Map<Reference, List<String>> referencePaths = new LinkedHashMap<>(checked.referencePaths());
    CustomFieldRules.Checked customFields = null;
    if (!request.customFields().isEmpty() || request.customSchemaSpec().kind() == FieldUpdate.Kind.SET) {
      ReferenceCollector refs = new ReferenceCollector(settings.ids(), context.tenant(), violations);
      CustomSchemaSpec spec = request.customSchemaSpec().kind() == FieldUpdate.Kind.SET
          ? request.customSchemaSpec().value() : null;
      customFields = customFieldRules.checkUpdated(context, customFieldsAfter(request, current), spec,
          current.customSchemaFragments(), current.subtype(), refs, violations);
      refs.paths().forEach((reference, paths) ->
          referencePaths.computeIfAbsent(reference, r -> new ArrayList<>()).addAll(paths));
    }
    return new Checked(request, current, checked, customFields, referencePaths, Violations.ordered(violations));
  }

  /**
   * The incident after a valid update, made by {@code context}'s actor at {@code now}: the given fields as
   * rendered now, every other field as it was.
   */
  Incident apply(RequestContext context, Checked update, Resolution resolution, Instant now) {
    IncidentUpdateRequest request = update.request();
    Incident current = update.current();
    CheckedRequest checked = update.checked();

    IncidentStage stage = current.stage();
    Instant actualCloseDate = current.actualCloseDate();
    if (request.stage().kind() == FieldUpdate.Kind.SET) {
      stage = renderer.stage(context, checked.stage(), request.stage().value().notes());
      boolean wasFinal = current.stage().state().isFinal();
      boolean isFinal = stage.state().isFinal();
      if (!wasFinal && isFinal) {
        actualCloseDate = now;
      } else if (wasFinal && !isFinal) {
        actualCloseDate = null;
      }
    }
    CustomFieldRules.Checked custom = update.customFields();
    return new Incident(
        current.id(),
        current.displayId(),
        request.title().kind() == FieldUpdate.Kind.SET ? request.title().value() : current.title(),
        request.body().orElse(current.body()),
        current.createdBy(),
        current.createdDate(),
        checked.validActor(),
        now,
        stage,
        changed(request.severity(), checked.severity(), current.severity()),
        changed(request.reportedBy(), checked.reportedBy(), current.reportedBy()),
        changed(request.source(), checked.source(), current.source()),
        request.identifiedDate().orElse(current.identifiedDate()),
        request.acknowledgedDate().orElse(current.acknowledgedDate()),
        request.mitigatedDate().orElse(current.mitigatedDate()),
        request.targetCloseDate().orElse(current.targetCloseDate()),
        actualCloseDate,
        request.appliesToParts().isKeep() ? current.appliesToParts()
            : IncidentRenderer.parts(checked.appliesToParts(), resolution),
        request.ownedBy().isKeep() ? current.ownedBy() : IncidentRenderer.users(checked.ownedBy()),
        request.stakeholders().isKeep() ? current.stakeholders() : IncidentRenderer.users(checked.stakeholders()),
        request.impactedCustomers().isKeep() ? current.impactedCustomers()
            : IncidentRenderer.objects(checked.impactedCustomers()),
        request.impact().isKeep() ? current.impact()
            : request.impact().kind() == FieldUpdate.Kind.CLEAR ? null : IncidentRenderer.impact(checked),
        request.artifacts().isKeep() ? current.artifacts() : IncidentRenderer.objects(checked.artifacts()),
        request.pia().isKeep() ? current.pia() : IncidentRenderer.objects(checked.pia()),
        request.playbooks().isKeep() ? current.playbooks() : IncidentRenderer.objects(checked.playbooks()),
        request.relatedDocs().isKeep() ? current.relatedDocs() : IncidentRenderer.objects(checked.relatedDocs()),
        request.tags().isKeep() ? current.tags() : IncidentRenderer.tags(checked, resolution),
        custom == null ? current.customFields() : IncidentRenderer.customFields(custom),
        custom == null ? current.customSchemaFragments() : custom.fragmentIds(),
        // A spec that is set is always checked, so custom is there whenever it is set.
        custom != null && request.customSchemaSpec().kind() == FieldUpdate.Kind.SET ? custom.subtype()
            : current.subtype());
  }

  /** Whether {@code next} differs from {@code current} in anything but who modified it and when. */
  static boolean changesAnything(Incident current, Incident next) {
    return !new Incident(next.id(), next.displayId(), next.title(), next.body(), next.createdBy(), next.createdDate(),
        current.modifiedBy(), current.modifiedDate(), next.stage(), next.severity(), next.reportedBy(), next.source(),
        next.identifiedDate(), next.acknowledgedDate(), next.mitigatedDate(), next.targetCloseDate(),
        next.actualCloseDate(), next.appliesToParts(), next.ownedBy(), next.stakeholders(), next.impactedCustomers(),
        next.impact(), next.artifacts(), next.pia(), next.playbooks(), next.relatedDocs(), next.tags(),
        next.customFields(), next.customSchemaFragments(), next.subtype()).equals(current);
  }

  private static <T> @Nullable T changed(FieldUpdate<Long> update, @Nullable T parsed, @Nullable T current) {
    return switch (update.kind()) {
      case KEEP -> current;
      case CLEAR -> null;
      case SET -> parsed;
    };
  }

  /** The move to {@code to} must be one the tenant's stage diagram allows from the incident's stage. */
  private void checkMove(RequestContext context, Incident current, StageDiagram.Stage to, List<Violation> violations) {
    StageDiagram diagram = settings.stageDiagram(context.tenant());
    long from = settings.ids().parseCoreNumber(current.stage().stage().id(), "custom_stage", context.tenant());
    StageDiagram.Stage fromStage = diagram.stage(from).orElse(null);
    // A stage the diagram no longer has restricts nothing: the incident must be able to leave it.
    if (fromStage != null && !diagram.allows(fromStage, to)) {
      violations.add(Violation.valueNotPermitted("stage.stage", "cannot move from stage '" + fromStage.name()
          + "' to '" + to.name() + "': the stage diagram allows only the stages listed",
          diagram.reachableFrom(fromStage).stream().map(StageDiagram.Stage::name).toList()));
    }
  }

  private static boolean hasViolationAt(List<Violation> violations, String path) {
    for (Violation v : violations) {
      if (path.equals(v.fieldName())) {
        return true;
      }
    }
    return false;
  }

  /** The top-level fields an update sets or clears, as the contract names them. */
  private static Set<String> givenFields(IncidentUpdateRequest request) {
    Set<String> given = new LinkedHashSet<>();
    addIfChanged(given, "title", request.title());
    addIfChanged(given, "body", request.body());
    addIfChanged(given, "acknowledged_date", request.acknowledgedDate());
    addIfChanged(given, "identified_date", request.identifiedDate());
    addIfChanged(given, "mitigated_date", request.mitigatedDate());
    addIfChanged(given, "target_close_date", request.targetCloseDate());
    addIfChanged(given, "applies_to_parts", request.appliesToParts());
    addIfChanged(given, "artifacts", request.artifacts());
    addIfChanged(given, "owned_by", request.ownedBy());
    addIfChanged(given, "stakeholders", request.stakeholders());
    addIfChanged(given, "pia", request.pia());
    addIfChanged(given, "playbooks", request.playbooks());
    addIfChanged(given, "related_docs", request.relatedDocs());
    addIfChanged(given, "impacted_customers", request.impactedCustomers());
    addIfChanged(given, "impact", request.impact());
    addIfChanged(given, "reported_by", request.reportedBy());
    addIfChanged(given, "severity", request.severity());
    addIfChanged(given, "source", request.source());
    addIfChanged(given, "stage", request.stage());
    addIfChanged(given, "tags", request.tags());
    return given;
  }

  private static void addIfChanged(Set<String> given, String field, FieldUpdate<?> update) {
    if (update.isChange()) {
      given.add(field);
    }
  }

  /**
   * The fields an update sets, as a create request the checker can check, with the incident's title (always
   * valid) when the update keeps it and its dates where the update keeps them, so that the date-order rules
   * see the incident as it would be. Custom fields are checked on their own.
   */
  private static IncidentCreateRequest givenAsCreate(IncidentUpdateRequest request, Incident current) {
    return IncidentCreateRequest.builder()
        .title(request.title().kind() == FieldUpdate.Kind.SET ? request.title().value() : current.title())
        .body(setOnly(request.body()))
        .acknowledgedDate(request.acknowledgedDate().orElse(current.acknowledgedDate()))
        .identifiedDate(request.identifiedDate().orElse(current.identifiedDate()))
        .mitigatedDate(request.mitigatedDate().orElse(current.mitigatedDate()))
        .targetCloseDate(request.targetCloseDate().orElse(current.targetCloseDate()))
        .appliesToParts(setOnly(request.appliesToParts()))
        .artifacts(setOnly(request.artifacts()))
        .ownedBy(setOnly(request.ownedBy()))
        .stakeholders(setOnly(request.stakeholders()))
        .pia(setOnly(request.pia()))
        .playbooks(setOnly(request.playbooks()))
        .relatedDocs(setOnly(request.relatedDocs()))
        .impactedCustomers(setOnly(request.impactedCustomers()))
        .impact(setOnly(request.impact()))
        .reportedBy(setOnly(request.reportedBy()))
        .severity(setOnly(request.severity()))
        .source(setOnly(request.source()))
        .stage(setOnly(request.stage()))
        .tags(setOnly(request.tags()))
        .build();
  }

  private static <T> @Nullable T setOnly(FieldUpdate<T> update) {
    return update.kind() == FieldUpdate.Kind.SET ? update.value() : null;
  }

  /**
   * The incident's custom fields after the update, in request form (an id field as its DON, not its summary),
   * so that the whole set can be checked against the fragments.
   */
  private static Map<String, Object> customFieldsAfter(IncidentUpdateRequest request, Incident current) {
    Map<String, Object> values = new LinkedHashMap<>();
    current.customFields().forEach((key, value) -> values.put(key, requestForm(value)));
    request.customFields().forEach((key, update) -> {
      if (update.kind() == FieldUpdate.Kind.SET) {
        values.put(key, update.value());
      } else {
        values.remove(key);
      }
    });
    return values;
  }

  /** A stored custom field value as a request gives it: an id summary ({@code {id, ...}}) back to its id. */
  private static Object requestForm(Object value) {
    if (value instanceof Map<?, ?> summary && summary.get("id") instanceof String id) {
      return id;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(requestForm(element));
      }
      return out;
    }
    return value;
  }
}

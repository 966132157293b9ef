package dev.incidents;

import dev.incidents.catalog.Catalog;
import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.error.Violation;
import dev.incidents.internal.Timestamps;
import dev.incidents.internal.Violations;
import dev.incidents.model.EnumValue;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.UserSummary;
import dev.incidents.model.UserType;
import dev.incidents.reference.ObjectType.Category;
import dev.incidents.reference.Reference;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Every rule of a create request in one pass: the Bean Validation annotations (single fields) and the
 * domain rules (ids, catalogs, stage, dates, custom fields, permissions). Collects all violations and
 * parses what the renderer needs on the way. Immutable and thread-safe.
 */
final class RequestChecker {

  private static final Set<UserType> MAY_SET_SOURCE = Set.of(UserType.SYS_USER, UserType.SERVICE_ACCOUNT);

  private final ServiceSettings settings;
  private final ReferenceParser ids;
  private final CustomFieldRules customFieldRules;

  RequestChecker(ServiceSettings settings, FragmentRegistry registry) {
    this.settings = settings;
    this.ids = settings.ids();
    this.customFieldRules = new CustomFieldRules(registry);
    BeanValidation.warmUp();
  }

  /** The actor of a context, or a violation at {@code actor}. */
  @Nullable UserSummary actor(RequestContext context, List<Violation> violations) {
    Reference actor = new ReferenceCollector(ids, context.tenant(), violations).parse("actor", context.actor(), Category.USER);
    return actor == null ? null : new UserSummary(actor.type().userType(), actor.id(), actor.displayId());
  }

  CheckedRequest check(RequestContext context, IncidentCreateRequest request) {
    return check(context, request, field -> true);
  }

  /**
   * Checks {@code request}, reporting only what concerns the fields in {@code scope} (top-level field names):
   * an update checks the fields it gives, and the date-order rules whenever one of their dates is given.
   * Dates outside the scope take part in the order rules but are not checked themselves.
   */
  CheckedRequest check(RequestContext context, IncidentCreateRequest request, Predicate<String> scope) {
    List<Violation> violations = new ArrayList<>();
    UserSummary actor = actor(context, violations);
    violations.addAll(BeanValidation.validate(request));

    ReferenceCollector refs = new ReferenceCollector(ids, context.tenant(), violations);
    List<Reference> parts = refs.list("applies_to_parts", request.appliesToParts(), Category.PART);
    List<Reference> artifacts = refs.list("artifacts", request.artifacts(), Category.ARTIFACT);
    List<Reference> ownedBy = refs.list("owned_by", request.ownedBy(), Category.USER);
    List<Reference> stakeholders = refs.list("stakeholders", request.stakeholders(), Category.USER);
    List<Reference> pia = refs.list("pia", request.pia(), Category.ARTICLE);
    List<Reference> playbooks = refs.list("playbooks", request.playbooks(), Category.ARTICLE);
    List<Reference> relatedDocs = refs.list("related_docs", request.relatedDocs(), Category.ARTICLE);
    List<Reference> impacted = refs.list("impacted_customers", request.impactedCustomers(), Category.ACCOUNT);
    List<Reference> customerIds = request.impact() == null ? List.of()
        : refs.list("impact.customer_ids", request.impact().customerIds(), Category.ACCOUNT);
    List<CheckedRequest.Tag> tags = refs.tags(request.tags());

    Catalogs catalogs = settings.catalogs(context.tenant());
    EnumValue severity = catalogValue("severity", request.severity(), catalogs.severity(), violations);
    EnumValue reportedBy = catalogValue("reported_by", request.reportedBy(), catalogs.reportedBy(), violations);
    EnumValue source = catalogValue("source", request.source(), catalogs.source(), violations);
    EnumValue impactCount = impactCount(request, catalogs, violations);
    StageDiagram.Stage stage = stage(context, request, violations);
    checkDates(request, scope, violations);
    CustomFieldRules.Checked customFields = customFieldRules.check(context, request, refs, violations);

    if (request.source() != null && actor != null && !MAY_SET_SOURCE.contains(actor.type())) {
      violations.add(Violation.forbidden("source", "only a sys_user or service_account may set source; "
          + "the actor " + actor.displayId() + " is a " + actor.type()));
    }

    return new CheckedRequest(request, Violations.ordered(violations), actor, parts, artifacts, ownedBy,
        stakeholders, pia, playbooks, relatedDocs, impacted, customerIds, tags, severity, reportedBy, source,
        impactCount, stage, customFields, refs.paths());
  }

  private static @Nullable EnumValue catalogValue(String field, @Nullable Long id, Catalog catalog,
      List<Violation> violations) {
    if (id == null) {
      return null;
    }
    EnumValue value = catalog.find(id).orElse(null);
    if (value == null) {
      violations.add(Violation.invalidEnumValue(field, id, catalog.ids()));
    }
    return value;
  }

  private static @Nullable EnumValue impactCount(IncidentCreateRequest request, Catalogs catalogs, List<Violation> violations) {
    if (request.impact() == null || request.impact().count() == null) {
      return null;
    }
    long count = request.impact().count();
    Catalog catalog = catalogs.impactCount();
    if (catalog != null) {
      return catalogValue("impact.count", count, catalog, violations);
    }
    // Without a catalog the count stands for itself; a negative count is reported by @PositiveOrZero.
    return new EnumValue(count, Long.toString(count), 0);
  }

  private StageDiagram.Stage stage(RequestContext context, IncidentCreateRequest request, List<Violation> violations) {
    StageDiagram diagram = settings.stageDiagram(context.tenant());
    if (request.stage() == null) {
      return diagram.start();
    }
    String given = request.stage().stage();
    if (given == null) {
      return diagram.start(); // reported by Bean Validation as stage.stage missing
    }
    StageDiagram.Stage stage;
    if (given.startsWith("don:")) {
      long number = ids.parseCoreNumber(given, "custom_stage", context.tenant());
      if (number < 0) {
        violations.add(Violation.invalidId("stage.stage", given, "expected a stage name or the DON of a stage "
            + "of this dev org, " + ids.coreDon(context.tenant(), "custom_stage", "<k>")));
        return diagram.start();
      }
      stage = diagram.stage(number).orElse(null);
    } else {
      stage = diagram.stage(given).orElse(null);
    }
    if (stage == null) {
      violations.add(Violation.invalidEnumValue("stage.stage", given, diagram.stageNames()));
      return diagram.start();
    }
    return stage;
  }

  private void checkDates(IncidentCreateRequest request, Predicate<String> scope, List<Violation> violations) {
    Instant latest = settings.clock().instant().plus(settings.futureTolerance());
    Map<String, Instant> dates = new LinkedHashMap<>();
    dates.put("acknowledged_date", request.acknowledgedDate());
    dates.put("identified_date", request.identifiedDate());
    dates.put("mitigated_date", request.mitigatedDate());
    dates.put("target_close_date", request.targetCloseDate());
    dates.forEach((field, date) -> {
      if (date == null || !scope.test(field)) {
        return;
      }
      int year = date.atOffset(ZoneOffset.UTC).getYear();
      if (year < 1970 || year > 9999) {
        violations.add(Violation.valueNotPermitted(field, "must lie in the years 1970 to 9999 (UTC), got year " + year));
      } else if (!field.equals("target_close_date") && date.isAfter(latest)) {
        violations.add(Violation.valueNotPermitted(field, "must not be more than "
            + describe(settings.futureTolerance()) + " in the future of the service clock ("
            + Timestamps.format(settings.clock().instant()) + ")"));
      }
    });
    Instant identified = request.identifiedDate();
    if (settings.milestoneOrder() && identified != null) {
      if (request.acknowledgedDate() != null && request.acknowledgedDate().isBefore(identified)
          && (scope.test("acknowledged_date") || scope.test("identified_date"))) {
        violations.add(Violation.valueNotPermitted("acknowledged_date", "must not be earlier than identified_date"));
      }
      if (request.mitigatedDate() != null && request.mitigatedDate().isBefore(identified)
          && (scope.test("mitigated_date") || scope.test("identified_date"))) {
        violations.add(Violation.valueNotPermitted("mitigated_date", "must not be earlier than identified_date"));
      }
    }
  }

  private static String describe(java.time.Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 60 == 0 && duration.getNano() == 0) {
      long minutes = seconds / 60;
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    return duration.toMillis() + " ms";
  }
}

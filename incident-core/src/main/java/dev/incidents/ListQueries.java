package dev.incidents;

import dev.incidents.catalog.Catalog;
import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Violations;
import dev.incidents.model.DateFilter;
import dev.incidents.model.IncidentFilter;
import dev.incidents.model.ListRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.SortOrder;
import dev.incidents.reference.ObjectType.Category;
import dev.incidents.reference.Reference;
import dev.incidents.spi.FacetFilter;
import dev.incidents.spi.ListQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link ListRequest} into the store's {@link ListQuery} (docs/CONTRACT.md section 11): names and
 * display ids become the ids facets hold, presets become ranges on the service clock, and every value that can
 * match nothing valid is reported, all at once, naming the filter.
 */
final class ListQueries {

  private final ServiceSettings settings;

  ListQueries(ServiceSettings settings) {
    this.settings = settings;
  }

  /**
   * The store query of the page {@code request} asks for, one incident longer than the page, so that the
   * service can tell whether a next page exists without a second query.
   *
   * @throws IncidentException listing every value that can match nothing valid
   */
  ListQuery toQuery(RequestContext context, ListRequest request) {
    List<Violation> violations = new ArrayList<>();
    if (request.limit() < 1 || request.limit() > ListRequest.MAX_LIMIT) {
      violations.add(Violation.valueNotPermitted("limit",
          "must be from 1 to " + ListRequest.MAX_LIMIT + ", got " + request.limit()));
    }
    FacetFilter filter = filter(context, request.filter(), violations);
    long boundary = request.order() == SortOrder.NEWEST_FIRST ? Long.MAX_VALUE : 0;
    if (request.cursor() != null) {
      try {
        boundary = PageCursors.decode(request.cursor(), request.order());
      } catch (IncidentException e) {
        violations.addAll(e.violations());
      }
    }
    if (!violations.isEmpty()) {
      throw IncidentException.of(Violations.ordered(violations));
    }
    ListQuery.Order order = request.order() == SortOrder.NEWEST_FIRST ? ListQuery.Order.NEWEST_FIRST
        : ListQuery.Order.OLDEST_FIRST;
    return new ListQuery(filter, order, boundary, request.limit() + 1);
  }

  private FacetFilter filter(RequestContext context, IncidentFilter filter, List<Violation> violations) {
    Catalogs catalogs = settings.catalogs(context.tenant());
    StageDiagram diagram = settings.stageDiagram(context.tenant());
    ReferenceCollector refs = new ReferenceCollector(settings.ids(), context.tenant(), violations);
    Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    return new FacetFilter(
        catalogIds("severity", filter.severity(), catalogs.severity(), violations),
        catalogIds("reported_by", filter.reportedBy(), catalogs.reportedBy(), violations),
        stages(context, filter.stage(), diagram, violations),
        states(context, filter.state(), diagram, violations),
        dons(refs.list("owned_by", filter.ownedBy(), Category.USER)),
        dons(refs.list("applies_to_parts", filter.appliesToParts(), Category.PART)),
        dons(refs.list("created_by", filter.createdBy(), Category.USER)),
        subtypes(filter.subtype(), violations),
        range("created_date", filter.createdDate(), now, violations),
        range("modified_date", filter.modifiedDate(), now, violations),
        range("actual_close_date", filter.actualCloseDate(), now, violations),
        range("target_close_date", filter.targetCloseDate(), now, violations));
  }

  private static Set<Long> catalogIds(String field, List<Long> ids, Catalog catalog, List<Violation> violations) {
    Set<Long> out = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      Long id = ids.get(i);
      if (id == null || catalog.find(id).isEmpty()) {
        violations.add(Violation.invalidEnumValue(field + "[" + i + "]", id, catalog.ids()));
      } else {
        out.add(id);
      }
    }
    return out;
  }

  private Set<Long> stages(RequestContext context, List<String> stages, StageDiagram diagram,
      List<Violation> violations) {
    Set<Long> out = new LinkedHashSet<>();
    for (int i = 0; i < stages.size(); i++) {
      String given = stages.get(i);
      StageDiagram.Stage stage = given == null ? null : given.startsWith("don:")
          ? diagram.stage(settings.ids().parseCoreNumber(given, "custom_stage", context.tenant())).orElse(null)
          : diagram.stage(given).orElse(null);
      if (stage == null) {
        violations.add(Violation.invalidEnumValue("stage[" + i + "]", given, diagram.stageNames()));
      } else {
        out.add(stage.number());
      }
    }
    return out;
  }

  private Set<Long> states(RequestContext context, List<String> states, StageDiagram diagram,
      List<Violation> violations) {
    Set<Long> out = new LinkedHashSet<>();
    List<StageDiagram.State> known = diagram.states();
    for (int i = 0; i < states.size(); i++) {
      String given = states.get(i);
      StageDiagram.State state = null;
      if (given != null) {
        long number = given.startsWith("don:") ? settings.ids().parseCoreNumber(given, "custom_state", context.tenant())
            : -1;
        for (StageDiagram.State candidate : known) {
          if (candidate.name().equals(given) || candidate.number() == number) {
            state = candidate;
          }
        }
      }
      if (state == null) {
        violations.add(Violation.invalidEnumValue("state[" + i + "]", given,
            known.stream().map(StageDiagram.State::name).toList()));
      } else {
        out.add(state.number());
      }
    }
    return out;
  }

  private static Set<String> dons(List<Reference> references) {
    Set<String> out = new LinkedHashSet<>();
    for (Reference reference : references) {
      out.add(reference.id());
    }
    return out;
  }

  private static Set<String> subtypes(List<String> subtypes, List<Violation> violations) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < subtypes.size(); i++) {
      String subtype = subtypes.get(i);
      if (subtype == null || subtype.isBlank()) {
        violations.add(Violation.valueNotPermitted("subtype[" + i + "]", "must be a subtype's name, not blank"));
      } else {
        out.add(subtype);
      }
    }
    return out;
  }

  private static FacetFilter.Range range(String field, @Nullable DateFilter filter, Instant now,
      List<Violation> violations) {
    if (filter == null) {
      return FacetFilter.Range.ALL;
    }
    Instant after;
    Instant before;
    if (filter instanceof DateFilter.Range range) {
      after = range.after();
      before = range.before();
      if (after == null && before == null) {
        violations.add(Violation.valueNotPermitted(field, "is a range without bounds: give after, before or both"));
        return FacetFilter.Range.ALL;
      }
    } else {
      int days = filter instanceof DateFilter.LastDays last ? last.days() : ((DateFilter.NextDays) filter).days();
      if (days < 0) {
        violations.add(Violation.valueNotPermitted(field + ".days", "must be 0 or more, got " + days));
        return FacetFilter.Range.ALL;
      }
      Duration span = Duration.ofDays(days);
      boolean last = filter instanceof DateFilter.LastDays;
      after = last ? now.minus(span) : now;
      // The end of "next n days" and of "last n days" (now) are included: the range ends just after them.
      before = (last ? now : now.plus(span)).plusMillis(1);
    }
    if (after != null && before != null && !after.isBefore(before)) {
      violations.add(Violation.valueNotPermitted(field, "is an empty range: after must be earlier than before"));
    }
    return new FacetFilter.Range(after, before);
  }
}

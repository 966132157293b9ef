package dev.incidents.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.ErrorType;
import dev.incidents.error.Violation;
import dev.incidents.model.DateFilter;
import dev.incidents.model.IncidentFilter;
import dev.incidents.model.ListRequest;
import dev.incidents.model.SortOrder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the body of {@code incidents.list} (docs/CONTRACT.md section 11) to a {@link ListRequest}: the filters
 * this library supports, {@code sort_by}, {@code cursor}, {@code limit} and {@code mode}. Filters of the API
 * that the library does not support are reported as such, not silently ignored.
 */
final class ListBinder extends TreeBinder {

  /** Filters of the API this library does not support, named in the error so a client knows why. */
  private static final Set<String> UNSUPPORTED = Set.of("acknowledged_date", "identified_date", "mitigated_date",
      "custom_fields", "pia", "playbooks", "related_docs", "source", "staged_info", "sync_metadata", "title");

  private static final String SUPPORTED = "severity, reported_by, stage, state, owned_by, applies_to_parts, "
      + "created_by, subtype, created_date, modified_date, actual_close_date, target_close_date, sort_by, cursor, "
      + "limit, mode";

  private ListBinder() {}

  /** Parses and binds a list body. */
  static BoundRequest<ListRequest> bind(byte[] body) {
    JsonNode root = RequestBinder.parse(body);
    ListBinder binder = new ListBinder();
    ListRequest request = binder.request(root);
    return new BoundRequest<>(request, binder.problems, binder.brokenPaths);
  }

  private ListRequest request(JsonNode root) {
    if (!root.isObject()) {
      problem(null, Violation.of(ErrorType.UNEXPECTED_JSON_TYPE, null, "the body must be a JSON object, got "
          + describe(root)));
      return ListRequest.first();
    }
    Fields f = new Fields(root, "");
    IncidentFilter filter = new IncidentFilter(
        orEmpty(f.int64s("severity")),
        orEmpty(f.int64s("reported_by")),
        orEmpty(f.strings("stage")),
        orEmpty(f.strings("state")),
        orEmpty(f.strings("owned_by")),
        orEmpty(f.strings("applies_to_parts")),
        orEmpty(f.strings("created_by")),
        orEmpty(f.strings("subtype")),
        date(f, "created_date"),
        date(f, "modified_date"),
        date(f, "actual_close_date"),
        date(f, "target_close_date"));
    SortOrder order = sortOrder(f);
    Long limit = f.int64("limit");
    String cursor = f.string("cursor");
    String mode = f.string("mode");
    if (mode != null && !mode.equals("after")) {
      f.problemAt("mode", Violation.valueNotPermitted(f.pathOf("mode"), "'" + mode + "' is not supported: pages "
          + "always continue after the cursor, in the sort order", List.of("after")));
    }
    for (String name : UNSUPPORTED) {
      if (f.has(name)) {
        f.skip(name);
        f.problemAt(name, Violation.invalidField(f.pathOf(name), "this filter is not supported; the supported "
            + "fields are " + SUPPORTED));
      }
    }
    f.rejectUnread();
    int size = limit == null ? ListRequest.DEFAULT_LIMIT
        : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit));
    return new ListRequest(filter, order, size, cursor);
  }

  private static SortOrder sortOrder(Fields f) {
    List<String> sortBy = f.strings("sort_by");
    if (sortBy == null || sortBy.isEmpty()) {
      return SortOrder.NEWEST_FIRST;
    }
    List<String> allowed = List.of(SortOrder.NEWEST_FIRST.sortBy(), SortOrder.OLDEST_FIRST.sortBy());
    if (sortBy.size() > 1) {
      f.problemAt("sort_by", Violation.valueNotPermitted(f.pathOf("sort_by"), "must hold one order, got "
          + sortBy.size(), allowed));
      return SortOrder.NEWEST_FIRST;
    }
    for (SortOrder order : SortOrder.values()) {
      if (order.sortBy().equals(sortBy.get(0))) {
        return order;
      }
    }
    if (sortBy.get(0) != null) {
      f.problemAt("sort_by", Violation.invalidEnumValue(f.pathOf("sort_by") + "[0]", sortBy.get(0), allowed));
    }
    return SortOrder.NEWEST_FIRST;
  }

  /** A date filter: {@code {"type": "range", "after", "before"}} or {@code {"type": "preset", ...}}. */
  private static @Nullable DateFilter date(Fields f, String name) {
    return f.object(name, d -> {
      String type = d.string("type");
      if (type == null) {
        d.skip("after");
        d.skip("before");
        d.skip("preset_type");
        d.skip("days");
        if (!d.has("type")) {
          d.problemAt("type", Violation.missingRequiredField(d.pathOf("type")));
        }
        return null;
      }
      switch (type) {
        case "range": {
          Instant after = d.timestamp("after");
          Instant before = d.timestamp("before");
          return DateFilter.range(after, before);
        }
        case "preset": {
          String preset = d.string("preset_type");
          Long days = d.int64("days");
          if (preset == null) {
            d.problemAt("preset_type", Violation.missingRequiredField(d.pathOf("preset_type")));
            return null;
          }
          if (days == null) {
            d.problemAt("days", Violation.missingRequiredField(d.pathOf("days")));
            return null;
          }
          if (days < 0 || days > Integer.MAX_VALUE) {
            d.problemAt("days", Violation.valueNotPermitted(d.pathOf("days"), "must be from 0 to "
                + Integer.MAX_VALUE + ", got " + days));
            return null;
          }
          if (preset.equals("last_n_days")) {
            return new DateFilter.LastDays(days.intValue());
          }
          if (preset.equals("next_n_days")) {
            return new DateFilter.NextDays(days.intValue());
          }
          d.problemAt("preset_type", Violation.invalidEnumValue(d.pathOf("preset_type"), preset,
              List.of("last_n_days", "next_n_days")));
          return null;
        }
        default:
          d.problemAt("type", Violation.invalidEnumValue(d.pathOf("type"), type, List.of("range", "preset")));
          d.skip("after");
          d.skip("before");
          d.skip("preset_type");
          d.skip("days");
          return null;
      }
    });
  }
}

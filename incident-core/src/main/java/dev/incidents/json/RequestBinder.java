package dev.incidents.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.ErrorType;
import dev.incidents.error.Violation;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.ImpactRequest;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.StageRequest;
import dev.incidents.model.TagRequest;
import java.util.List;
import java.util.Set;

/**
 * Binds a request body to an {@link IncidentCreateRequest}, collecting every structural problem (unknown
 * field, wrong JSON type, malformed date, int64 overflow) instead of stopping at the first, so the caller
 * can report them together with the validation rules. A field with a problem is left absent and its path
 * recorded as broken, so rules about that field do not report it twice.
 *
 * <p>Problems that leave no tree to walk (malformed JSON, duplicate keys, a body over 1 MiB, nesting deeper
 * than 32) throw a {@link dev.incidents.error.BadRequestException} with one {@code parse_error} at once
 * ({@link BodyReader}).
 */
final class RequestBinder extends TreeBinder {

  private RequestBinder() {}

  /** Parses and binds a request body. */
  static BoundRequest<IncidentCreateRequest> bind(byte[] body) {
    JsonNode root = parse(body);
    RequestBinder binder = new RequestBinder();
    IncidentCreateRequest request = binder.request(root);
    return new BoundRequest<>(request, binder.problems, binder.brokenPaths);
  }

  /** Parses a body into a tree, or throws one {@code parse_error}. */
  static JsonNode parse(byte[] body) {
    return BodyReader.read(body);
  }

  private IncidentCreateRequest request(JsonNode root) {
    if (!root.isObject()) {
      problem(null, Violation.of(ErrorType.UNEXPECTED_JSON_TYPE, null, "the body must be a JSON object, got " + describe(root)));
      return IncidentCreateRequest.builder().build();
    }
    Fields f = new Fields(root, "");
    IncidentCreateRequest request = new IncidentCreateRequest(
        f.string("title"),
        f.string("body"),
        f.timestamp("acknowledged_date"),
        f.timestamp("identified_date"),
        f.timestamp("mitigated_date"),
        f.timestamp("target_close_date"),
        orEmpty(f.strings("applies_to_parts")),
        orEmpty(f.strings("artifacts")),
        orEmpty(f.strings("owned_by")),
        orEmpty(f.strings("stakeholders")),
        orEmpty(f.strings("pia")),
        orEmpty(f.strings("playbooks")),
        orEmpty(f.strings("related_docs")),
        orEmpty(f.strings("impacted_customers")),
        f.object("impact", i -> new ImpactRequest(i.int64("count"), orEmpty(i.strings("customer_ids")))),
        orEmptyMap(f.anyObject("custom_fields")),
        f.object("custom_schema_spec", s -> new CustomSchemaSpec(
            orEmpty(s.strings("apps")),
            s.string("subtype"),
            Boolean.TRUE.equals(s.bool("tenant_fragment")),
            Boolean.TRUE.equals(s.bool("validate_required_fields")))),
        f.int64("reported_by"),
        f.int64("severity"),
        f.int64("source"),
        f.object("stage", s -> new StageRequest(s.string("stage"), s.string("notes"))),
        orEmpty(f.objects("tags", t -> new TagRequest(t.string("tag_id"), t.string("value")))));
    f.rejectUnread();
    return request;
  }

}

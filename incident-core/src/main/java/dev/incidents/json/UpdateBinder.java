package dev.incidents.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.ErrorType;
import dev.incidents.error.Violation;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.FieldUpdate;
import dev.incidents.model.ImpactRequest;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.StageRequest;
import dev.incidents.model.TagRequest;
import java.util.Map;

/**
 * Binds the body of {@code incidents.update} (docs/CONTRACT.md section 10) to an {@link IncidentUpdateRequest}:
 * an absent field is kept, {@code null} clears it, a value sets it; id lists and tags come in the API's wrapper
 * {@code {"set": [...]}}. Every structural problem is collected, as for creates.
 */
final class UpdateBinder extends TreeBinder {

  private UpdateBinder() {}

  /** Parses and binds an update body. */
  static BoundRequest<IncidentUpdateRequest> bind(byte[] body) {
    JsonNode root = RequestBinder.parse(body);
    UpdateBinder binder = new UpdateBinder();
    IncidentUpdateRequest request = binder.request(root);
    return new BoundRequest<>(request, binder.problems, binder.brokenPaths);
  }

  private IncidentUpdateRequest request(JsonNode root) {
    if (!root.isObject()) {
      problem(null, Violation.of(ErrorType.UNEXPECTED_JSON_TYPE, null, "the body must be a JSON object, got "
          + describe(root)));
      return IncidentUpdateRequest.builder("").build();
    }
    Fields f = new Fields(root, "");
    String id = f.string("id");
    if (id == null && !brokenPaths.contains("id")) {
      problem("id", Violation.missingRequiredField("id"));
    }
    IncidentUpdateRequest.Builder b = IncidentUpdateRequest.builder(id == null ? "" : id)
        .title(f.update("title", f::string))
        .body(f.update("body", f::string))
        .acknowledgedDate(f.update("acknowledged_date", f::timestamp))
        .identifiedDate(f.update("identified_date", f::timestamp))
        .mitigatedDate(f.update("mitigated_date", f::timestamp))
        .targetCloseDate(f.update("target_close_date", f::timestamp))
        .appliesToParts(f.wrappedList("applies_to_parts", w -> w.strings("set")))
        .artifacts(f.wrappedList("artifacts", w -> w.strings("set")))
        .ownedBy(f.wrappedList("owned_by", w -> w.strings("set")))
        .stakeholders(f.wrappedList("stakeholders", w -> w.strings("set")))
        .pia(f.wrappedList("pia", w -> w.strings("set")))
        .playbooks(f.wrappedList("playbooks", w -> w.strings("set")))
        .relatedDocs(f.wrappedList("related_docs", w -> w.strings("set")))
        .impactedCustomers(f.wrappedList("impacted_customers", w -> w.strings("set")))
        .impact(f.update("impact", n -> f.object(n, i -> new ImpactRequest(i.int64("count"),
            orEmpty(i.object("customer_ids", c -> c.strings("set")))))))
        .customSchemaSpec(f.update("custom_schema_spec", n -> f.object(n, s -> new CustomSchemaSpec(
            orEmpty(s.strings("apps")),
            s.string("subtype"),
            Boolean.TRUE.equals(s.bool("tenant_fragment")),
            Boolean.TRUE.equals(s.bool("validate_required_fields"))))))
        .reportedBy(f.update("reported_by", f::int64))
        .severity(f.update("severity", f::int64))
        .source(f.update("source", f::int64))
        .stage(f.update("stage", n -> f.object(n, s -> new StageRequest(s.string("stage"), s.string("notes")))))
        .tags(f.wrappedList("tags", w -> w.objects("set", t -> new TagRequest(t.string("tag_id"), t.string("value")))));
    if (f.has("custom_fields")) {
      for (Map.Entry<String, JsonNode> member : f.members("custom_fields").entrySet()) {
        JsonNode value = member.getValue();
        if (value.isNull()) {
          b.clearCustomField(member.getKey());
        } else {
          Object plain = f.plainMember("custom_fields", member.getKey(), value);
          if (plain != null) {
            b.customField(member.getKey(), FieldUpdate.set(plain));
          }
        }
      }
    }
    f.rejectUnread();
    return b.build();
  }
}

package dev.incidents.internal;

import dev.incidents.RequestContext;
import dev.incidents.error.Violation;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.IncidentCreateRequest;
import java.util.List;
import java.util.Map;

/**
 * The custom-field rules of SPEC.md section 5. No schema fragment is registered in this version, so every
 * custom field is unknown, and so is every subtype and app a request names.
 */
final class CustomFieldRules {

  /**
   * The custom fields of a request after checking.
   *
   * @param values the normalized values
   * @param fragmentIds the ids of the fragments used
   * @param subtype the subtype, or null
   */
  record Checked(Map<String, Object> values, List<String> fragmentIds, String subtype) {
    static final Checked NONE = new Checked(Map.of(), List.of(), null);
  }

  Checked check(RequestContext context, IncidentCreateRequest request, List<Violation> violations) {
    for (String key : request.customFields().keySet()) {
      violations.add(Violation.invalidField("custom_fields." + key,
          "no custom schema fragment named by custom_schema_spec declares it"));
    }
    CustomSchemaSpec spec = request.customSchemaSpec();
    if (spec != null) {
      if (spec.subtype() != null) {
        violations.add(Violation.valueNotPermitted("custom_schema_spec.subtype",
            "names subtype '" + spec.subtype() + "', but dev org '" + context.tenant() + "' has no such subtype fragment"));
      }
      for (int i = 0; i < spec.apps().size(); i++) {
        violations.add(Violation.valueNotPermitted("custom_schema_spec.apps[" + i + "]",
            "names app '" + spec.apps().get(i) + "', but dev org '" + context.tenant() + "' has no such app fragment"));
      }
    }
    return Checked.NONE;
  }
}

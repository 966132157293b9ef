package dev.incidents;

import dev.incidents.error.Violation;
import dev.incidents.internal.Timestamps;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.reference.Reference;
import dev.incidents.schema.CustomField;
import dev.incidents.schema.FieldType;
import dev.incidents.schema.RegisteredFragment;
import dev.incidents.schema.SchemaFragment;
import dev.incidents.validation.TextValidator;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The custom-field rules of docs/CONTRACT.md section 5: which fragments a request uses, that every custom field
 * belongs to one of them, that each value has its field's type (normalized on the way: timestamps to UTC
 * milliseconds, ids to DONs), and, when asked, that required fields are given.
 */
final class CustomFieldRules {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final FragmentRegistry registry;

  CustomFieldRules(FragmentRegistry registry) {
    this.registry = registry;
  }

  /**
   * The custom fields of a request after checking.
   *
   * @param values the normalized values in request order (ids as DONs)
   * @param references for id fields, the parsed {@link Reference} or list of them, by key
   * @param fragmentIds the ids of the fragment versions used
   * @param subtype the subtype, or null
   */
  record Checked(Map<String, Object> values, Map<String, Object> references, List<String> fragmentIds,
      @Nullable String subtype) {
    static final Checked NONE = new Checked(Map.of(), Map.of(), List.of(), null);
  }

  Checked check(RequestContext context, IncidentCreateRequest request, ReferenceCollector refs,
      List<Violation> violations) {
    CustomSchemaSpec spec = request.customSchemaSpec();
    if (spec == null && request.customFields().isEmpty()) {
      return Checked.NONE;
    }
    Used used = spec == null ? Used.NONE : used(context, spec, violations);
    return checkValues(used, request.customFields(), spec, refs, violations);
  }

  /**
   * The custom fields of an incident after an update: checked against the fragments the update's spec names
   * when it gives one, else against the versions of the fragments the incident was created with (fragments
   * are immutable, so the incident's own values still conform to them).
   *
   * @param values the incident's values after the update, ids as DONs
   */
  Checked checkUpdated(RequestContext context, Map<String, Object> values, @Nullable CustomSchemaSpec spec,
      List<String> fragmentIds, @Nullable String subtype, ReferenceCollector refs, List<Violation> violations) {
    Used used;
    if (spec != null) {
      used = used(context, spec, violations);
    } else {
      FragmentRegistry.Fragments fragments = registry.of(context.tenant());
      List<RegisteredFragment> found = new ArrayList<>();
      for (String id : fragmentIds) {
        RegisteredFragment fragment = fragments.all().get(id);
        if (fragment == null) {
          violations.add(Violation.valueNotPermitted("custom_fields", "the incident's schema fragment " + id
              + " is not registered with this service; register the tenant's fragments before updating its "
              + "custom fields"));
          return Checked.NONE;
        }
        found.add(fragment);
      }
      used = new Used(found, subtype);
    }
    return checkValues(used, values, spec, refs, violations);
  }

  /** The fragments a spec names, and its subtype. */
  private record Used(List<RegisteredFragment> fragments, @Nullable String subtype) {
    static final Used NONE = new Used(List.of(), null);
  }

  private Used used(RequestContext context, CustomSchemaSpec spec, List<Violation> violations) {
    FragmentRegistry.Fragments fragments = registry.of(context.tenant());
    List<RegisteredFragment> used = new ArrayList<>();
    String subtype = null;
    if (spec.tenantFragment() && fragments.tenantFragment() != null) {
      used.add(fragments.tenantFragment());
    }
    if (spec.subtype() != null) {
      RegisteredFragment fragment = fragments.subtype(spec.subtype());
      if (fragment == null) {
        violations.add(Violation.valueNotPermitted("custom_schema_spec.subtype", "names subtype '" + spec.subtype()
            + "', which dev org '" + context.tenant() + "' has not registered; registered subtypes: "
            + fragments.names(SchemaFragment.Kind.CUSTOM_TYPE)));
      } else {
        used.add(fragment);
        subtype = spec.subtype();
      }
    }
    for (int i = 0; i < spec.apps().size(); i++) {
      String app = spec.apps().get(i);
      RegisteredFragment fragment = app == null ? null : fragments.app(app);
      if (fragment == null) {
        violations.add(Violation.valueNotPermitted("custom_schema_spec.apps[" + i + "]", "names app '" + app
            + "', which dev org '" + context.tenant() + "' has not registered; registered apps: "
            + fragments.names(SchemaFragment.Kind.APP)));
      } else if (!used.contains(fragment)) {
        used.add(fragment);
      }
    }
    return new Used(used, subtype);
  }

  private Checked checkValues(Used used, Map<String, Object> given, @Nullable CustomSchemaSpec spec,
      ReferenceCollector refs, List<Violation> violations) {
    Map<String, CustomField> fields = new LinkedHashMap<>();
    for (RegisteredFragment fragment : used.fragments()) {
      for (CustomField field : fragment.fragment().fields()) {
        fields.put(fragment.fragment().key(field), field);
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> references = new LinkedHashMap<>();
    Values checker = new Values(refs, violations);
    given.forEach((key, value) -> {
      String path = "custom_fields." + key;
      CustomField field = fields.get(key);
      if (field == null) {
        violations.add(Violation.invalidField(path, unknownFieldReason(key, spec)));
        return;
      }
      if (isAbsent(value)) {
        return;
      }
      Object normalized = checker.value(path, field, value, references, key);
      if (normalized != null) {
        values.put(key, normalized);
      }
    });
    if (spec != null && spec.validateRequiredFields()) {
      fields.forEach((key, field) -> {
        if (field.isRequired() && isAbsent(given.get(key))) {
          violations.add(Violation.missingRequiredField("custom_fields." + key));
        }
      });
    }
    return new Checked(values, references, used.fragments().stream().map(RegisteredFragment::id).toList(),
        used.subtype());
  }

  /** An empty array means the same as an absent value, as for the request's own lists. */
  private static boolean isAbsent(@Nullable Object value) {
    return value == null || value instanceof List<?> list && list.isEmpty();
  }

  private static String unknownFieldReason(String key, @Nullable CustomSchemaSpec spec) {
    if (key.startsWith("tnt__") && (spec == null || !spec.tenantFragment())) {
      return "tenant fragment fields need custom_schema_spec.tenant_fragment: true";
    }
    return "no fragment named by custom_schema_spec declares it";
  }

  /** Checks and normalizes values of one request. */
  private static final class Values {
    private final ReferenceCollector refs;
    private final List<Violation> violations;

    Values(ReferenceCollector refs, List<Violation> violations) {
      this.refs = refs;
      this.violations = violations;
    }

    @Nullable Object value(String path, CustomField field, Object value, Map<String, Object> references, String key) {
      if (!field.array()) {
        Object normalized = scalar(path, field, value);
        if (field.type() == FieldType.ID && normalized instanceof Reference reference) {
          references.put(key, reference);
          return reference.id();
        }
        return normalized;
      }
      if (!(value instanceof List<?> list)) {
        violations.add(Violation.unexpectedJsonType(path, "an array of " + describe(field.type()), describe(value)));
        return null;
      }
      if (field.type() == FieldType.ID && list.size() > IncidentCreateRequest.MAX_IDS) {
        violations.add(Violation.valueNotPermitted(path, "must have at most " + IncidentCreateRequest.MAX_IDS + " entries"));
        return null;
      }
      List<Object> out = new ArrayList<>(list.size());
      List<Reference> ids = new ArrayList<>();
      boolean valid = true;
      for (int i = 0; i < list.size(); i++) {
        String elementPath = path + "[" + i + "]";
        Object element = list.get(i);
        if (element == null) {
          violations.add(Violation.unexpectedJsonType(elementPath, describe(field.type()), "null"));
          valid = false;
          continue;
        }
        Object normalized = scalar(elementPath, field, element);
        if (normalized == null) {
          valid = false;
        } else if (normalized instanceof Reference reference) {
          if (!ids.contains(reference)) {
            ids.add(reference);
            out.add(reference.id());
          }
        } else {
          out.add(normalized);
        }
      }
      if (field.type() == FieldType.ID) {
        references.put(key, List.copyOf(ids));
      }
      return valid ? out : null;
    }

    /** A normalized scalar (for ids, the {@link Reference}), or null after adding a violation. */
    private @Nullable Object scalar(String path, CustomField field, Object value) {
      switch (field.type()) {
        case INT:
          if (value instanceof Long) {
            return value;
          }
          break;
        case DOUBLE:
          if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
              violations.add(Violation.valueNotPermitted(path, "must be a finite number, got " + d));
              return null;
            }
            return d == 0.0 ? 0.0 : d; // -0.0 is 0.0: not every store can tell them apart
          }
          if (value instanceof Long l) {
            return l.doubleValue();
          }
          break;
        case BOOL:
          if (value instanceof Boolean) {
            return value;
          }
          break;
        case TOKENS:
        case TEXT:
        case RICH_TEXT:
          if (value instanceof String text) {
            String problem = TextValidator.problem(text, Integer.MAX_VALUE, false);
            if (problem != null) {
              violations.add(Violation.valueNotPermitted(path, problem));
              return null;
            }
            return text;
          }
          break;
        case ENUM:
          if (value instanceof String text) {
            if (!field.allowedValues().contains(text)) {
              violations.add(Violation.invalidEnumValue(path, text, field.allowedValues()));
              return null;
            }
            return text;
          }
          break;
        case TIMESTAMP:
          if (value instanceof String text) {
            try {
              return Timestamps.format(Timestamps.parse(text));
            } catch (IllegalArgumentException e) {
              violations.add(Violation.valueNotPermitted(path, Timestamps.EXPECTED + ", got '" + text + "'"));
              return null;
            }
          }
          break;
        case DATE:
          if (value instanceof String text) {
            if (DATE.matcher(text).matches()) {
              try {
                LocalDate.parse(text);
                return text;
              } catch (DateTimeException e) {
                // reported below
              }
            }
            violations.add(Violation.valueNotPermitted(path, "must be a date YYYY-MM-DD, such as 2023-01-31, got '" + text + "'"));
            return null;
          }
          break;
        case ID:
          if (value instanceof String text) {
            return refs.collect(path, text, null);
          }
          break;
        default:
          throw new IllegalStateException("unhandled field type " + field.type());
      }
      violations.add(Violation.unexpectedJsonType(path, describe(field.type()), describe(value)));
      return null;
    }

    private static String describe(FieldType type) {
      return switch (type) {
        case INT -> "an integer (int64)";
        case DOUBLE -> "a number";
        case BOOL -> "a boolean";
        case TOKENS, TEXT, RICH_TEXT -> "a string";
        case ENUM -> "one of the allowed values (a string)";
        case TIMESTAMP -> "a date-time string";
        case DATE -> "a date string (YYYY-MM-DD)";
        case ID -> "an id (a string)";
      };
    }

    private static String describe(Object value) {
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Long) {
        return "an integer";
      }
      if (value instanceof Number) {
        return "a number with a fraction";
      }
      if (value instanceof Boolean) {
        return "a boolean";
      }
      if (value instanceof List) {
        return "an array";
      }
      if (value instanceof Map) {
        return "an object";
      }
      return value == null ? "null" : value.getClass().getSimpleName();
    }
  }
}

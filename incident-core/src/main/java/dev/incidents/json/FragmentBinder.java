package dev.incidents.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import dev.incidents.internal.Violations;
import dev.incidents.schema.CustomField;
import dev.incidents.schema.FieldType;
import dev.incidents.schema.SchemaFragment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds schema fragment declarations (docs/CONTRACT.md section 5): one object or an array of them. Structural
 * problems are collected like a request's; the registry checks names and rules.
 */
final class FragmentBinder extends TreeBinder {

  private static final List<String> KINDS = List.of("tenant_fragment", "custom_type_fragment", "app_fragment");
  private static final List<String> FIELD_TYPES = Arrays.stream(FieldType.values()).map(FieldType::toString).toList();

  private FragmentBinder() {}

  static List<SchemaFragment> bind(byte[] json) {
    JsonNode root = RequestBinder.parse(json);
    FragmentBinder binder = new FragmentBinder();
    List<SchemaFragment> fragments = new ArrayList<>();
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        fragments.add(binder.fragment(root.get(i), "[" + i + "]"));
      }
    } else {
      fragments.add(binder.fragment(root, ""));
    }
    if (!binder.problems.isEmpty()) {
      throw IncidentException.of(Violations.ordered(binder.problems));
    }
    return fragments;
  }

  private @Nullable SchemaFragment fragment(JsonNode node, String path) {
    if (!node.isObject()) {
      problem(path, Violation.of(ErrorType.UNEXPECTED_JSON_TYPE, path.isEmpty() ? null : path,
          (path.isEmpty() ? "the declaration" : path) + " must be a JSON object, got " + describe(node)));
      return null;
    }
    Fields f = new Fields(node, path);
    String type = f.string("type");
    String subtype = f.string("subtype");
    String app = f.string("app");
    List<CustomField> fields = f.objects("fields", this::field);
    List<String> removed = f.strings("removed_fields");
    f.rejectUnread();
    String prefix = path.isEmpty() ? "" : path + ".";
    SchemaFragment.Kind kind = null;
    if (type == null) {
      if (!brokenPaths.contains(prefix + "type")) {
        problem(prefix + "type", Violation.missingRequiredField(prefix + "type"));
      }
    } else if (!KINDS.contains(type)) {
      problem(prefix + "type", Violation.invalidEnumValue(prefix + "type", type, KINDS));
    } else {
      kind = SchemaFragment.Kind.valueOf(type.substring(0, type.length() - "_fragment".length()).toUpperCase(Locale.ROOT));
    }
    if (kind == null) {
      return null;
    }
    if (kind != SchemaFragment.Kind.CUSTOM_TYPE && subtype != null) {
      problem(prefix + "subtype", Violation.valueNotPermitted(prefix + "subtype", "is only for a custom_type_fragment"));
    }
    if (kind != SchemaFragment.Kind.APP && app != null) {
      problem(prefix + "app", Violation.valueNotPermitted(prefix + "app", "is only for an app_fragment"));
    }
    String name = kind == SchemaFragment.Kind.CUSTOM_TYPE ? subtype : kind == SchemaFragment.Kind.APP ? app : null;
    return new SchemaFragment(kind, name, fields == null ? List.of() : fields.stream().filter(x -> x != null).toList(),
        removed == null ? Set.of() : new HashSet<>(removed.stream().filter(x -> x != null).toList()));
  }

  private @Nullable CustomField field(Fields f) {
    String name = f.string("name");
    String fieldType = f.string("field_type");
    String baseType = f.string("base_type");
    List<String> allowed = f.strings("allowed_values");
    Boolean required = f.bool("is_required");
    String prefix = f.path();
    boolean array = "array".equals(fieldType);
    FieldType type = null;
    if (fieldType == null) {
      if (!brokenPaths.contains(prefix + "field_type")) {
        problem(prefix + "field_type", Violation.missingRequiredField(prefix + "field_type"));
      }
    } else if (array) {
      if (baseType == null) {
        if (!brokenPaths.contains(prefix + "base_type")) {
          problem(prefix + "base_type", Violation.missingRequiredField(prefix + "base_type"));
        }
      } else {
        type = fieldType(prefix + "base_type", baseType);
      }
    } else {
      type = fieldType(prefix + "field_type", fieldType);
      if (baseType != null) {
        problem(prefix + "base_type", Violation.valueNotPermitted(prefix + "base_type", "is only for array fields"));
      }
    }
    if (name == null && !brokenPaths.contains(prefix + "name")) {
      problem(prefix + "name", Violation.missingRequiredField(prefix + "name"));
    }
    if (name == null || type == null) {
      return null;
    }
    return new CustomField(name, type, array, allowed == null ? List.of() : allowed.stream().filter(x -> x != null).toList(),
        Boolean.TRUE.equals(required));
  }

  private @Nullable FieldType fieldType(String path, String name) {
    FieldType type = "array".equals(name) ? null : fieldTypeByName(name);
    if (type == null) {
      List<String> allowed = new ArrayList<>(FIELD_TYPES);
      if (path.endsWith("field_type")) {
        allowed.add("array");
      }
      problem(path, Violation.invalidEnumValue(path, name, allowed));
    }
    return type;
  }

  private static @Nullable FieldType fieldTypeByName(String name) {
    for (FieldType type : FieldType.values()) {
      if (type.toString().equals(name)) {
        return type;
      }
    }
    return null;
  }
}

package dev.incidents.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.BadRequestException;
import dev.incidents.error.ErrorType;
import dev.incidents.error.Violation;
import dev.incidents.internal.Timestamps;
import dev.incidents.model.CustomSchemaSpec;
import dev.incidents.model.ImpactRequest;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.StageRequest;
import dev.incidents.model.TagRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds a request body to an {@link IncidentCreateRequest}, collecting every structural problem (unknown
 * field, wrong JSON type, malformed date, int64 overflow) instead of stopping at the first, so the caller
 * can report them together with the validation rules. A field with a problem is left absent and its path
 * recorded as broken, so rules about that field do not report it twice.
 *
 * <p>Problems that leave no tree to walk (malformed JSON, duplicate keys, a body over 1 MiB, nesting deeper
 * than 32) throw a {@link BadRequestException} with one {@code parse_error} at once.
 */
final class RequestBinder {

  /**
   * A bound request with the problems found while binding it.
   *
   * @param request the request, with problem fields absent
   * @param problems the problems, in the order found
   * @param brokenPaths the paths of fields that had a problem
   */
  record Bound(IncidentCreateRequest request, List<Violation> problems, Set<String> brokenPaths) {}

  private final List<Violation> problems = new ArrayList<>();
  private final Set<String> brokenPaths = new HashSet<>();

  private RequestBinder() {}

  /** Parses and binds a request body. */
  static Bound bind(byte[] body) {
    JsonNode root = parse(body);
    RequestBinder binder = new RequestBinder();
    IncidentCreateRequest request = binder.request(root);
    return new Bound(request, List.copyOf(binder.problems), Set.copyOf(binder.brokenPaths));
  }

  /** Parses a body into a tree, or throws one {@code parse_error}. */
  static JsonNode parse(byte[] body) {
    if (body.length > JsonMappers.MAX_BODY_BYTES) {
      throw BadRequestException.of(Violation.parseError(null,
          "the body is " + body.length + " bytes; at most " + JsonMappers.MAX_BODY_BYTES + " (1 MiB) are accepted"));
    }
    JsonNode root;
    try {
      root = JsonMappers.TREE_READER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw BadRequestException.of(Violation.parseError(null, "the body breaks a limit: " + e.getOriginalMessage()
          + " (at most " + JsonMappers.MAX_DEPTH + " levels of nesting and 1 MiB are accepted)"));
    } catch (JsonProcessingException e) {
      throw BadRequestException.of(Violation.parseError(pathOf(e), "the body is not valid JSON: "
          + e.getOriginalMessage() + location(e)));
    } catch (IOException e) {
      throw BadRequestException.of(Violation.parseError(null, "the body could not be read: " + e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw BadRequestException.of(Violation.parseError(null, "the body is empty; expected a JSON object"));
    }
    return root;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  /** The field path where a parse error happened, such as {@code tags[1].tag_id}, or null at the root. */
  private static String pathOf(JacksonException e) {
    if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
      if (ctx.inObject() && ctx.getCurrentName() != null) {
        parts.add(0, "." + ctx.getCurrentName());
      } else if (ctx.inArray()) {
        parts.add(0, "[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? null : path.startsWith(".") ? path.substring(1) : path;
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
        f.strings("applies_to_parts"),
        f.strings("artifacts"),
        f.strings("owned_by"),
        f.strings("stakeholders"),
        f.strings("pia"),
        f.strings("playbooks"),
        f.strings("related_docs"),
        f.strings("impacted_customers"),
        f.object("impact", i -> new ImpactRequest(i.int64("count"), i.strings("customer_ids"))),
        f.anyObject("custom_fields"),
        f.object("custom_schema_spec", s -> new CustomSchemaSpec(
            s.strings("apps"),
            s.string("subtype"),
            Boolean.TRUE.equals(s.bool("tenant_fragment")),
            Boolean.TRUE.equals(s.bool("validate_required_fields")))),
        f.int64("reported_by"),
        f.int64("severity"),
        f.int64("source"),
        f.object("stage", s -> new StageRequest(s.string("stage"), s.string("notes"))),
        f.objects("tags", t -> new TagRequest(t.string("tag_id"), t.string("value"))));
    f.rejectUnread();
    return request;
  }

  private void problem(String path, Violation violation) {
    problems.add(violation);
    if (path != null) {
      brokenPaths.add(path);
    }
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number with a fraction";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The fields of one JSON object at one path; remembers which were read so the rest can be rejected. */
  private final class Fields {
    private final JsonNode node;
    private final String prefix;
    private final Set<String> read = new HashSet<>();

    Fields(JsonNode node, String path) {
      this.node = node;
      this.prefix = path.isEmpty() ? "" : path + ".";
    }

    /** The value of a field, or null when absent or JSON null (null means absent). */
    private JsonNode value(String name) {
      read.add(name);
      JsonNode value = node.get(name);
      return value == null || value.isNull() ? null : value;
    }

    String string(String name) {
      JsonNode value = value(name);
      return value == null ? null : string(value, prefix + name);
    }

    private String string(JsonNode value, String path) {
      if (!value.isTextual()) {
        problem(path, Violation.unexpectedJsonType(path, "a string", describe(value)));
        return null;
      }
      return value.textValue();
    }

    Boolean bool(String name) {
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (!value.isBoolean()) {
        problem(prefix + name, Violation.unexpectedJsonType(prefix + name, "a boolean", describe(value)));
        return null;
      }
      return value.booleanValue();
    }

    Long int64(String name) {
      JsonNode value = value(name);
      return value == null ? null : int64(value, prefix + name);
    }

    private Long int64(JsonNode value, String path) {
      if (!value.isIntegralNumber()) {
        problem(path, Violation.unexpectedJsonType(path, "an integer (int64)", describe(value)));
        return null;
      }
      if (!value.canConvertToLong()) {
        problem(path, Violation.parseError(path, path + " is " + value.asText()
            + ", which does not fit in a signed 64-bit integer"));
        return null;
      }
      return value.longValue();
    }

    Instant timestamp(String name) {
      String path = prefix + name;
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (!value.isTextual()) {
        problem(path, Violation.unexpectedJsonType(path, "a date-time string", describe(value)));
        return null;
      }
      try {
        return Timestamps.parse(value.textValue());
      } catch (IllegalArgumentException e) {
        problem(path, Violation.valueNotPermitted(path, Timestamps.EXPECTED + ", got '" + value.textValue() + "'"));
        return null;
      }
    }

    List<String> strings(String name) {
      return array(name, "an array of strings", "a string", (element, path) -> string(element, path));
    }

    <T> T object(String name, Function<Fields, T> reader) {
      String path = prefix + name;
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (!value.isObject()) {
        problem(path, Violation.unexpectedJsonType(path, "an object", describe(value)));
        return null;
      }
      Fields fields = new Fields(value, path);
      T result = reader.apply(fields);
      fields.rejectUnread();
      return result;
    }

    <T> List<T> objects(String name, Function<Fields, T> reader) {
      return array(name, "an array of objects", "an object", (element, path) -> {
        if (!element.isObject()) {
          problem(path, Violation.unexpectedJsonType(path, "an object", describe(element)));
          return null;
        }
        Fields fields = new Fields(element, path);
        T result = reader.apply(fields);
        fields.rejectUnread();
        return result;
      });
    }

    /** An object of arbitrary JSON values ({@code custom_fields}); the schema checks them later. */
    Map<String, Object> anyObject(String name) {
      String path = prefix + name;
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (!value.isObject()) {
        problem(path, Violation.unexpectedJsonType(path, "an object", describe(value)));
        return null;
      }
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entry.getValue().isNull()) {
          map.put(entry.getKey(), plain(entry.getValue(), path + "." + entry.getKey()));
        }
      }
      return map;
    }

    /** A JSON value as plain Java: String, Long, Double, Boolean, List, Map, or null. */
    private Object plain(JsonNode value, String path) {
      switch (value.getNodeType()) {
        case STRING:
          return value.textValue();
        case BOOLEAN:
          return value.booleanValue();
        case NUMBER:
          if (value.isIntegralNumber()) {
            return int64(value, path);
          }
          return value.doubleValue();
        case ARRAY: {
          List<Object> list = new ArrayList<>(value.size());
          for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            list.add(element.isNull() ? null : plain(element, path + "[" + i + "]"));
          }
          return list;
        }
        case OBJECT: {
          Map<String, Object> map = new LinkedHashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), entry.getValue().isNull() ? null : plain(entry.getValue(), path + "." + entry.getKey()));
          }
          return map;
        }
        default:
          return null;
      }
    }

    /**
     * An array whose elements are read one by one. An element with a problem stays in the list as null, so
     * the indices of later violations still point into the array as sent.
     */
    private <T> List<T> array(String name, String expected, String expectedElement, ElementReader<T> elementReader) {
      String path = prefix + name;
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (!value.isArray()) {
        problem(path, Violation.unexpectedJsonType(path, expected, describe(value)));
        return null;
      }
      List<T> list = new ArrayList<>(value.size());
      for (int i = 0; i < value.size(); i++) {
        String elementPath = path + "[" + i + "]";
        JsonNode element = value.get(i);
        if (element.isNull()) {
          problem(elementPath, Violation.unexpectedJsonType(elementPath, expectedElement, "null"));
          list.add(null);
        } else {
          list.add(elementReader.read(element, elementPath));
        }
      }
      return list;
    }

    /** Reports every field of this object that no reader asked for. */
    void rejectUnread() {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!read.contains(name)) {
          problem(prefix + name, Violation.invalidField(prefix + name, "the contract has no such field"));
        }
      }
    }
  }

  @FunctionalInterface
  private interface ElementReader<T> {
    T read(JsonNode element, String path);
  }
}

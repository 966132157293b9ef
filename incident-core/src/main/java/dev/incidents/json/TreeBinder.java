package dev.incidents.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.error.Violation;
import dev.incidents.internal.Timestamps;
import dev.incidents.model.FieldUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Binds a JSON tree to Java values field by field, collecting every structural problem (unknown field,
 * wrong JSON type, malformed date, int64 overflow) instead of stopping at the first. A field with a
 * problem is left absent (or null in its array, so later indices still point into the array as sent) and
 * its path is recorded as broken, so rules about that field do not report it twice.
 */
abstract class TreeBinder {

  final List<Violation> problems = new ArrayList<>();
  final Set<String> brokenPaths = new HashSet<>();

  /** An absent list as an empty one: the records of the API mean the same by both. */
  static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }

  /** An absent map as an empty one: the records of the API mean the same by both. */
  static <V> Map<String, V> orEmptyMap(@Nullable Map<String, V> map) {
    return map == null ? Map.of() : map;
  }

  final void problem(@Nullable String path, Violation violation) {
    problems.add(violation);
    if (path != null) {
      brokenPaths.add(path);
    }
  }

  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "an integer"
          : node instanceof BodyReader.NumberLiteral literal ? literal.describe() : "a number with a fraction";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The fields of one JSON object at one path; remembers which were read so the rest can be rejected. */
  final class Fields {
    private final JsonNode node;
    private final String prefix;
    /** The names asked for: a list, since an object has a few dozen fields at most and most are asked once. */
    private final List<String> read = new ArrayList<>();

    Fields(JsonNode node, String path) {
      this.node = node;
      this.prefix = path.isEmpty() ? "" : path + ".";
    }

    /** The path of this object's fields, such as {@code tags[2].}; empty at the root. */
    String path() {
      return prefix;
    }

    /** The value of a field, or null when absent or JSON null (null means absent). */
    private @Nullable JsonNode value(String name) {
      read.add(name);
      JsonNode value = node.get(name);
      return value == null || value.isNull() ? null : value;
    }

    /** The value of a field if present and of the expected JSON type; else null, reporting a wrong type. */
    private @Nullable JsonNode typed(String name, Predicate<JsonNode> isExpected, String expected) {
      JsonNode value = value(name);
      return value == null ? null : typed(value, prefix + name, isExpected, expected);
    }

    /** The value if it has the expected JSON type; else null, reporting it at {@code path}. */
    private @Nullable JsonNode typed(JsonNode value, String path, Predicate<JsonNode> isExpected, String expected) {
      if (!isExpected.test(value)) {
        problem(path, Violation.unexpectedJsonType(path, expected, describe(value)));
        return null;
      }
      return value;
    }

    /**
     * What an update does to a field: keep it when absent, clear it when JSON {@code null}, else set it to what
     * {@code reader} reads (a field the reader reports a problem with is kept, the problem recorded).
     */
    <T> FieldUpdate<T> update(String name, Function<String, T> reader) {
      read.add(name);
      JsonNode value = node.get(name);
      if (value == null) {
        return FieldUpdate.keep();
      }
      if (value.isNull()) {
        return FieldUpdate.clear();
      }
      T read = reader.apply(name);
      return read == null ? FieldUpdate.keep() : FieldUpdate.set(read);
    }

    /**
     * A list an update sets through the API's wrapper {@code {"set": [...]}}: kept when absent (or when the
     * wrapper has no {@code set}), cleared when {@code null}; a bare array is a wrong JSON type.
     */
    <T> FieldUpdate<List<T>> wrappedList(String name, Function<Fields, List<T>> reader) {
      return update(name, n -> {
        JsonNode value = typed(n, JsonNode::isObject, "an object {\"set\": [...]}");
        return value == null ? null : read(value, prefix + n, reader);
      });
    }

    /** The members of an object whose values are arbitrary JSON, {@code null} kept as {@code null}. */
    Map<String, JsonNode> members(String name) {
      JsonNode value = typed(name, JsonNode::isObject, "an object");
      if (value == null) {
        return Map.of();
      }
      Map<String, JsonNode> members = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        members.put(entry.getKey(), entry.getValue());
      }
      return members;
    }

    /** A member's value as plain Java (String, Long, Double, Boolean, List, Map), problems recorded at its path. */
    @Nullable Object plainMember(String name, String key, JsonNode value) {
      return plain(value, prefix + name + "." + key);
    }

    /** Whether the object has the field at all (JSON {@code null} included). */
    boolean has(String name) {
      return node.has(name);
    }

    /** Marks a field as read without reading it, so {@link #rejectUnread} leaves it alone. */
    void skip(String name) {
      read.add(name);
    }

    /** The path of a field of this object, as violations name it. */
    String pathOf(String name) {
      return prefix + name;
    }

    /** Records a problem with a field of this object. */
    void problemAt(String name, Violation violation) {
      problem(prefix + name, violation);
    }

    @Nullable String string(String name) {
      JsonNode value = typed(name, JsonNode::isTextual, "a string");
      return value == null ? null : value.textValue();
    }

    @Nullable Boolean bool(String name) {
      JsonNode value = typed(name, JsonNode::isBoolean, "a boolean");
      return value == null ? null : value.booleanValue();
    }

    @Nullable Long int64(String name) {
      JsonNode value = value(name);
      return value == null ? null : int64(value, prefix + name);
    }

    private @Nullable Long int64(JsonNode value, String path) {
      if (typed(value, path, JsonNode::isIntegralNumber, "an integer (int64)") == null) {
        return null;
      }
      if (!value.canConvertToLong()) {
        problem(path, Violation.parseError(path, path + " is " + BodyReader.shown(value.asText())
            + ", which does not fit in a signed 64-bit integer"));
        return null;
      }
      return value.longValue();
    }

    @Nullable Instant timestamp(String name) {
      JsonNode value = typed(name, JsonNode::isTextual, "a date-time string");
      if (value == null) {
        return null;
      }
      try {
        return Timestamps.parse(value.textValue());
      } catch (IllegalArgumentException e) {
        String path = prefix + name;
        problem(path, Violation.valueNotPermitted(path, Timestamps.EXPECTED + ", got '" + value.textValue() + "'"));
        return null;
      }
    }

    @Nullable List<String> strings(String name) {
      return array(name, "an array of strings", "a string", (element, path) -> {
        JsonNode text = typed(element, path, JsonNode::isTextual, "a string");
        return text == null ? null : text.textValue();
      });
    }

    /** An array of integers (int64), each checked. */
    @Nullable List<Long> int64s(String name) {
      return array(name, "an array of integers", "an integer (int64)", (element, path) -> int64(element, path));
    }

    <T> @Nullable T object(String name, Function<Fields, T> reader) {
      JsonNode value = typed(name, JsonNode::isObject, "an object");
      return value == null ? null : read(value, prefix + name, reader);
    }

    <T> @Nullable List<T> objects(String name, Function<Fields, T> reader) {
      return array(name, "an array of objects", "an object", (element, path) ->
          typed(element, path, JsonNode::isObject, "an object") == null ? null : read(element, path, reader));
    }

    /** Reads a nested object with its own fields, rejecting those the reader did not ask for. */
    private <T> T read(JsonNode object, String path, Function<Fields, T> reader) {
      Fields fields = new Fields(object, path);
      T result = reader.apply(fields);
      fields.rejectUnread();
      return result;
    }

    /** An object of arbitrary JSON values ({@code custom_fields}); the schema checks them later. */
    @Nullable Map<String, Object> anyObject(String name) {
      JsonNode value = typed(name, JsonNode::isObject, "an object");
      if (value == null) {
        return null;
      }
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        if (!entry.getValue().isNull()) {
          map.put(entry.getKey(), plain(entry.getValue(), prefix + name + "." + entry.getKey()));
        }
      }
      return map;
    }

    /** A JSON value as plain Java: String, Long, Double, Boolean, List, Map, or null. */
    private @Nullable Object plain(JsonNode value, String path) {
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
          for (Map.Entry<String, JsonNode> entry : value.properties()) {
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
    private <T> @Nullable List<T> array(String name, String expected, String expectedElement, ElementReader<T> elementReader) {
      String path = prefix + name;
      JsonNode value = typed(name, JsonNode::isArray, expected);
      if (value == null) {
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
  interface ElementReader<T> {
    @Nullable T read(JsonNode element, String path);
  }
}

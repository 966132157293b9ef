package dev.incidents.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Copying helpers shared by the records: unmodifiable lists and JSON-shaped maps. */
final class Lists {

  private Lists() {}

  /** An unmodifiable copy; {@code null} becomes the empty list. Elements may be null (they are errors to report). */
  static <T> List<T> copy(@Nullable List<T> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    return Collections.unmodifiableList(new ArrayList<>(list));
  }

  /**
   * A deep unmodifiable copy of a JSON-shaped map (values: String, Long, Double, Boolean, List, Map), keeping
   * key order; {@code null} becomes the empty map and entries with a null value are dropped (null means absent).
   */
  static Map<String, Object> jsonMap(@Nullable Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((key, value) -> {
      if (value != null) {
        out.put(Objects.requireNonNull(key, "map key"), jsonValue(value));
      }
    });
    return Collections.unmodifiableMap(out);
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, v) -> out.put(String.valueOf(key), v == null ? null : jsonValue(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object v : list) {
        out.add(v == null ? null : jsonValue(v));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    return value;
  }
}

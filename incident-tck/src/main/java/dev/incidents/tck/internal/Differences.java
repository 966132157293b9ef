package dev.incidents.tck.internal;

import dev.incidents.model.Incident;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which fields of two incidents differ, in words: the "what the store did instead" of a failure. */
public final class Differences {

  private Differences() {}

  /**
   * The fields in which {@code actual} differs from {@code expected}, with both values abbreviated, such as
   * {@code body: expected "..." (12 code points) but was null}; empty when they are equal.
   */
  public static String between(Incident expected, Incident actual) {
    if (expected == null || actual == null) {
      return "expected " + expected + " but was " + actual;
    }
    List<String> lines = new ArrayList<>();
    for (RecordComponent component : Incident.class.getRecordComponents()) {
      Object e = value(component, expected);
      Object a = value(component, actual);
      if (!Objects.equals(e, a)) {
        lines.add(snakeCase(component.getName()) + ": expected " + render(e) + " but was " + render(a));
      }
    }
    return String.join("; ", lines);
  }

  private static Object value(RecordComponent component, Incident incident) {
    try {
      return component.getAccessor().invoke(incident);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of an Incident", e);
    }
  }

  private static String render(Object value) {
    return value instanceof String s ? Text.quote(s) : Text.escape(Text.abbreviate(value, 300));
  }

  /** {@code targetCloseDate} as {@code target_close_date}, the name JSON uses. */
  public static String snakeCase(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

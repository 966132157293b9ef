package dev.incidents.http.internal;

import dev.incidents.error.ErrorType;
import dev.incidents.error.IncidentException;
import dev.incidents.error.Violation;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A query string, decoded strictly: percent escapes must be complete and the bytes they make valid UTF-8, so a
 * malformed query is a {@code bad_request} naming the parameter rather than a guess. Array parameters follow the
 * official client (docs/CONTRACT.md section 12.3): {@code owned_by="DEVU-1","DEVU-2"}, each element in double
 * quotes, joined by commas, a comma inside quotes being data; a plain value is one element, and repeated
 * parameters add elements.
 */
public final class Query {

  /** The longest query string accepted, in characters as sent (percent escapes count three). */
  public static final int MAX_QUERY_CHARS = 8192;

  private Query() {}

  /**
   * The parameters of a raw query string, in order, each with its values in order.
   *
   * @throws IncidentException {@code bad_request} if the query is too long, or a name or value is malformed
   */
  public static Map<String, List<String>> parse(@Nullable String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    if (raw.length() > MAX_QUERY_CHARS) {
      throw badRequest(null, "the query string is longer than " + MAX_QUERY_CHARS + " characters");
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  /**
   * The elements of an array parameter's values: each value is either a list of double-quoted elements joined by
   * commas, or one plain element.
   *
   * @throws IncidentException {@code bad_request} naming the parameter if a quoted list is unbalanced
   */
  public static List<String> elements(String name, List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      if (!value.startsWith("\"")) {
        out.add(value);
        continue;
      }
      int i = 0;
      while (true) {
        if (i >= value.length() || value.charAt(i) != '"') {
          throw badRequest(name, "expected a double-quoted element at character " + (i + 1)
              + " (elements are written \"a\",\"b\")");
        }
        int close = value.indexOf('"', i + 1);
        if (close < 0) {
          throw badRequest(name, "the double quote at character " + (i + 1) + " is not closed");
        }
        out.add(value.substring(i + 1, close));
        i = close + 1;
        if (i == value.length()) {
          break;
        }
        if (value.charAt(i) != ',') {
          throw badRequest(name, "expected a comma after the element ending at character " + i);
        }
        i++;
      }
    }
    return out;
  }

  private static String decode(String text, @Nullable String name) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= text.length()) {
          throw badRequest(name, "incomplete percent escape in the query string");
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw badRequest(name, "malformed percent escape in the query string");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c > 0x7f) {
        throw badRequest(name, "the query string must be ASCII with percent escapes");
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw badRequest(name, "the query string's percent escapes are not valid UTF-8");
    }
  }

  static IncidentException badRequest(@Nullable String field, String message) {
    return IncidentException.of(List.of(Violation.of(ErrorType.BAD_REQUEST, field, message)));
  }
}

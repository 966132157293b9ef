package dev.incidents.tck.internal;

import org.jspecify.annotations.Nullable;

/** Short renderings of long values for failure messages. */
public final class Text {

  private Text() {}

  /** {@code value} as a string of at most about {@code max} characters, saying how much was left out. */
  public static String abbreviate(@Nullable Object value, int max) {
    String s = String.valueOf(value);
    if (s.length() <= max) {
      return s;
    }
    int head = max * 2 / 3;
    int from = s.length() - (max - head);
    // Never cut a surrogate pair in two: the message would hold half a character.
    if (Character.isHighSurrogate(s.charAt(head - 1))) {
      head--;
    }
    if (Character.isLowSurrogate(s.charAt(from))) {
      from++;
    }
    return s.substring(0, head) + " ...[" + (from - head) + " characters left out]... " + s.substring(from);
  }

  /** A quoted string with its length in code points, abbreviated, invisible characters escaped. */
  public static String quote(@Nullable String s) {
    if (s == null) {
      return "null";
    }
    return "\"" + escape(abbreviate(s, 80)) + "\" (" + s.codePointCount(0, s.length()) + " code points)";
  }

  /**
   * {@code s} with line breaks, tabs and other invisible characters (controls, format characters such as
   * U+FEFF, line and paragraph separators, lone surrogates) written as escapes, so a message stays on one
   * line and shows what is really there.
   */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          int type = Character.getType(cp);
          if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
            sb.append(String.format("\\u%04X", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.toString();
  }
}

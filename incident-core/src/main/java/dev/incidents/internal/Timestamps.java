package dev.incidents.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 date-times as the contract reads and writes them: read with any offset, written in UTC with
 * exactly three fraction digits ({@code 2023-01-01T12:00:00.000Z}).
 */
public final class Timestamps {

  /** The reason given when a string is not an acceptable date-time. */
  public static final String EXPECTED =
      "must be an RFC 3339 date-time with offset, such as 2023-01-01T12:00:00.000Z or 2023-01-01T13:00:00+01:00";

  // RFC 3339 section 5.6: full-date "T" full-time; "T" and "Z" may be lower case. Fractions up to
  // nanoseconds; offsets to the minute. Leap seconds (":60") are not accepted.
  private static final Pattern RFC_3339 = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})[Tt](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([Zz]|[+-]\\d{2}:\\d{2})");

  private static final DateTimeFormatter OUTPUT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /**
   * Parses an RFC 3339 date-time with offset, truncated to milliseconds.
   *
   * @throws IllegalArgumentException with {@link #EXPECTED} as the message if it is not one
   */
  public static Instant parse(String text) {
    Matcher m = RFC_3339.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(EXPECTED);
    }
    String offset = m.group(3).equalsIgnoreCase("z") ? "Z" : m.group(3);
    try {
      return OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + offset).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(EXPECTED, e);
    }
  }

  /** Formats an instant as {@code YYYY-MM-DDTHH:MM:SS.sssZ}. */
  public static String format(Instant instant) {
    return OUTPUT.format(instant);
  }
}

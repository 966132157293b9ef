package dev.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.testing.Theories;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource({
      "2023-01-01T12:00:00.000Z, 2023-01-01T12:00:00Z",
      "2023-01-01T13:00:00+01:00, 2023-01-01T12:00:00Z",
      "2023-01-01t12:00:00z, 2023-01-01T12:00:00Z",
      "2023-01-01T12:00:00.1234567-00:30, 2023-01-01T12:30:00.123Z",
      "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z"})
  void acceptsRfc3339WithOffsetAndKeepsMilliseconds(String text, Instant expected) {
    assertThat(Timestamps.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-01-01", "2023-01-01T12:00:00", "2023-01-01 12:00:00Z", "2023-01-01T12:00Z",
      "2023-01-01T12:00:00+0100", "2023-01-01T12:00:00+01", "2023-02-30T00:00:00Z", "2023-01-01T12:00:60Z",
      "2023-01-01T12:00:00.Z", "2023-01-01T12:00:00.1234567890Z", "+12023-01-01T12:00:00Z", "yesterday"})
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Timestamps.EXPECTED);
  }

  @ParameterizedTest
  @CsvSource({"2023-01-01T12:00:00Z, 2023-01-01T12:00:00.000Z", "2023-01-01T12:00:00.5Z, 2023-01-01T12:00:00.500Z"})
  void formatsInUtcWithThreeFractionDigits(Instant instant, String expected) {
    assertThat(Timestamps.format(instant)).isEqualTo(expected);
  }

  // The first implementation, kept as the oracle of the hand-written one: the pattern, then java.time's parser.
  private static final Pattern RFC_3339 = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})[Tt](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([Zz]|[+-]\\d{2}:\\d{2})");
  private static final DateTimeFormatter OUTPUT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static Instant oracleParse(String text) {
    Matcher m = RFC_3339.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String offset = m.group(3).equalsIgnoreCase("z") ? "Z" : m.group(3);
    try {
      return OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + offset).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Date-times near the valid range in every field: out-of-range months, days, hours, seconds and offsets. */
  private static final Gen<String> DATE_TIMES = SourceDSL.integers().between(0, 9999)
      .zip(SourceDSL.integers().between(0, 13), SourceDSL.integers().between(0, 32), (y, mo, d) -> new int[] {y, mo, d})
      .zip(SourceDSL.integers().between(0, 24), SourceDSL.integers().between(0, 60), SourceDSL.integers().between(0, 60),
          (date, h, mi, s) -> String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", date[0], date[1], date[2], h, mi, s))
      .zip(SourceDSL.integers().between(0, 9), SourceDSL.integers().between(0, 999_999_999),
          (dt, digits, fraction) -> digits == 0 ? dt : dt + "." + String.format(Locale.ROOT, "%09d", fraction).substring(0, digits))
      .zip(SourceDSL.integers().between(-1, 20), SourceDSL.integers().between(0, 60), SourceDSL.booleans().all(),
          (dt, hours, minutes, plus) -> dt + (hours < 0 ? (plus ? "Z" : "z")
              : String.format(Locale.ROOT, "%s%02d:%02d", plus ? "+" : "-", hours, minutes)));

  @Test
  void parsesExactlyAsJavaTimeDoes() {
    Theories.qt().withExamples(Theories.EXAMPLES * 100).forAll(DATE_TIMES).checkAssert(text -> {
      Instant expected = oracleParse(text);
      if (expected == null) {
        assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
      } else {
        assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
      }
    });
  }

  @Test
  void formatsExactlyAsJavaTimeDoes() {
    // From before year 0 to after year 9999, where format falls back to java.time.
    Theories.qt().withExamples(Theories.EXAMPLES * 100)
        .forAll(SourceDSL.longs().between(-62_167_219_200_000L - 100_000_000_000L, 253_402_300_800_000L + 100_000_000_000L))
        .checkAssert(millis -> {
          Instant instant = Instant.ofEpochMilli(millis);
          assertThat(Timestamps.format(instant)).isEqualTo(OUTPUT.format(instant));
        });
  }

  /** The pieces date-times are made of, right and wrong, so that joined they make near misses of every kind. */
  private static final Gen<String> SYNTAX_LIKE = SourceDSL.lists().of(org.quicktheories.generators.Generate.pick(
          java.util.List.of("2023-01-01", "2023-01-0", "T", "t", " ", "12:00:00", "12:00", ".", "5", "123456789",
              "Z", "z", "+01:00", "-00:30", "+0100", "-", ":", "0", "\u0663", "x")))
      .ofSizeBetween(1, 7).map(parts -> String.join("", parts));

  @Test
  void theSyntaxIsExactlyThePatterns() {
    Theories.qt().withExamples(Theories.EXAMPLES * 100).forAll(SYNTAX_LIKE).checkAssert(text ->
        assertThat(Timestamps.wellFormed(text)).as(text).isEqualTo(RFC_3339.matcher(text).matches()));
    assertThat(Timestamps.wellFormed("2023-01-01T12:00:00.123456789+01:00")).isTrue();
    assertThat(Timestamps.wellFormed("2023-01-01T12:00:00.1234567890Z")).isFalse();
  }
}


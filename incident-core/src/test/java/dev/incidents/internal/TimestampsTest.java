package dev.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
}

package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRecordTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", // SHA-256 hex, stored as 32 bytes
      "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", // upper case must come back upper case
      "not a digest ✓", ""})
  void roundTrips(String fingerprint) {
    KeyRecord record = new KeyRecord(Long.MAX_VALUE - 7, fingerprint);

    assertThat(KeyRecord.decode(record.encode())).isEqualTo(record);
  }

  @Test
  void storesADigestInFortyOneBytes() {
    assertThat(new KeyRecord(1, "ab".repeat(32)).encode()).hasSize(41);
  }

  @Test
  void rejectsBytesItDidNotWrite() {
    assertThatThrownBy(() -> KeyRecord.decode(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an idempotency key record");
  }
}

package dev.incidents.store.mapdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What the store records under an idempotency key: the number of the incident the key created and the
 * fingerprint of its request. Stored as bytes, so the file depends on no class of this library, and kept
 * small, because every keyed create rewrites a B-tree leaf full of them: a kind byte, the number (8 bytes,
 * big-endian), then the fingerprint, as 32 bytes when it is 64 lowercase hex digits (a SHA-256, as the
 * service makes them) and as UTF-8 otherwise.
 *
 * @param number the incident's number
 * @param fingerprint the fingerprint recorded with the key
 */
record KeyRecord(long number, String fingerprint) {

  private static final byte SHA256_HEX = 1;
  private static final byte TEXT = 2;
  private static final int HEADER = 1 + Long.BYTES;
  private static final HexFormat HEX = HexFormat.of();

  byte[] encode() {
    boolean sha256Hex = fingerprint.length() == 64
        && fingerprint.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    byte[] bytes = sha256Hex ? HEX.parseHex(fingerprint) : fingerprint.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(HEADER + bytes.length).put(sha256Hex ? SHA256_HEX : TEXT).putLong(number).put(bytes)
        .array();
  }

  /**
   * The record {@link #encode()} wrote.
   *
   * @throws IllegalArgumentException if {@code bytes} are not such a record
   */
  static KeyRecord decode(byte[] bytes) {
    if (bytes.length >= HEADER) {
      long number = ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
      if (bytes[0] == SHA256_HEX && bytes.length == HEADER + 32) {
        return new KeyRecord(number, HEX.formatHex(bytes, HEADER, bytes.length));
      }
      if (bytes[0] == TEXT) {
        return new KeyRecord(number, new String(bytes, HEADER, bytes.length - HEADER, StandardCharsets.UTF_8));
      }
    }
    throw new IllegalArgumentException("not an idempotency key record: " + HEX.formatHex(bytes));
  }
}

package dev.incidents.store.mapdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the store records under an idempotency key: the number of the incident the key created and the
 * fingerprint of its request. Stored as bytes (8-byte big-endian number, then the fingerprint in UTF-8) so
 * the file depends on no class of this library.
 *
 * @param number the incident's number
 * @param fingerprint the fingerprint recorded with the key
 */
record KeyRecord(long number, String fingerprint) {

  byte[] encode() {
    byte[] fingerprintBytes = fingerprint.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Long.BYTES + fingerprintBytes.length).putLong(number).put(fingerprintBytes).array();
  }

  static KeyRecord decode(byte[] bytes) {
    if (bytes.length < Long.BYTES) {
      throw new IllegalStateException("an idempotency key record of " + bytes.length + " bytes is too short");
    }
    return new KeyRecord(ByteBuffer.wrap(bytes).getLong(),
        new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8));
  }
}

package dev.incidents.store.mapdb;

import dev.incidents.spi.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * How the store keeps an event in {@value Database#EVENTS}: the tenant's length (one byte), the tenant in
 * ASCII, then the payload exactly as given. The sequence is the key.
 */
final class EventRecord {

  private EventRecord() {}

  static byte[] encode(String tenant, byte[] payload) {
    byte[] name = tenant.getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[1 + name.length + payload.length];
    bytes[0] = (byte) name.length;
    System.arraycopy(name, 0, bytes, 1, name.length);
    System.arraycopy(payload, 0, bytes, 1 + name.length, payload.length);
    return bytes;
  }

  /**
   * The event {@link #encode} wrote under {@code sequence}.
   *
   * @throws IllegalArgumentException if {@code bytes} are not such a record
   */
  static StoredEvent decode(long sequence, byte[] bytes) {
    int length = bytes.length == 0 ? 0 : bytes[0] & 0xff;
    if (length < 1 || length > 64 || bytes.length < 1 + length) {
      throw new IllegalArgumentException("event " + sequence + " is not an event record: "
          + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64)));
    }
    String tenant = new String(bytes, 1, length, StandardCharsets.US_ASCII);
    return new StoredEvent(sequence, tenant, Arrays.copyOfRange(bytes, 1 + length, bytes.length));
  }
}

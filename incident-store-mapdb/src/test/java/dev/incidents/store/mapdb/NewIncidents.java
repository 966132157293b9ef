package dev.incidents.store.mapdb;

import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.NewIncident;
import java.nio.charset.StandardCharsets;

/** Incidents to create in tests: small JSON documents that say which request they came from. */
final class NewIncidents {

  private NewIncidents() {}

  /** A document naming its number and {@code text}. */
  static DocumentRenderer renderer(String text) {
    return number -> document(number, text);
  }

  static byte[] document(long number, String text) {
    return ("{\"display_id\":\"INC-" + number + "\",\"title\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  static NewIncident incident(String tenant, String text) {
    return new NewIncident(tenant, null, null, renderer(text));
  }

  static NewIncident keyed(String tenant, String key, String text) {
    return new NewIncident(tenant, key, fingerprint(text), renderer(text));
  }

  /** A 64-hex-digit fingerprint that differs for different texts. */
  static String fingerprint(String text) {
    return String.format("%064x", text.hashCode() & 0xffffffffL);
  }
}

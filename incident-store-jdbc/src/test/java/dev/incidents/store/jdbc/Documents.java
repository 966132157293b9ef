package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.NewIncident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Documents and incidents for the store's own tests. */
final class Documents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Documents() {}

  /** A renderer whose document names the number and a label, as the service's documents do. */
  static DocumentRenderer labelled(String label) {
    return number -> ("{\"display_id\":\"INC-" + number + "\",\"label\":\"" + label + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static NewIncident incident(String tenant, String label) {
    return new NewIncident(tenant, null, null, labelled(label));
  }

  static NewIncident keyed(String tenant, String key, String label) {
    return new NewIncident(tenant, key, fingerprint(label), labelled(label));
  }

  /** A 64-character fingerprint derived from a label. */
  static String fingerprint(String label) {
    return String.format("%064x", label.hashCode() & 0xffffffffL);
  }

  static JsonNode tree(byte[] document) {
    try {
      return JSON.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the documents say the same as JSON (a store may normalize key order and white space). */
  static void assertSameJson(byte[] actual, byte[] expected) {
    assertThat(tree(actual)).isEqualTo(tree(expected));
  }
}

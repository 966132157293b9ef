package dev.incidents.store.jdbc;

import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.NewIncident;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Documents and incidents for the store's own tests. */
final class Documents {

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

  /**
   * The document as a JSON tree, for comparisons: PostgreSQL keeps documents as jsonb, which reorders keys
   * and white space, so documents are compared by what they say, not byte for byte.
   */
  static JsonNode tree(byte[] document) {
    try {
      return JSON.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A 64-character fingerprint derived from a label. */
  static String fingerprint(String label) {
    return String.format("%064x", label.hashCode() & 0xffffffffL);
  }
}

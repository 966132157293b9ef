package dev.incidents.store.jdbc;

import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.NewIncident;
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

  /** A 64-character fingerprint derived from a label. */
  static String fingerprint(String label) {
    return String.format("%064x", label.hashCode() & 0xffffffffL);
  }
}

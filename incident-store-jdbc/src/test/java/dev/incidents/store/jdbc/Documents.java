package dev.incidents.store.jdbc;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.function.LongFunction;

/** Documents and incidents for the store's own tests. */
final class Documents {

  private Documents() {}

  /** Facets for tests that do not filter: stage and state 1, one creator, fixed dates. */
  static final IncidentFacets FACETS = new IncidentFacets(null, null, 1, 1, Set.of(), Set.of(),
      "don:identity:dvrv-us-1:devo/1:devu/1", null, Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-01-01T00:00:00Z"), null, null);

  /** A renderer whose document names the number and a label, as the service's documents do. */
  static DocumentRenderer labelled(String label) {
    return rendering(number -> ("{\"display_id\":\"INC-" + number + "\",\"label\":\"" + label + "\"}")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** A renderer of the documents {@code documents} gives, with {@link #FACETS} and no event. */
  static DocumentRenderer rendering(LongFunction<byte[]> documents) {
    return number -> new RenderedIncident(documents.apply(number), FACETS, null);
  }

  /** The incident a create stored or replayed. */
  static StoredIncident stored(CreateResult result) {
    if (result instanceof CreateResult.Created created) {
      return created.incident();
    }
    if (result instanceof CreateResult.Replayed replayed) {
      return replayed.incident();
    }
    throw new AssertionError("replayed a deleted incident: " + result);
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

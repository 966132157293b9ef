package dev.incidents.store.mapdb;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DocumentRenderer;
import dev.incidents.spi.IncidentFacets;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Incidents to create in tests: small JSON documents that say which request they came from. */
final class NewIncidents {

  /** The facets of an incident no filter singles out: no severity, stage 1, state 1. */
  static final IncidentFacets PLAIN = facets(null, "don:identity:local:devo/t:devu/1");

  private NewIncidents() {}

  /** Facets with a severity and owners, the rest plain. */
  static IncidentFacets facets(@Nullable Long severity, String... owners) {
    return new IncidentFacets(severity, null, 1, 1, Set.of(owners), Set.of(), "don:identity:local:devo/t:devu/1",
        null, Instant.EPOCH, Instant.EPOCH, null, null);
  }

  /** A document naming its number and {@code text}, with {@link #PLAIN} facets and no event. */
  static DocumentRenderer renderer(String text) {
    return number -> rendered(number, text);
  }

  static RenderedIncident rendered(long number, String text) {
    return rendered(document(number, text));
  }

  /** {@code document} with {@link #PLAIN} facets and no event. */
  static RenderedIncident rendered(byte[] document) {
    return new RenderedIncident(document, PLAIN, null);
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

  /** The incident a create stored. */
  static StoredIncident created(CreateResult result) {
    if (result instanceof CreateResult.Created created) {
      return created.incident();
    }
    throw new AssertionError("expected a new incident, got " + result);
  }

  /** The first page of {@code limit}, newest first, below {@code before}. */
  static ListQuery below(long before, int limit) {
    return ListQuery.newest(limit).after(before);
  }
}

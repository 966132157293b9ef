package dev.incidents.bench;

import dev.incidents.Incidents;
import dev.incidents.JsonEndpoint;
import dev.incidents.JsonReply;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.RequestContext;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.RenderedIncident;
import java.nio.charset.StandardCharsets;

/** The typical request every benchmark sends, and the document it becomes (about 1 KB of JSON). */
final class Requests {

  static final String TENANT = "bench";
  static final String ACTOR = "DEVU-1";
  static final RequestContext CONTEXT = RequestContext.of(TENANT, ACTOR);

  /** A request with the fields a real incident usually has. */
  static final byte[] TYPICAL = ("""
      {"title": "Checkout fails for EU customers with saved cards",
       "body": "%s",
       "severity": 1, "reported_by": 2,
       "identified_date": "2024-05-01T09:30:00+02:00", "acknowledged_date": "2024-05-01T07:35:00Z",
       "owned_by": ["DEVU-12"], "stakeholders": ["DEVU-3", "DEVU-7", "REVU-41"],
       "applies_to_parts": ["PROD-2", "FEAT-17"], "impacted_customers": ["ACC-1203", "ACC-88"],
       "impact": {"count": 1200},
       "stage": {"stage": "identified", "notes": "payment provider returns 502 for 3DS"},
       "tags": [{"tag_id": "TAG-4", "value": "p1"}, {"tag_id": "TAG-9"}],
       "target_close_date": "2024-05-02T00:00:00Z"}""")
      .formatted("Card payments fail after the 3DS redirect. ".repeat(8))
      .getBytes(StandardCharsets.UTF_8);

  /** What the service gives a store for the typical request: its document and the facets it is listed by. */
  static final RenderedIncident RENDERED = rendered(TYPICAL);

  /** The document the typical request becomes: what raw baselines write, byte for byte. */
  static final byte[] DOCUMENT = RENDERED.document();

  private Requests() {}

  /** The body of a successful reply; a failed one fails the benchmark rather than being measured. */
  static byte[] expectSuccess(JsonReply reply) {
    if (!reply.isSuccess()) {
      throw new IllegalStateException("the benchmark's request failed: " + reply.status() + " " + reply.bodyText());
    }
    return reply.body();
  }

  /** Creates the typical incident through {@code json} and returns its id. */
  static String create(JsonEndpoint json) {
    return IncidentJson.readIncident(expectSuccess(json.create(TENANT, ACTOR, TYPICAL, null))).id();
  }

  /**
   * The document and facets the service renders for {@code request} (the store's view of a create), taken
   * from a store that records what it is given.
   */
  static RenderedIncident rendered(byte[] request) {
    RenderedIncident[] captured = new RenderedIncident[1];
    IncidentStore capturing = new ForwardingIncidentStore(new InMemoryIncidentStore()) {
      @Override
      public CreateResult create(NewIncident incident) {
        return super.create(new NewIncident(incident.tenant(), incident.idempotencyKey(), incident.fingerprint(),
            number -> captured[0] = incident.render(number)));
      }
    };
    expectSuccess(Incidents.builder().store(capturing).build().json().create(TENANT, ACTOR, request, null));
    return captured[0];
  }

}

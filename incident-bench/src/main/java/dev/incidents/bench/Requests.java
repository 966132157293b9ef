package dev.incidents.bench;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.JsonReply;
import dev.incidents.json.IncidentJson;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.RequestContext;
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

  /** The document the typical request becomes: what raw baselines write, byte for byte. */
  static final byte[] DOCUMENT = document();

  private Requests() {}

  /** The body of a successful reply; a failed one fails the benchmark rather than being measured. */
  static byte[] expectSuccess(JsonReply reply) {
    if (!reply.isSuccess()) {
      throw new IllegalStateException("the benchmark's request failed: " + reply.status() + " " + reply.bodyText());
    }
    return reply.body();
  }

  private static byte[] document() {
    IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();
    Incident incident = IncidentJson.readIncident(service.json().create(TENANT, ACTOR, TYPICAL, null).body());
    return IncidentJson.writeIncidentObject(incident);
  }
}

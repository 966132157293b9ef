package dev.incidents;

import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.RequestContext;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.StoredIncident;
import dev.incidents.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A service over a fresh in-memory store with a clock at {@code Generators.NOW}. */
final class Fixture {

  static final String TENANT = "acme";
  static final RequestContext SYS = RequestContext.of(TENANT, "SYSU-1");
  static final RequestContext DEV = RequestContext.of(TENANT, "DEVU-1");

  final MutableClock clock = MutableClock.atGeneratorsNow();
  final InMemoryIncidentStore store = new InMemoryIncidentStore();
  final IncidentService service = Incidents.builder().store(store).clock(clock).build();

  /** Creates through the JSON endpoint as the sys user. */
  JsonReply createJson(String json) {
    return service.json().create(TENANT, "SYSU-1", json.getBytes(StandardCharsets.UTF_8), null);
  }

  /** How many incidents the tenant has. */
  int count(String tenant) {
    int count = 0;
    for (ListQuery page = ListQuery.newest(1000); ; ) {
      List<StoredIncident> incidents = store.list(tenant, page);
      count += incidents.size();
      if (incidents.size() < page.limit()) {
        return count;
      }
      page = page.after(incidents.get(incidents.size() - 1).number());
    }
  }
}

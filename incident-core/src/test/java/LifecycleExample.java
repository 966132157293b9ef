import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentFilter;
import dev.incidents.model.IncidentUpdateRequest;
import dev.incidents.model.ListRequest;
import dev.incidents.model.RequestContext;
import dev.incidents.model.SortOrder;
import dev.incidents.model.VersionedIncident;

public class LifecycleExample {
  public static void main(String[] args) {
    IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();
    RequestContext acme = RequestContext.of("acme", "DEVU-1");
    Incident checkout = service.create(acme, IncidentCreateRequest.builder()
        .title("Checkout is down").severity(0L).ownedBy("DEVU-7").build());
    service.create(acme, IncidentCreateRequest.builder().title("Search is slow").severity(2L).build());

    // Created at stage acknowledged. Fields not named stay as they are; stages move along the diagram.
    VersionedIncident identified = service.update(acme,
        IncidentUpdateRequest.builder(checkout.id()).stage("identified").build());
    System.out.println(identified.incident().stage().stage().name() + " v" + identified.version()); // identified v2

    // An update with a precondition fails with a ConflictException if someone changed it meanwhile.
    VersionedIncident mitigated = service.update(acme,
        IncidentUpdateRequest.builder(checkout.id()).stage("mitigated").build(), identified.version());
    System.out.println(mitigated.incident().stage().stage().name() + " v" + mitigated.version()); // mitigated v3

    // Sev0 and Sev1 incidents in progress owned by DEVU-7, oldest first: served by the store's indexes.
    IncidentFilter mine = IncidentFilter.builder().severity(0L, 1L).state("in_progress").ownedBy("DEVU-7").build();
    for (Incident incident : service.list(acme, ListRequest.first(mine, SortOrder.OLDEST_FIRST, 20)).incidents()) {
      System.out.println(incident.displayId() + " " + incident.title()); // INC-1 Checkout is down
    }

    service.delete(acme, checkout.id()); // gone from get and list; INC-1 is never used again
    System.out.println(service.list(acme).incidents().size()); // 1
  }
}

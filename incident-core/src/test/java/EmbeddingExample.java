import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.JsonReply;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.RequestContext;
import java.nio.charset.StandardCharsets;

public class EmbeddingExample {
  public static void main(String[] args) {
    IncidentService service = Incidents.builder()
        .store(new InMemoryIncidentStore())   // or IncidentStores.open("mapdb:./incidents.db"): see below
        .build();
    RequestContext acme = RequestContext.of("acme", "DEVU-1");
    Incident incident = service.create(acme, IncidentCreateRequest.builder()
        .title("Checkout is down").severity(1L).ownedBy("DEVU-1").build());
    System.out.println(incident.displayId() + " " + incident.severity().label());   // INC-1 Sev1

    byte[] body = "{\"title\": \"Payments are slow\"}".getBytes(StandardCharsets.UTF_8); // from HTTP
    JsonReply reply = service.json().create("acme", "DEVU-1", body, "retry-key-42");
    System.out.println(reply.status() + " " + reply.bodyText());   // 201 {"incident":{...
  }
}

package dev.incidents;

import dev.incidents.model.RequestContext;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedding example of README.md compiles, runs, and is the same text as in the README. */
class ReadmeExampleTest {

  @Test
  void theEmbeddingExampleRuns() {
    // README:begin
    IncidentService service = Incidents.builder()
        .store(new InMemoryIncidentStore())            // or IncidentStores.open("mapdb:./incidents.db")
        .build();
    RequestContext acme = RequestContext.of("acme", "DEVU-1");
    Incident incident = service.create(acme, IncidentCreateRequest.builder()
        .title("Checkout is down").severity(1L).ownedBy("DEVU-1").build());
    System.out.println(incident.displayId() + " " + incident.severity().label());   // INC-1 Sev1

    byte[] body = "{\"title\": \"Payments are slow\"}".getBytes(StandardCharsets.UTF_8); // from HTTP
    JsonReply reply = service.json().create("acme", "DEVU-1", body, "retry-key-42");
    System.out.println(reply.status() + " " + reply.bodyText());                 // 201 {"incident":{...
    // README:end
    assertThat(incident.displayId()).isEqualTo("INC-1");
    assertThat(incident.severity().label()).isEqualTo("Sev1");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.bodyText()).startsWith("{\"incident\":{\"id\":\"don:core:local:devo/acme:incident/2\"");
  }

  @Test
  void theReadmeShowsExactlyThisExample() throws IOException {
    List<String> source = Files.readAllLines(Path.of("src/test/java/dev/incidents/ReadmeExampleTest.java"));
    int begin = source.indexOf("    // README:begin");
    int end = source.indexOf("    // README:end");
    String example = String.join("\n", source.subList(begin + 1, end).stream().map(line -> line.isEmpty() ? line : line.substring(4)).toList());
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).as("README.md must show the example of this test, verbatim").contains(example);
  }
}

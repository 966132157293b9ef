package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.catalog.Catalog;
import dev.incidents.catalog.Catalogs;
import dev.incidents.catalog.StageDiagram;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.model.Incident;
import dev.incidents.reference.ObjectType;
import dev.incidents.reference.Reference;
import dev.incidents.reference.ReferenceResolver;
import dev.incidents.reference.Resolution;
import dev.incidents.schema.RegisteredFragment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/CUSTOMIZATION.md: the declarations and requests are read from the document,
 * and the Java code is this test's, shown there verbatim.
 */
class CustomizationExampleTest {

  private static final Path DOC = Path.of("../docs/CUSTOMIZATION.md");

  /** The {@code n}-th fenced block of a language in the document. */
  private static String block(String language, int n) throws IOException {
    String doc = Files.readString(DOC);
    int at = -1;
    for (int i = 0; i <= n; i++) {
      at = doc.indexOf("```" + language + "\n", at + 1);
    }
    int start = at + language.length() + 4;
    return doc.substring(start, doc.indexOf("```", start));
  }


  @Test
  void theWorkedExampleRuns() throws IOException {
    byte[] declarations = block("json", 0).getBytes(StandardCharsets.UTF_8);
    byte[] request = block("json", 1).getBytes(StandardCharsets.UTF_8);
    // CUSTOMIZATION:begin
    StageDiagram triage = StageDiagram.builder()
        .state(1, "open", false).state(2, "closed", true)
        .stage(1, "triage", "open").stage(2, "fixing", "open").stage(3, "done", "closed")
        .start("triage")
        .build();
    ReferenceResolver directory = (context, references) -> {
      Resolution.Builder resolution = Resolution.builder();
      for (Reference reference : references) {
        if (reference.number() >= 1000) {
          resolution.unknown(reference);                 // rejected with invalid_id
        } else if (reference.type() == ObjectType.TAG) {
          resolution.name(reference, "customer-facing"); // shown as the tag's name
        }
      }
      return resolution.build();
    };
    IncidentService service = Incidents.builder()
        .store(new InMemoryIncidentStore())
        .catalogs("acme", Catalogs.defaults().withSeverity(Catalog.of("Low", "Medium", "High", "Critical")))
        .stageDiagram("acme", triage)
        .referenceResolver(directory)
        .build();
    List<RegisteredFragment> fragments = service.schemas().register("acme", declarations);
    JsonReply reply = service.json().create("acme", "DEVU-1", request, null);
    // CUSTOMIZATION:end
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
    assertThat(fragments).hasSize(2);
    String body = reply.bodyText();
    for (String expected : block("json", 2).lines().map(String::strip).filter(l -> l.startsWith("\"")).toList()) {
      assertThat(body).as("the response shown in the document").contains(expected.replaceAll(",$", "").replace(": ", ":").replace(", ", ","));
    }
    Incident incident = dev.incidents.json.IncidentJson.readIncident(reply.body());
    assertThat(incident.severity().label()).isEqualTo("Critical");
    assertThat(incident.stage().stage().name()).isEqualTo("fixing");
    assertThat(incident.tags().get(0).tag().name()).isEqualTo("customer-facing");
    JsonReply unknown = service.json().create("acme", "DEVU-1",
        "{\"title\": \"t\", \"owned_by\": [\"DEVU-1000\"]}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(unknown.bodyText()).contains("invalid_id").contains("owned_by[0]");
  }

  @Test
  void theDocumentShowsExactlyThisCode() throws IOException {
    String code = DocExamples.between(Path.of("src/test/java/dev/incidents/CustomizationExampleTest.java"),
        "CUSTOMIZATION:begin", "CUSTOMIZATION:end");
    assertThat(Files.readString(DOC)).contains(code);
  }
}

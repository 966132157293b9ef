package dev.incidents.json;

import dev.incidents.JsonReply;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.ListQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.IncidentService;
import dev.incidents.Incidents;
import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonEndpointBatchTest {

  private static List<byte[]> bodies(String... json) {
    return Arrays.stream(json).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Test
  void eachBodyIsAnsweredAsASingleCreateWouldBe() {
    IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();
    List<JsonReply> replies = service.json().createAll("acme", "DEVU-1",
        bodies("{\"title\": \"a\"}", "{\"title\": 5, \"severity\": 9}", "{\"title\": \"c\"}", "{\"title\": \"a\"}"),
        Arrays.asList("k1", null, "k3", "k1"));
    assertThat(replies).extracting(JsonReply::status).containsExactly(201, 400, 201, 201);
    assertThat(replies.get(1).bodyText()).contains("\"title\"").contains("\"severity\"");
    assertThat(replies.get(1)).isEqualTo(service.json().create("acme", "DEVU-1", bodies("{\"title\": 5, \"severity\": 9}").get(0), null));
    assertThat(replies.get(3).bodyText()).isEqualTo(replies.get(0).bodyText());
    assertThat(service.list(dev.incidents.model.RequestContext.of("acme", "DEVU-1")).incidents()).hasSize(2);
  }

  @Test
  void aBadContextAnswersEveryBody() {
    IncidentService service = Incidents.builder().store(new InMemoryIncidentStore()).build();
    assertThat(service.json().createAll("bad tenant", "DEVU-1", bodies("{\"title\": \"a\"}", "{}"), null))
        .extracting(JsonReply::status).containsExactly(400, 400);
  }

  @Test
  void aStoreFailureAnswers503FromWhereItFailed() {
    InMemoryIncidentStore memory = new InMemoryIncidentStore();
    IncidentStore failsOnThird = new ForwardingIncidentStore(memory) {

      @Override
      public List<CreateResult> createAll(List<NewIncident> incidents) {
        List<CreateResult> done = new ArrayList<>();
        for (NewIncident incident : incidents) {
          if (done.size() == 2) {
            throw new BatchFailedException(done, new IllegalStateException("disk full"));
          }
          done.add(memory.create(incident));
        }
        return done;
      }
    };
    IncidentService service = Incidents.builder().store(failsOnThird).build();
    List<JsonReply> replies = service.json().createAll("acme", "DEVU-1",
        bodies("{\"title\": \"a\"}", "{}", "{\"title\": \"b\"}", "{\"title\": \"c\"}", "{\"title\": \"d\"}"), null);
    assertThat(replies).extracting(JsonReply::status).containsExactly(201, 400, 201, 503, 503);
    assertThat(replies.get(3).bodyText()).contains("disk full");
  }
}

package dev.incidents.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.model.Incident;
import dev.incidents.model.IncidentCreateRequest;
import dev.incidents.model.IncidentPage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentJsonTest {

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void nullMeansAbsentAndEmptyListsAreAbsent() {
    IncidentCreateRequest request = IncidentJson.readCreateRequest(
        "{\"title\": \"t\", \"body\": null, \"owned_by\": [], \"impact\": null}");
    assertThat(request).isEqualTo(IncidentCreateRequest.builder().title("t").build());
    assertThat(text(IncidentJson.writeCreateRequest(request))).isEqualTo("{\"title\":\"t\"}");
  }

  @Test
  void requestsAreWrittenCanonically() {
    IncidentCreateRequest request = IncidentCreateRequest.builder().title("t")
        .customFields(Map.of("b", 1L, "a", Map.of("d", true, "c", List.of(1.5, "x")))).build();
    assertThat(text(IncidentJson.writeCreateRequest(request)))
        .isEqualTo("{\"title\":\"t\",\"custom_fields\":{\"a\":{\"c\":[1.5,\"x\"],\"d\":true},\"b\":1}}");
  }

  @Test
  void doublesAreWrittenInPlainNotationWithAFraction() {
    IncidentCreateRequest request = IncidentCreateRequest.builder().title("t")
        .customFields(Map.of("a", List.of(1.5e7, 1e-7, 3.0, -2.5e300, 0.1))).build();
    String json = text(IncidentJson.writeCreateRequest(request));
    assertThat(json).contains("[15000000.0,0.0000001,3.0,-25" + "0".repeat(299) + ".0,0.1]").doesNotContain("E");
    assertThat(IncidentJson.readCreateRequest(json)).isEqualTo(request);
  }

  @Test
  void responsesAreReadTolerantlyButCompletely() {
    String json = "{\"incident\": {\"id\": \"don:core:local:devo/a:incident/3\", \"display_id\": \"INC-3\", "
        + "\"title\": \"t\", \"created_date\": \"2024-01-01T12:00:00.000Z\", \"added_by_a_newer_version\": 1}}";
    Incident incident = IncidentJson.readIncident(json.getBytes(StandardCharsets.UTF_8));
    assertThat(incident.number()).isEqualTo(3);
    assertThat(incident.createdDate()).hasToString("2024-01-01T12:00:00Z");
    assertThat(incident.ownedBy()).isEmpty();
  }

  @Test
  void anEmptyPageStillHasItsArray() {
    assertThat(text(IncidentJson.writePage(new IncidentPage(List.of(), null)))).isEqualTo("{\"incidents\":[]}");
    assertThat(IncidentJson.readPage("{\"incidents\":[],\"next_cursor\":\"abc\"}".getBytes(StandardCharsets.UTF_8))
        .nextCursor()).isEqualTo("abc");
  }

  /**
   * Writes go through a buffer each thread keeps: documents from empty to well past the size it keeps (64 KB)
   * come out exactly as the JSON library writes them by itself, in an order that grows, drops and reuses it.
   */
  @Test
  void writesOfEverySizeAreTheLibrarysBytes() throws Exception {
    for (int size : new int[] {0, 10, 8 * 1024, 20_000, 70 * 1024, 5, 300 * 1024, 0, 9_000}) {
      IncidentCreateRequest request = IncidentCreateRequest.builder().title("t")
          .customFields(Map.of("text", "\u00e9x".repeat(size / 3))).build();
      assertThat(IncidentJson.writeCreateRequest(request)).as("size %d", size)
          .isEqualTo(JsonMappers.CANONICAL_WRITER.writeValueAsBytes(request));
    }
  }
}


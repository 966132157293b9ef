package dev.incidents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark's client against the benchmark's own server: replies in turn on one connection, whole. */
class KeepAliveClientTest {

  @Test
  void readsEachReplyWholeOnOneConnection() throws Exception {
    HttpCreateBenchmark benchmark = new HttpCreateBenchmark();
    benchmark.store = "memory";
    benchmark.start();
    try {
      HttpCreateBenchmark.Client client = new HttpCreateBenchmark.Client();
      client.connect(benchmark);
      try {
        for (int number = 1; number <= 3; number++) {
          assertThat(benchmark.http(client)).isEqualTo(client.connection.bodyText().getBytes(StandardCharsets.UTF_8).length);
          assertThat(client.connection.bodyText()).contains("\"display_id\":\"INC-" + number + "\"").endsWith("}");
        }
      } finally {
        client.disconnect();
      }
      try (KeepAliveClient stranger = new KeepAliveClient("127.0.0.1", benchmark.port(), "POST", "/incidents.create",
          Requests.TYPICAL, "Authorization: Bearer not-a-token", "Content-Type: application/json")) {
        assertThat(stranger.send()).isEqualTo(401);
        assertThat(stranger.bodyText()).contains("\"type\"").endsWith("}");
        assertThat(stranger.send()).isEqualTo(401);
      }
    } finally {
      benchmark.stop();
    }
  }
}

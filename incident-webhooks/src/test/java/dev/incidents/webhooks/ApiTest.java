package dev.incidents.webhooks;

import dev.incidents.testing.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exported API of incident-webhooks is the one listed in api/incident-webhooks.api (see ApiListing). */
class ApiTest {

  @Test
  void theExportedApiIsTheListedOne() {
    ApiListing.check(Path.of("target/classes"), Path.of("api/incident-webhooks.api"));
  }
}

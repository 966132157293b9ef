package dev.incidents;

import dev.incidents.testing.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exported API of incident-core is the one listed in api/incident-core.api (see ApiListing). */
class ApiTest {

  @Test
  void theExportedApiIsTheListedOne() {
    ApiListing.check(Path.of("target/classes"), Path.of("api/incident-core.api"));
  }
}

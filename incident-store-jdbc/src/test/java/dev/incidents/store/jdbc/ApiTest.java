package dev.incidents.store.jdbc;

import dev.incidents.testing.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exported API of incident-store-jdbc is the one listed in api/incident-store-jdbc.api (see ApiListing). */
class ApiTest {

  @Test
  void theExportedApiIsTheListedOne() {
    ApiListing.check(Path.of("target/classes"), Path.of("api/incident-store-jdbc.api"));
  }
}

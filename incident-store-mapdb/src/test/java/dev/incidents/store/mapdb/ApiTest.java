package dev.incidents.store.mapdb;

import dev.incidents.testing.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exported API of incident-store-mapdb is the one listed in api/incident-store-mapdb.api (see ApiListing). */
class ApiTest {

  @Test
  void theExportedApiIsTheListedOne() {
    ApiListing.check(Path.of("target/classes"), Path.of("api/incident-store-mapdb.api"));
  }
}

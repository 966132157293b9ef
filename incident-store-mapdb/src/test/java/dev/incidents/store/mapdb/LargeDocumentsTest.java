package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's heap does not grow with its documents: MapDB's default record cache keeps 32,768 records by
 * count, which with documents of 200 KB is 6 GB, and this JVM of 256 MiB ran out of memory part way
 * through. The store's cache holds records by soft reference, so the collector takes them back instead.
 */
class LargeDocumentsTest {

  @Test
  void writing_and_reading_600_mb_of_documents_fits_a_256_mib_heap(@TempDir Path dir) throws Exception {
    Path stderr = dir.resolve("child.err");
    try (ChildJvm child = ChildJvm.start(LargeDocumentsChild.class, stderr, dir.resolve("big.db").toString(), "3000")) {
      // Wait first (the child prints one short line, which the pipe holds): a hung child fails, not hangs. A guard,
      // not a time limit: 20 to 55 s on a loaded 2-core machine, so 120 s was within reach of a busier one.
      assertThat(child.process.waitFor(600, TimeUnit.SECONDS)).as("the child finished (within 600 s)").isTrue();
      String line = child.out.readLine();
      assertThat(line).as("the child's output; its stderr: %s", Files.readString(stderr)).isEqualTo("ok 3000");
      assertThat(child.process.exitValue()).isZero();
    }
  }
}

package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of README.md ({@code EmbeddingExample}, in the default package as a reader would paste
 * it) is the same text as in the README, and runs in a fresh JVM as an application's first start would: it
 * prints what its comments say and nothing on stderr, so the library logs nothing on a normal start.
 */
class ReadmeExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/EmbeddingExample.java");

  @Test
  void theExampleRunsInAFreshJvmAndTheLibraryPrintsNothingOnStderr() throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("example", ".out");
    Path stderr = Files.createTempFile("example", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "EmbeddingExample")
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      // The JVM itself announces these on stderr ("Picked up ..."); they are the machine's, not the library's.
      builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
      Process process = builder.start();
      assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the example ends").isTrue();

      assertThat(Files.readString(stderr)).as("stderr of a fresh JVM that creates a service").isEmpty();
      assertThat(process.exitValue()).isZero();
      List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).isEqualTo("INC-1 Sev1");
      assertThat(lines.get(1)).startsWith("201 {\"incident\":{\"id\":\"don:core:local:devo/acme:incident/2\"");
    } finally {
      Files.delete(stdout);
      Files.delete(stderr);
    }
  }

  @Test
  void theReadmeShowsExactlyThisExample() throws IOException {
    String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    assertThat(readme).as("README.md must show %s verbatim", EXAMPLE).contains("```java\n" + example + "```\n");
  }
}

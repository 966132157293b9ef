package dev.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of README.md ({@code EmbeddingExample} and {@code LifecycleExample}, in the default package as a
 * reader would paste them) are the same text as in the README, and run in a fresh JVM as an application's first
 * start would: they print what their comments say and nothing on stderr, so the library logs nothing on a
 * normal start.
 */
class ReadmeExampleTest {

  @Test
  void theEmbeddingExampleRunsInAFreshJvmAndTheLibraryPrintsNothingOnStderr() throws IOException, InterruptedException {
    List<String> lines = run("EmbeddingExample");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("INC-1 Sev1");
    assertThat(lines.get(1)).startsWith("201 {\"incident\":{\"id\":\"don:core:local:devo/acme:incident/2\"");
  }

  @Test
  void theLifecycleExamplePrintsWhatItsCommentsSay() throws IOException, InterruptedException {
    assertThat(run("LifecycleExample")).containsExactly("identified v2", "mitigated v3", "INC-1 Checkout is down",
        "1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EmbeddingExample", "LifecycleExample"})
  void theReadmeShowsExactlyThisExample(String example) throws IOException {
    Path source = Path.of("src/test/java/" + example + ".java");
    String text = Files.readString(source, StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    assertThat(readme).as("README.md must show %s verbatim", source).contains("```java\n" + text + "```\n");
  }

  /** What {@code example} prints on stdout, run in a fresh JVM; fails if it prints anything on stderr. */
  private static List<String> run(String example) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("example", ".out");
    Path stderr = Files.createTempFile("example", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), example)
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      // The JVM itself announces these on stderr ("Picked up ..."); they are the machine's, not the library's.
      builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
      Process process = builder.start();
      assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the example ends").isTrue();

      assertThat(Files.readString(stderr)).as("stderr of a fresh JVM that creates a service").isEmpty();
      assertThat(process.exitValue()).isZero();
      return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    } finally {
      Files.delete(stdout);
      Files.delete(stderr);
    }
  }
}

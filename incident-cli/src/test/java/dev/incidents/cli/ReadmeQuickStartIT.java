package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two commands of README.md's quick start, read from the README itself, as a new user meets them.
 *
 * <p>The first (build, and create an incident in the default store) runs in a fresh {@code git clone} of the
 * committed repository, with the Maven wrapper, in a shell: it must print one incident, {@code INC-1}, and
 * leave {@code incidents.db} in the clone. The second (run every test) is not run here, since this test is part
 * of that very run; instead it must be the command CI runs ({@code .ci/run}, which adds only {@code -B}, Maven's
 * batch mode), so CI proves it on every change.
 */
class ReadmeQuickStartIT {

  private static final Path REPOSITORY = Path.of(System.getProperty("incident.repository", "..")).toAbsolutePath();
  private static List<String> commands;

  @BeforeAll
  static void readTheQuickStart() throws IOException {
    String readme = Files.readString(REPOSITORY.resolve("README.md"));
    int start = readme.indexOf("\n## Quick start\n");
    assertThat(start).as("README.md has a '## Quick start' section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    commands = new ArrayList<>();
    Matcher block = Pattern.compile("```sh\n(.*?)\n```", Pattern.DOTALL).matcher(section);
    while (block.find()) {
      commands.add(block.group(1));
    }
    assertThat(commands).as("the quick start's sh blocks").hasSize(3);
  }

  @Test
  void theFirstCommandBuildsAndCreatesAnIncidentInAFreshClone(@TempDir Path home) throws Exception {
    Path clone = home.resolve("incidents");
    run(home, List.of("git", "clone", "--quiet", "--no-hardlinks", REPOSITORY.toString(), clone.toString()), 60);

    Result result = run(clone, List.of("sh", "-c", commands.get(0)), 900);

    assertThat(result.stdout).as("only the response, on one line: %s", result)
        .startsWith("{\"incident\":{\"id\":\"don:core:local:devo/default:incident/1\",\"display_id\":\"INC-1\","
            + "\"title\":\"Checkout is down\"")
        .endsWith("}}\n").hasLineCount(1);
    assertThat(clone.resolve("incidents.db")).isRegularFile();
  }

  @Test
  void theSecondCommandIsTheOneCiRuns() throws IOException {
    List<String> ci = Files.readAllLines(REPOSITORY.resolve(".ci/run")).stream()
        .filter(line -> line.startsWith("./mvnw ")).toList();

    assertThat(ci).as("the ./mvnw lines of .ci/run").hasSize(1);
    assertThat(ci.get(0).replace(" -B ", " ")).isEqualTo(commands.get(1));
  }

  /** The third serves the store and creates with curl: ServeIT and ConformanceIT run serve itself. */
  @Test
  void theThirdCommandServesAndCreatesWithCurl() {
    assertThat(commands.get(2)).contains("java -jar incident-cli/target/incident.jar", " serve ", "--tokens",
        "curl ", "/incidents.create", "Authorization: Bearer ");
  }

  private record Result(int exit, String stdout, String stderr) {}

  /**
   * Runs a command as a user's shell would, without the Maven variables of this build's environment, and
   * requires it to succeed.
   */
  private static Result run(Path dir, List<String> command, long timeoutSeconds) throws Exception {
    Path out = Files.createTempFile("quickstart", ".out");
    Path err = Files.createTempFile("quickstart", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> environment = builder.environment();
      environment.keySet().removeIf(name -> name.startsWith("MAVEN_") && !name.equals("MAVEN_OPTS"));
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not end within " + timeoutSeconds + " s");
      }
      Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      assertThat(result.exit).as("%s: %s", command, result).isZero();
      return result;
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }
}

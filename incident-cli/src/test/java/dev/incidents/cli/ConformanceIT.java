package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript client (@devrev/typescript-sdk 1.1.71, beta API) against a running {@code incident
 * serve}: src/test/node/conformance.test.js, run with {@code node --test}. The client's node_modules come from
 * {@code npm ci} in src/test/node. Without node or node_modules the test is skipped, unless
 * INCIDENTS_REQUIRE_NODE=true (as in CI), when it fails.
 */
class ConformanceIT {

  private static final Path NODE_DIR = Path.of(System.getProperty("incident.repository", ".."))
      .resolve("incident-cli/src/test/node").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  private static void requireNode(boolean available, String why) {
    if (!available) {
      if (Boolean.parseBoolean(System.getenv("INCIDENTS_REQUIRE_NODE"))) {
        fail(why + " and INCIDENTS_REQUIRE_NODE=true");
      }
      Assumptions.abort(why);
    }
  }

  private static boolean nodeRuns() {
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void theOfficialClientWorksUnchanged() throws Exception {
    requireNode(nodeRuns(), "node is not on the PATH");
    requireNode(Files.isDirectory(NODE_DIR.resolve("node_modules/@devrev/typescript-sdk")),
        "no node_modules in " + NODE_DIR + " (run npm ci there)");
    Files.writeString(dir.resolve("tokens.txt"), "conformance-acme acme DEVU-1\nconformance-other other DEVU-2\n");
    try (ServeProcess serve = ServeProcess.start(dir, List.of("--store", "mapdb:./conformance.db", "serve",
        "--port", "0", "--tokens", "tokens.txt"))) {
      Path output = dir.resolve("node-output.txt");
      ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "conformance.test.js")
          .directory(NODE_DIR.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
      node.environment().put("INCIDENTS_ENDPOINT", serve.base().toString());
      node.environment().put("INCIDENTS_TOKEN", "conformance-acme");
      node.environment().put("INCIDENTS_OTHER_TOKEN", "conformance-other");
      Process process = node.start();
      if (!process.waitFor(IncidentProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("node did not finish within " + IncidentProcess.TIMEOUT_SECONDS + " s");
      }
      String report = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("node --test conformance.test.js:%n%s%nserver log:%n%s", report,
          serve.stderr()).isZero();
      assertThat(report).contains("pass 7", "fail 0");
      serve.terminate();
    }
  }
}

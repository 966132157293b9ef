package dev.incidents.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A separate JVM running a main class of the test class path: a real second process against one database. */
final class ChildJvm {

  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;

  private ChildJvm(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static ChildJvm start(String name, Class<?> main, String... args) throws IOException {
    Path out = Files.createTempFile("incidents-" + name, ".out");
    Path err = Files.createTempFile("incidents-" + name, ".err");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new ChildJvm(name, process, out, err);
  }

  /**
   * Waits for the JVM to exit and returns its standard output lines.
   *
   * @throws AssertionError if it did not exit in time or exited with a non-zero status
   */
  List<String> awaitSuccess(long timeoutSeconds) throws IOException, InterruptedException {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(name + " did not finish within " + timeoutSeconds + " s; stderr:\n" + stderr());
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; stderr:\n" + stderr());
      }
      return Files.readAllLines(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Ends the JVM if it still runs (after a failed test). */
  void kill() {
    process.destroyForcibly();
  }

  private String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }
}

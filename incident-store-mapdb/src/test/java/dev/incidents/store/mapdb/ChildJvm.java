package dev.incidents.store.mapdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A second JVM running a main class of these tests, on the test class path: "another process". */
final class ChildJvm implements AutoCloseable {

  final Process process;
  /** The child's standard output, line by line. */
  final BufferedReader out;

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start());
  }

  /** The next line the child printed. */
  String readLine() throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("the child JVM ended without printing the expected line (exit "
          + (process.isAlive() ? "pending" : process.exitValue()) + ")");
    }
    return line;
  }

  /** Kills the child with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code incident ... serve --port 0} as a separate process. Its stdout is a pipe: the test blocks on the line
 * that says where the server listens, which the command prints only once the port is bound, so no test waits by
 * the clock. Stderr (the access log) goes to a file.
 */
final class ServeProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader stdout;
  private final Path stderr;
  private final URI base;

  private ServeProcess(Process process, BufferedReader stdout, Path stderr, URI base) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.base = base;
  }

  /** Starts {@code incident args... serve --port 0 serveArgs...} in {@code dir} and waits until it listens. */
  static ServeProcess start(Path dir, List<String> args) {
    assertThat(IncidentProcess.JAR).as("the jar the tests run; build it with ./mvnw package").isRegularFile();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", IncidentProcess.JAR.toString()));
    command.addAll(args);
    try {
      Path err = Files.createTempFile(dir, ".serve-stderr", "");
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("listening on ")) {
        process.waitFor(IncidentProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        throw new AssertionError("serve did not start: stdout " + line + ", stderr " + Files.readString(err));
      }
      String url = line.substring("listening on ".length());
      return new ServeProcess(process, out, err, URI.create(url.substring(0, url.length() - 1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** The base URL, {@code http://127.0.0.1:PORT}, without a trailing slash. */
  URI base() {
    return base;
  }

  /** The next line of stdout (the generated token's line, after the address). */
  String nextLine() throws IOException {
    return stdout.readLine();
  }

  /** What the server wrote on stderr so far: the access log. */
  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Sends SIGTERM and waits for the end; returns the exit status. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(IncidentProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("serve did not stop on SIGTERM within " + IncidentProcess.TIMEOUT_SECONDS + " s");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}

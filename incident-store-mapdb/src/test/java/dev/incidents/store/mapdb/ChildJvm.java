package dev.incidents.store.mapdb;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A second JVM running a main class of these tests, on the test class path: "another process". */
final class ChildJvm implements AutoCloseable {

  /** What a crash test does with each line the child prints. */
  interface LineHandler {
    /** Handles one line (the last may be torn by the kill); true when the child is to be killed now. */
    boolean handle(String line) throws InterruptedException;
  }

  /** The end of the child's output, as the reading thread queues it: compared by identity, so no line is taken for it. */
  private static final String EOF = new String("");

  final Process process;
  /** The child's standard output, line by line. */
  final BufferedReader out;
  private final Path stderr;

  private ChildJvm(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
  }

  /**
   * Hands every line the child prints to {@code handler}; when it asks for the kill, waits {@code lingerMillis}
   * (so the kill lands at a random point of the child's work), kills the child with SIGKILL and hands over the
   * lines printed until then. The output is read on a thread of its own, so that a child blocked on a full pipe
   * never delays the kill. Fails the test, with the child's stderr, if the child prints nothing for 60 s or
   * ends before it is killed.
   */
  void runUntilKilled(LineHandler handler, int lingerMillis, String what) throws IOException, InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the child is gone
      }
      lines.add(EOF);
    }, "child-output");
    reader.start();
    boolean killed = false;
    while (true) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      if (line == null) {
        fail(what + ": the child printed nothing for 60 s; its stderr: " + Files.readString(stderr));
      }
      if (line == EOF) {
        if (!killed) {
          fail(what + ": the child ended before it was killed; its stderr: " + Files.readString(stderr));
        }
        break;
      }
      if (handler.handle(line) && !killed) {
        Thread.sleep(lingerMillis);
        kill();
        killed = true;
      }
    }
    reader.join();
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

  /**
   * Kills the child with SIGKILL, as {@code kill -9} does, and waits for it to be gone. What it printed before
   * stays readable: the kill goes through the {@link ProcessHandle}, because {@link Process#destroyForcibly()}
   * also closes the pipe, which threw away the last lines still in it: ConsumerCrashTest then missed an
   * acknowledgement the store had kept and failed, about one round in 25.
   */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar incident-cli/target/incident.jar} as a user runs it: a separate process in a working
 * directory, with stdin, stdout and stderr in files, so nothing a test does can block on a full pipe.
 * {@link #withTestStores()} runs the same main class with this module's test classes on the class path, for
 * the store that fails on cue.
 */
final class IncidentProcess {

  /** The jar under test; failsafe passes its path, and the tests need the packaged jar, not the classes. */
  static final Path JAR = Path.of(System.getProperty("incident.jar", "target/incident.jar")).toAbsolutePath();
  private static final Path TEST_CLASSES = Path.of(System.getProperty("incident.testClasses", "target/test-classes"));
  static final long TIMEOUT_SECONDS = 300;

  private final Path dir;
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();
  private Path stdin;
  private Path stdout;
  private boolean testStores;

  private IncidentProcess(Path dir) {
    this.dir = dir;
  }

  /** A run in working directory {@code dir}, with empty stdin. */
  static IncidentProcess in(Path dir) {
    assertThat(JAR).as("the jar the tests run; build it with ./mvnw package").isRegularFile();
    return new IncidentProcess(dir);
  }

  /** Stdin holds {@code text}. */
  IncidentProcess input(String text) {
    return inputFrom(write("stdin", text));
  }

  /** Stdin reads {@code file}. */
  IncidentProcess inputFrom(Path file) {
    this.stdin = file;
    return this;
  }

  /** Stdout goes to {@code file} and is not read back: for outputs too large to hold. */
  IncidentProcess outputTo(Path file) {
    this.stdout = file;
    return this;
  }

  IncidentProcess jvm(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  IncidentProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  IncidentProcess withTestStores() {
    this.testStores = true;
    return this;
  }

  /** Runs {@code incident args...} to its end. */
  Result run(String... args) {
    Path in = stdin != null ? stdin : write("stdin", "");
    return launch(Redirect.from(in.toFile()), args).await();
  }

  /**
   * Starts {@code incident args...} with stdin a pipe the test writes ({@link Running#stdin()}), so the test
   * decides when the process has input to read; stdout must go to a file ({@link #outputTo}).
   */
  Running start(String... args) {
    assertThat(stdout).as("a started process writes stdout to a file").isNotNull();
    return launch(Redirect.PIPE, args);
  }

  private Running launch(Redirect input, String... args) {
    try {
      Path out = stdout != null ? stdout : Files.createTempFile(dir, ".stdout", "");
      Path err = Files.createTempFile(dir, ".stderr", "");
      ProcessBuilder builder = new ProcessBuilder(command(args)).directory(dir.toFile())
          .redirectInput(input).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      return new Running(builder.start(), String.join(" ", args), out, stdout == null, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    if (testStores) {
      command.add("-cp");
      command.add(JAR + java.io.File.pathSeparator + TEST_CLASSES.toAbsolutePath());
      command.add(Main.class.getName());
    } else {
      command.add("-jar");
      command.add(JAR.toString());
    }
    command.addAll(List.of(args));
    return command;
  }

  private Path write(String name, String text) {
    try {
      Path file = Files.createTempFile(dir, "." + name, "");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A process that {@link #start} started, or {@link #run} waits for. */
  static final class Running {
    private final Process process;
    private final String args;
    private final Path out;
    private final boolean readOut;
    private final Path err;

    private Running(Process process, String args, Path out, boolean readOut, Path err) {
      this.process = process;
      this.args = args;
      this.out = out;
      this.readOut = readOut;
      this.err = err;
    }

    /** The process's stdin; closing it is the end of the input. */
    OutputStream stdin() {
      return process.getOutputStream();
    }

    long pid() {
      return process.pid();
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** What the process wrote on stderr so far. */
    String stderr() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Ends the process if it is still running: for a test that failed before its end. */
    void kill() {
      process.destroyForcibly();
    }

    /** Waits for the end of the process (closing its stdin first, if it is a pipe). */
    Result await() {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("incident " + args + " did not end within " + TIMEOUT_SECONDS
              + " s; stderr: " + stderr());
        }
        String stdoutText = readOut ? Files.readString(out, StandardCharsets.UTF_8) : null;
        Result result = new Result(process.exitValue(), stdoutText, stderr());
        Files.delete(err);
        if (readOut) {
          Files.delete(out);
        }
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * What a run left behind.
   *
   * @param exit the exit status
   * @param stdout stdout, or {@code null} when it went to a file
   * @param stderr stderr
   */
  record Result(int exit, String stdout, String stderr) {

    /** Stdout's lines; each must end with a newline. */
    List<String> lines() {
      assertThat(stdout).as("stdout ends with a newline").satisfiesAnyOf(
          out -> assertThat(out).isEmpty(), out -> assertThat(out).endsWith("\n"));
      return stdout.isEmpty() ? List.of() : List.of(stdout.substring(0, stdout.length() - 1).split("\n", -1));
    }

    /** The only line of stdout. */
    String line() {
      assertThat(lines()).as("stdout of %s", this).hasSize(1);
      return lines().get(0);
    }

    @Override
    public String toString() {
      return "exit " + exit + ", stdout: " + stdout + ", stderr: " + stderr;
    }
  }
}

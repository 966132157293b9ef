package dev.incidents.cli;

import dev.incidents.json.IncidentJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reading what the user points at: a file that cannot be read is a usage error, not a failure. */
final class Inputs {

  private Inputs() {}

  /**
   * One request: the input up to one byte past {@link IncidentJson#MAX_BODY_BYTES}, which is enough for the
   * library to reject it as {@code parse_error}, so a huge input cannot exhaust memory.
   */
  static byte[] readRequest(InputStream in) throws IOException {
    return in.readNBytes(IncidentJson.MAX_BODY_BYTES + 1);
  }

  /**
   * Opens a file an option names.
   *
   * @throws ParameterException if it cannot be opened
   */
  /**
   * One request from {@code --file} or stdin, read before the store is opened, so an unreadable file never
   * touches the store.
   *
   * @param file the {@code --file}, or {@code null} for stdin
   */
  static byte[] readRequest(CommandSpec spec, Io io, InputStream input, Path file) {
    if (file == null && System.console() != null && io.in() == System.in) {
      io.err().println("incident: reading one JSON request from stdin; end it with Ctrl-D");
    }
    try {
      return readRequest(input);
    } catch (IOException e) {
      if (file != null) {
        throw unreadable(spec, "--file", file, e);
      }
      throw new Stop(ExitCodes.FAILURE, "cannot read stdin: " + e.getMessage());
    }
  }

  static InputStream open(CommandSpec spec, String option, Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new IOException("it is a directory");
      }
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw unreadable(spec, option, file, e);
    }
  }

  /**
   * Reads all of a small file an option names, such as {@code --schemas}.
   *
   * @throws ParameterException if it cannot be read
   */
  static byte[] readAll(CommandSpec spec, String option, Path file) {
    try (InputStream in = open(spec, option, file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw unreadable(spec, option, file, e);
    }
  }

  static ParameterException unreadable(CommandSpec spec, String option, Path file, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file"
        : e instanceof AccessDeniedException ? "permission denied"
        : e.getMessage();
    return new ParameterException(spec.commandLine(), "cannot read " + option + " " + file + ": " + why, e);
  }
}

package dev.incidents.cli;

import dev.incidents.model.IdempotencyKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code incident create}: one request, or with {@code --jsonl} one per line. */
@Command(
    name = "create",
    description = {
        "Creates one incident from the JSON request in --file or on stdin and prints the response, "
            + "{\"incident\": {...}}, or the error body.",
        "",
        "With --jsonl, imports one request per line and prints one line per request, in input order: the "
            + "response or the error body. A rejected line does not stop the import. Every line is a request: "
            + "an empty line is rejected (parse_error), so reply line k answers input line k. A line over 1 MiB "
            + "is rejected without being held in memory. Lines go to the store in batches of up to 1000, which "
            + "it may commit together.",
        "With --idempotency-prefix P, line k (counting every line from 1) uses the idempotency key P-k: "
            + "running the same input again adds nothing, and finishes an import that stopped.",
        "On stderr: a progress line (lines, rate) during a long import when stderr is a terminal, and a "
            + "summary at the end. If the store fails, the import stops there: stderr names the line and says how "
            + "many lines were committed.",
        "",
        "The exit status of --jsonl: 0 when every line succeeded, 3 when some line was rejected (any 4xx), "
            + "1 when the store failed."},
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE, ExitCodes.HELP_REJECTED,
        ExitCodes.HELP_CONFLICT, ExitCodes.HELP_FORBIDDEN},
    footerHeading = "%nExamples:%n",
    footer = {
        "  echo '{\"title\": \"Checkout is down\", \"severity\": 1}' | incident create",
        "  incident create --file request.json --idempotency-key retry-42",
        "  incident create --jsonl --idempotency-prefix import-1 < in.jsonl > out.jsonl"})
final class CreateCommand implements Callable<Integer> {

  /**
   * The longest {@code --idempotency-prefix}: the key of line k is {@code P-k}, lines are counted in a
   * {@code long}, and the input's length is not known in advance, so the prefix must leave room for the
   * largest line number there can be.
   */
  static final int LONGEST_PREFIX = IdempotencyKey.MAX_LENGTH - ("-" + Long.MAX_VALUE).length();

  @ParentCommand
  private IncidentCommand parent;

  @Spec
  private CommandSpec spec;

  @Option(names = "--file", paramLabel = "F", description = "Read the request (or the lines) from F. "
      + "Default: stdin")
  private Path file;

  @Option(names = "--idempotency-key", paramLabel = "K", description = "The idempotency key of the request "
      + "(1 to 255 printable ASCII characters). A retry with the same key and an equal request returns the "
      + "incident created the first time; with a different request it is a conflict (exit 5).")
  private String key;

  @Option(names = "--jsonl", description = "One request per input line (JSON Lines).")
  private boolean jsonl;

  @Option(names = "--idempotency-prefix", paramLabel = "P", description = "With --jsonl: line k uses the "
      + "idempotency key P-k. At most 235 characters, so that P-k fits an idempotency key for any line number.")
  private String prefix;

  @Override
  public Integer call() throws IOException {
    if (jsonl && key != null) {
      throw new ParameterException(spec.commandLine(),
          "--idempotency-key is for a single request; with --jsonl, use --idempotency-prefix");
    }
    if (!jsonl && prefix != null) {
      throw new ParameterException(spec.commandLine(), "--idempotency-prefix needs --jsonl");
    }
    if (prefix != null && prefix.length() > LONGEST_PREFIX) {
      // Checked before any line is read: a longer prefix would fail part way, at the first line number too long.
      throw new ParameterException(spec.commandLine(), "--idempotency-prefix is " + prefix.length()
          + " characters; at most " + LONGEST_PREFIX + " are accepted, so that the key P-k of every line an import "
          + "can count (k up to " + Long.MAX_VALUE + ") fits the " + IdempotencyKey.MAX_LENGTH
          + " characters of an idempotency key");
    }
    Io io = parent.io();
    try (InputStream input = file == null ? io.in() : Inputs.open(spec, "--file", file)) {
      if (jsonl) {
        return importLines(io, input);
      }
      byte[] body = Inputs.readRequest(spec, io, input, file);
      try (Session session = parent.openSession(IncidentCommand.Access.CREATE)) {
        return parent.replies().answer(session.json().create(session.tenant(), session.actor(), body, key));
      }
    }
  }

  private int importLines(Io io, InputStream input) {
    try (Session session = parent.openSession(IncidentCommand.Access.CREATE)) {
      Progress progress = new Progress(io.err(), io.errIsTerminal(), System::nanoTime);
      return new JsonlImport(session, parent.replies(), io.err(), progress, prefix).run(input);
    }
  }
}

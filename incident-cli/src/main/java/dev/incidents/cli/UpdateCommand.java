package dev.incidents.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code incident update [--if-version N] [--file F]}. */
@Command(
    name = "update",
    description = {
        "Updates the incident the JSON request in --file or on stdin names by its \"id\", and prints the "
            + "incident after the update, {\"incident\": {...}}, or the error body. Its version goes to stderr "
            + "as \"version N\".",
        "A field left out stays as it is, null clears it, a value sets it; id lists and tags take "
            + "{\"set\": [...]}. An update that changes nothing stores nothing. docs/CONTRACT.md section 10."},
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE, ExitCodes.HELP_REJECTED,
        ExitCodes.HELP_NOT_FOUND, ExitCodes.HELP_CONFLICT, ExitCodes.HELP_FORBIDDEN},
    footerHeading = "%nExamples:%n",
    footer = {
        "  echo '{\"id\": \"INC-1\", \"stage\": {\"stage\": \"resolved\"}}' | incident update",
        "  echo '{\"id\": \"INC-1\", \"owned_by\": {\"set\": [\"DEVU-2\"]}, \"body\": null}' | incident update --if-version 3"})
final class UpdateCommand implements Callable<Integer> {

  @ParentCommand
  private IncidentCommand parent;

  @Spec
  private CommandSpec spec;

  @Option(names = "--file", paramLabel = "F", description = "Read the request from F. Default: stdin")
  private Path file;

  @Option(names = "--if-version", paramLabel = "N", description = "Update only if the incident is at version N "
      + "(what get and update print on stderr); otherwise exit 5 and change nothing.")
  private Long ifVersion;

  @Override
  public Integer call() throws IOException {
    Io io = parent.io();
    byte[] body;
    try (InputStream input = file == null ? io.in() : Inputs.open(spec, "--file", file)) {
      body = Inputs.readRequest(spec, io, input, file);
    }
    try (Session session = parent.openSession(IncidentCommand.Access.READ)) {
      return parent.replies().answerVersioned(
          session.json().update(session.tenant(), session.actor(), body, ifVersion), io.err());
    }
  }
}

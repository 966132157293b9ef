package dev.incidents.cli;

import dev.incidents.http.Authenticator;
import dev.incidents.model.RequestContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code incident serve}: the REST API's incidents routes over HTTP (docs/HTTP.md). */
@Command(
    name = "serve",
    description = {
        "Serves --store over HTTP as the REST API's incidents routes: POST /incidents.create, GET and POST "
            + "/incidents.get and /incidents.list, POST /incidents.update and /incidents.delete, GET /health "
            + "(docs/CONTRACT.md section 12).",
        "Every request needs Authorization: Bearer TOKEN. With --tokens, the file's tokens are accepted; without "
            + "it, one token is generated, printed, and acts for --tenant and --actor.",
        "Stdout: the address (and a generated token). Stderr: one access log line per request, never a token. "
            + "SIGTERM (or Ctrl-C) stops accepting requests, lets those in flight finish and closes the store."},
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  incident serve",
        "  incident --store jdbc:postgresql://localhost/incidents serve --bind 0.0.0.0 --port 8080 --tokens tokens.txt",
        "",
        "tokens.txt holds one line per token: TOKEN TENANT ACTOR (# starts a comment)."})
final class ServeCommand implements Callable<Integer> {

  @ParentCommand
  private IncidentCommand parent;

  @Spec
  private CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "The TCP port; 0 picks a free one (printed). Default: ${DEFAULT-VALUE}")
  private int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}")
  private String bind;

  @Option(names = "--tokens", paramLabel = "FILE",
      description = "Accepted tokens, one per line: TOKEN TENANT ACTOR. Without it, a token is generated for "
          + "--tenant and --actor and printed.")
  private Path tokens;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got " + port);
    }
    Authenticator authenticator;
    String generated = null;
    if (tokens != null) {
      try {
        authenticator = Authenticator.fromTokensFile(tokens);
      } catch (IOException e) {
        throw Inputs.unreadable(spec, "--tokens", tokens, e);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    } else {
      generated = Authenticator.newToken();
      authenticator = Authenticator.of(Map.of(generated, RequestContext.of(parent.tenant(), parent.actor())));
    }
    Session session = parent.openSession(IncidentCommand.Access.CREATE);
    HttpServer server;
    try {
      server = HttpServer.start(session.service(), authenticator, bind, port, parent.io().err());
    } catch (Exception e) {
      session.close();
      throw new Stop(ExitCodes.FAILURE, "cannot serve on " + bind + ":" + port + ": " + e.getMessage());
    }
    Shutdown shutdown = new Shutdown(server, session);
    Thread hook = new Thread(shutdown::run, "incident-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    InetSocketAddress address = server.address();
    PrintStream out = new PrintStream(parent.io().out(), true, StandardCharsets.UTF_8);
    out.println("listening on http://" + hostForUrl(address.getHostString()) + ":" + address.getPort() + "/");
    if (generated != null) {
      out.println("token " + generated + " (tenant " + session.tenant() + ", actor " + session.actor() + ")");
    }
    out.flush();
    server.join();
    shutdown.run();
    return ExitCodes.SUCCESS;
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Stops the server, then closes the store, once, from whichever thread comes first; the other waits. */
  private static final class Shutdown {
    private final HttpServer server;
    private final Session session;
    private boolean done;

    Shutdown(HttpServer server, Session session) {
      this.server = server;
      this.session = session;
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      try {
        server.stop();
      } catch (Exception e) {
        // Stopping failed part-way; the store is closed all the same, so nothing is left half-written.
      } finally {
        session.close();
      }
    }
  }
}

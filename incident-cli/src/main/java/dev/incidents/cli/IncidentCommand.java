package dev.incidents.cli;

import dev.incidents.IncidentService;
import dev.incidents.IncidentStores;
import dev.incidents.Incidents;
import dev.incidents.JsonReply;
import dev.incidents.error.IncidentException;
import dev.incidents.spi.IncidentStore;
import dev.incidents.store.mapdb.MapDbStoreProvider;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** {@code incident}: the options every command shares, and how a run turns into an exit status. */
@Command(
    name = "incident",
    // The help options, version and help layout hold for the subcommands too; they set their own texts.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {CreateCommand.class, GetCommand.class, ListCommand.class, UpdateCommand.class,
        DeleteCommand.class, ServeCommand.class, RelayCommand.class, WebhookCommand.class, DeadCommand.class, HelpCommand.class},
    synopsisSubcommandLabel = "COMMAND",
    sortOptions = false,
    sortSynopsis = false,
    description = {
        "Creates and reads incident records exactly as the incidents.create API does: the same requests, "
            + "responses and error bodies. Responses and error bodies go to stdout, one per line; messages "
            + "go to stderr.",
        "Run it as: java -jar incident-cli/target/incident.jar (the examples write incident).",
        "The options below go before or after the command: incident --tenant acme list and incident list "
            + "--tenant acme are the same."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {ExitCodes.HELP_SUCCESS, ExitCodes.HELP_FAILURE, ExitCodes.HELP_USAGE, ExitCodes.HELP_REJECTED,
        ExitCodes.HELP_NOT_FOUND, ExitCodes.HELP_CONFLICT, ExitCodes.HELP_FORBIDDEN},
    footerHeading = "%nExamples:%n",
    footer = {
        "  echo '{\"title\": \"Checkout is down\"}' | incident create",
        "  incident get INC-1",
        "  incident --tenant acme list --limit 10",
        "  incident list --severity 0,1 --state open --owned-by DEVU-7",
        "  echo '{\"id\": \"INC-1\", \"stage\": {\"stage\": \"resolved\"}}' | incident update",
        "  incident delete INC-1",
        "  incident serve --port 8080 --tokens tokens.txt",
        "  incident create --jsonl --idempotency-prefix import-1 < in.jsonl > out.jsonl",
        "  incident --store jdbc:postgresql://localhost/incidents --store-user app list",
        "  incident --tenant acme webhook add --url https://hooks.example.com/in",
        "  incident --events create --file incident.json; incident relay --drain",
        "",
        "incident help COMMAND shows each command's options. docs/CLI.md has more."})
final class IncidentCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "mapdb:./incidents.db",
      description = {
      "Where incidents are kept.",
      "Default: ${DEFAULT-VALUE}",
      "mapdb:PATH: a MapDB file, created by create if absent (get and list never create one: a missing file is "
          + "an error); a relative PATH is relative to the working directory.",
      "mapdb:memory: in memory; every invocation starts empty and keeps nothing.",
      "jdbc:h2:PATH, jdbc:postgresql://HOST[:PORT]/DB,",
      "jdbc:mariadb://HOST[:PORT]/DB: H2, PostgreSQL, MariaDB; user and password as URL parameters or the "
          + "two options below.",
      "Other stores plug in as IncidentStoreProvider services on the class path."})
  private String store;

  @Option(names = "--store-user", scope = ScopeType.INHERIT, paramLabel = "USER",
      description = "The database user of a jdbc: store.")
  private String storeUser;

  @Option(names = "--store-password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
      defaultValue = "${env:INCIDENT_STORE_PASSWORD}", showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description = "The database password of a jdbc: store. Default: the environment variable "
          + "INCIDENT_STORE_PASSWORD, which keeps it out of the process list.")
  private String storePassword;

  @Option(names = "--tenant", scope = ScopeType.INHERIT, paramLabel = "ID", defaultValue = "default",
      description = "The tenant (dev org), [A-Za-z0-9_-]{1,64}. Tenants never see each other's incidents. "
          + "Default: ${DEFAULT-VALUE}")
  private String tenant;

  @Option(names = "--actor", scope = ScopeType.INHERIT, paramLabel = "ID", defaultValue = "DEVU-1",
      description = "Who acts: DEVU-n, REVU-n, SVCACC-n or SYSU-n (or its DON); it becomes created_by. Only "
          + "SVCACC and SYSU actors may set source. Default: ${DEFAULT-VALUE}")
  private String actor;

  @Option(names = "--schemas", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Registers the custom schema fragments in FILE (JSON: one object or an array; docs/CONTRACT.md "
          + "section 5) for --tenant before the command. Registrations are not stored: give it on every call "
          + "that uses custom fields. Rejected fragments: exit 3, error body on stdout.")
  private Path schemas;

  @Option(names = "--events", scope = ScopeType.INHERIT,
      description = "Records an event for every create, update and delete (docs/EVENTS.md), for consumers and "
          + "webhook endpoints; changes made without it have none.")
  private boolean events;

  private final Io io;
  private final Replies replies;

  IncidentCommand(Io io) {
    this.io = io;
    this.replies = new Replies(io.out());
  }

  /** Runs the command line and returns the exit status; never calls {@code System.exit}. */
  static int run(Io io, String... args) {
    CommandLine cli = new CommandLine(new IncidentCommand(io))
        .setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true))
        .setErr(new PrintWriter(io.err(), true))
        .setParameterExceptionHandler(IncidentCommand::usageError)
        .setExecutionExceptionHandler(IncidentCommand::failure);
    try {
      return cli.execute(args);
    } finally {
      cli.getOut().flush();
      cli.getErr().flush();
    }
  }

  /** No command: say so, with the usage a new user needs. */
  @Override
  public Integer call() {
    io.err().println("incident: missing a command");
    spec.commandLine().usage(io.err());
    return ExitCodes.USAGE;
  }

  Io io() {
    return io;
  }

  /** {@code --tenant}. */
  String tenant() {
    return tenant;
  }

  /** {@code --actor}. */
  String actor() {
    return actor;
  }

  Replies replies() {
    return replies;
  }

  /** What a command does with the store: use incidents that must exist, or create incidents (and so the store). */
  enum Access {
    /** get, list, update, delete: never create a store; a missing MapDB file is an error naming it. */
    READ,
    /** Creating commands create the store if it is missing. */
    CREATE
  }

  /**
   * Opens {@code --store}, builds the service and registers {@code --schemas}.
   *
   * @throws ParameterException if the schemas file cannot be read or no provider accepts the URL
   * @throws Stop if the store cannot be opened (1) or the fragments are rejected (3, error body printed)
   */
  Session openSession(Access access) {
    byte[] fragments = schemas == null ? null : Inputs.readAll(spec, "--schemas", schemas);
    IncidentStore opened = openStore(access);
    try {
      IncidentService service = Incidents.builder().store(opened).recordEvents(events).build();
      if (fragments != null) {
        register(service, fragments);
      }
      return new Session(opened, service, tenant, actor);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  private IncidentStore openStore(Access access) {
    Map<String, String> options = new LinkedHashMap<>();
    if (access == Access.READ && store.startsWith(MapDbStoreProvider.PREFIX)) {
      // get and list on a mistyped path would otherwise create it, directories and all, and answer nothing.
      options.put(MapDbStoreProvider.CREATE, "false");
    }
    if (storeUser != null) {
      options.put("user", storeUser);
    }
    if (storePassword != null) {
      options.put("password", storePassword);
    }
    try {
      return IncidentStores.open(store, options);
    } catch (IllegalArgumentException e) {
      // No provider, several, or one that rejects the URL or an option: the user's to fix.
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (IncidentException e) {
      throw new Stop(ExitCodes.FAILURE, "cannot open the store: " + e.getMessage());
    }
  }

  private void register(IncidentService service, byte[] fragments) {
    try {
      service.schemas().register(tenant, fragments);
    } catch (IncidentException e) {
      replies.print(JsonReply.of(e));
      replies.flush();
      throw new Stop(ExitCodes.of(e.httpStatus()), "the fragments in --schemas " + schemas
          + " were rejected; the error body is on stdout");
    }
  }

  /** A usage error: the problem and where to read more, rather than the whole usage text. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("incident: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }

  private static int failure(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof Stop stop) {
      if (stop.getMessage() != null) {
        err.println("incident: " + stop.getMessage());
      }
      return stop.exitCode();
    }
    // A defect (ours or a store's): the trace is what a bug report needs.
    err.println("incident: unexpected failure: " + e);
    e.printStackTrace(err);
    return ExitCodes.FAILURE;
  }
}

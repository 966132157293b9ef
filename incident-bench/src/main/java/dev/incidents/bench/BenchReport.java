package dev.incidents.bench;

import dev.incidents.internal.StoreUrls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Runs the benchmarks group by group (each group's JMH results saved as JSON), then writes the report: the
 * tables of {@link Report}, the plot of {@link ThroughputPlot}, and, with {@code --doc}, both into
 * docs/PERFORMANCE.md between its markers. The JMH command line still works for a single benchmark, with the
 * report's settings when given {@code -gc true}:
 * {@code java -cp benchmarks.jar org.openjdk.jmh.Main CreateBenchmark -p store=memory -t 4 -gc true}.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
    description = "Runs incident-bench's JMH benchmarks and writes the performance report.")
public final class BenchReport implements Callable<Integer> {

  static final String BEGIN = "<!-- bench:begin (written by incident-bench's BenchReport; edits here are lost) -->";
  static final String END = "<!-- bench:end -->";
  static final String COMMAND = "./mvnw -q -pl incident-bench -am package -DskipTests && java -jar "
      + "incident-bench/target/benchmarks.jar --doc docs/PERFORMANCE.md";

  static final String POSTGRES_URL_PROPERTY = "incidents.bench.postgres-url";
  static final String MARIADB_URL_PROPERTY = "incidents.bench.mariadb-url";

  enum Group { threads, importing, scale, stages, reads, updates, events, filters }

  @Option(names = "--groups", split = ",", description = "Groups to run: ${COMPLETION-CANDIDATES} (default: all).")
  List<Group> groups = List.of(Group.values());

  @Option(names = "--stores", split = ",", description = "Stores to measure (default: " + StoreKind.ALL + ").")
  List<String> stores = List.of(StoreKind.ALL.split(","));

  @Option(names = "--threads", split = ",", description = "Thread counts of the threads group (default: 1,2,4,8).")
  List<Integer> threads = List.of(1, 2, 4, 8);

  @Option(names = "--filter-sizes", split = ",", description = "Store sizes of the filters group (default: "
      + "10000,100000,1000000).")
  List<Integer> filterSizes = List.of(10_000, 100_000, 1_000_000);

  @Option(names = "--quick", description = "One fork of 2 warm-up and 3 measured iterations of 1 s, for trying "
      + "things out: most figures come out unstable, and none is fit for the report.")
  boolean quick;

  @Option(names = "--postgres-url", description = "JDBC URL of the PostgreSQL server, where each store gets a schema "
      + "of its own (default: INCIDENTS_TEST_POSTGRES_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres).")
  @Nullable String postgresUrl;

  @Option(names = "--mariadb-url", description = "JDBC URL of the MariaDB server, where each store gets a database "
      + "of its own (default: INCIDENTS_TEST_MARIADB_URL, else jdbc:mariadb://127.0.0.1:3306/test?user=root).")
  @Nullable String mariadbUrl;

  @Option(names = "--results", description = "Where JMH's JSON results go and are read from (default: ${DEFAULT-VALUE}).")
  Path resultsDir = Path.of("target", "bench-results");

  @Option(names = "--render-only", description = "Write the report from the saved results without running anything.")
  boolean renderOnly;

  @Option(names = "--doc", description = "The Markdown file whose section between the bench markers is replaced; "
      + "the plot is written next to it.")
  @Nullable Path doc;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchReport()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    stores.forEach(StoreKind::of);
    // Read here (for the machine line) and by the forks, which get the same properties.
    if (postgresUrl != null) {
      System.setProperty(POSTGRES_URL_PROPERTY, postgresUrl);
    }
    if (mariadbUrl != null) {
      System.setProperty(MARIADB_URL_PROPERTY, mariadbUrl);
    }
    Files.createDirectories(resultsDir);
    Path machineFile = resultsDir.resolve("machine.txt");
    if (!renderOnly) {
      // Described before the run, and kept with its results, so that --render-only reports the same machine.
      Files.writeString(machineFile, machine());
      for (Group group : groups) {
        run(group);
      }
    }
    Results results = Results.readAll(resultsDir);
    String machine = Files.exists(machineFile) ? Files.readString(machineFile) : machine();
    String tables = new Report(results).render(machine, COMMAND);
    Path report = resultsDir.resolve("report.md");
    Files.writeString(report, tables);
    Path plot = resultsDir.resolve("throughput-threads.png");
    ThroughputPlot.write(results, plot);
    if (doc != null) {
      replaceSection(doc, tables);
      Files.copy(plot, doc.resolveSibling("throughput-threads.png"), StandardCopyOption.REPLACE_EXISTING);
    }
    System.out.println(tables);
    System.out.println("Report: " + report + (doc != null ? ", and in " + doc : ""));
    return 0;
  }

  private void run(Group group) throws RunnerException {
    switch (group) {
      case threads -> {
        for (int t : threads) {
          runJmh("threads-t" + t, options("CreateBenchmark\\.create$|RawBenchmark\\.write$").threads(t)
              .param("store", stores.toArray(String[]::new)));
        }
      }
      case importing -> {
        if (stores.contains(StoreKind.MAPDB_FILE.id)) {
          runJmh("import", options("ImportBenchmark").param("store", StoreKind.MAPDB_FILE.id));
        }
      }
      case scale -> runJmh("scale", options("ScaleBenchmark").param("store", stores.toArray(String[]::new)));
      case stages -> runJmh("stages", options("StagesBenchmark"));
      case reads -> runJmh("reads", options("ReadBenchmark").param("store", stores.toArray(String[]::new)));
      case updates -> {
        for (int t : Report.UPDATE_THREADS) {
          runJmh("updates-t" + t, options("UpdateBenchmark").threads(t).param("store", stores.toArray(String[]::new)));
        }
      }
      case events -> {
        // Only the durable stores: the target is what events cost a durable create.
        String[] durable = stores.stream().filter(id -> StoreKind.of(id).durable).toArray(String[]::new);
        if (durable.length > 0) {
          for (int t : Report.EVENT_THREADS) {
            runJmh("events-t" + t, options("EventsBenchmark\\.createWithEvents$").threads(t).param("store", durable));
          }
        }
      }
      case filters -> runJmh("filters", options("FilterBenchmark").param("store", stores.toArray(String[]::new))
          .param("stored", filterSizes.stream().map(String::valueOf).toArray(String[]::new)));
    }
  }

  /**
   * JMH's options for one group: the benchmarks' own settings (see {@link StoreBenchmark}), a full collection
   * between iterations, so that no measurement pays for the garbage of the one before, and the servers' URLs.
   */
  private ChainedOptionsBuilder options(String include) {
    ChainedOptionsBuilder options = new OptionsBuilder().include("dev\\.incidents\\.bench\\.(" + include + ")")
        .shouldDoGC(true);
    List<String> properties = new ArrayList<>();
    if (postgresUrl != null) {
      properties.add("-D" + POSTGRES_URL_PROPERTY + "=" + postgresUrl);
    }
    if (mariadbUrl != null) {
      properties.add("-D" + MARIADB_URL_PROPERTY + "=" + mariadbUrl);
    }
    if (!properties.isEmpty()) {
      // Prepended: appended arguments given here would replace the benchmarks' own (their heap settings).
      options.jvmArgsPrepend(properties.toArray(String[]::new));
    }
    if (quick) {
      options.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
          .measurementTime(TimeValue.seconds(1));
    }
    return options;
  }

  private void runJmh(String name, ChainedOptionsBuilder options) throws RunnerException {
    new Runner(options.resultFormat(ResultFormatType.JSON)
        .result(resultsDir.resolve(name + ".json").toString()).build()).run();
  }

  /** The machine the numbers come from, with the disk's own sync rate for scale. */
  private String machine() throws IOException {
    List<String> facts = new ArrayList<>();
    facts.add("Measured " + LocalDate.now() + " on " + cpu() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, " + memory() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ".");
    facts.add("The disk under " + System.getProperty("java.io.tmpdir") + " (where the file stores live) syncs "
        + Report.rate(syncedAppendsPerSecond()) + " appends of 2 KB per second (write + fsync, one thread).");
    for (StoreKind server : List.of(StoreKind.POSTGRESQL, StoreKind.MARIADB)) {
      if (stores.contains(server.id)) {
        facts.add(serverVersion(server) + " at " + StoreUrls.redacted(Workspace.serverUrl(server)) + ".");
      }
    }
    return String.join(" ", facts);
  }

  private static String cpu() throws IOException {
    Path info = Path.of("/proc/cpuinfo");
    if (!Files.exists(info)) {
      return System.getProperty("os.arch");
    }
    try (Stream<String> lines = Files.lines(info)) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse(System.getProperty("os.arch"));
    }
  }

  private static String memory() throws IOException {
    Path info = Path.of("/proc/meminfo");
    if (!Files.exists(info)) {
      return "unknown memory";
    }
    try (Stream<String> lines = Files.lines(info)) {
      long kib = lines.filter(l -> l.startsWith("MemTotal:")).map(l -> l.replaceAll("\\D", ""))
          .mapToLong(Long::parseLong).findFirst().orElse(0);
      return String.format(Locale.ROOT, "%.0f GiB", kib / 1024.0 / 1024.0);
    }
  }

  /** Two seconds of 2 KB appends, each synced: the ceiling of one-commit-per-create on this disk. */
  static double syncedAppendsPerSecond() throws IOException {
    Path file = Files.createTempFile("incident-bench-fsync", ".bin");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer block = ByteBuffer.allocate(2048);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      long count = 0;
      while (System.nanoTime() < end) {
        block.clear();
        channel.write(block);
        channel.force(false);
        count++;
      }
      return count / 2.0;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String serverVersion(StoreKind server) {
    String name = server == StoreKind.POSTGRESQL ? "PostgreSQL" : "MariaDB";
    try (Connection connection = DriverManager.getConnection(Workspace.serverUrl(server));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(server == StoreKind.POSTGRESQL ? "SHOW server_version"
            : "SELECT VERSION()")) {
      rs.next();
      return name + " " + rs.getString(1);
    } catch (SQLException e) {
      return name + " (unreachable: " + e.getMessage() + ")";
    }
  }

  /** Replaces what lies between the markers of {@code doc}, which must hold both. */
  static void replaceSection(Path doc, String section) throws IOException {
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(doc + " has no section between '" + BEGIN + "' and '" + END + "'");
    }
    Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + section + text.substring(end),
        StandardCharsets.UTF_8);
  }
}

package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host application on the module path, as a user with {@code requires dev.incidents.core;} builds one: it
 * compiles against the library modules alone, runs without {@code --add-modules}, opens stores by URL
 * (ServiceLoader through the modules' {@code uses}/{@code provides}) and directly, validates, creates and
 * reads through MapDB and JDBC (H2, with Flyway's migrations), and cannot see the internal packages.
 */
class ModulePathIT {

  /** The jars a host needs for core and both stores: the libraries and their dependencies, nothing of tests. */
  private static final Pattern NEEDED = Pattern.compile(".*/(incident-core|incident-store-mapdb|incident-store-jdbc"
      + "|jackson-[a-z]+|jakarta\\.validation-api|hibernate-validator|jboss-logging|classmate|jspecify|mapdb"
      + "|HikariCP|flyway-[a-z-]+|slf4j-api|slf4j-nop|h2)-[^/]*\\.jar");

  @TempDir
  Path dir;

  private static String modulePath() {
    List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> NEEDED.matcher(entry.replace(File.separatorChar, '/')).matches())
        .toList();
    assertThat(jars).as("the library jars on the test class path (run with ./mvnw verify, which packages them)")
        .anyMatch(j -> j.contains("incident-core")).anyMatch(j -> j.contains("incident-store-mapdb"))
        .anyMatch(j -> j.contains("incident-store-jdbc"));
    return String.join(File.pathSeparator, jars);
  }

  private Path source(String name, String text) throws IOException {
    Path file = dir.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private String compile(Path out, Path... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    List<String> args = new ArrayList<>(List.of("--module-path", modulePath(), "-d", out.toString(), "-Xlint:none"));
    Arrays.stream(sources).map(Path::toString).forEach(args::add);
    int status = javac.run(null, null, null, args.toArray(String[]::new));
    return status == 0 ? "" : "failed";
  }

  @Test
  void aHostApplicationOnTheModulePathUsesCoreAndBothStores() throws Exception {
    Path moduleInfo = source("module-info.java", """
        module host.app {
          requires dev.incidents.core;
          requires dev.incidents.store.mapdb;
          requires dev.incidents.store.jdbc;
        }
        """);
    Path main = source("host/Main.java", """
        package host;

        import dev.incidents.IncidentService;
        import dev.incidents.IncidentStores;
        import dev.incidents.Incidents;
        import dev.incidents.error.BadRequestException;
        import dev.incidents.model.IncidentCreateRequest;
        import dev.incidents.model.RequestContext;
        import dev.incidents.spi.IncidentStore;
        import dev.incidents.store.mapdb.MapDbIncidentStore;
        import java.nio.file.Path;

        public class Main {
          public static void main(String[] args) {
            RequestContext acme = RequestContext.of("acme", "DEVU-1");
            try (IncidentStore file = MapDbIncidentStore.open(Path.of(args[0]))) {
              run("mapdb-file", Incidents.builder().store(file).build(), acme);
            }
            for (String url : new String[] {"mapdb:memory", "memory:", "jdbc:h2:mem:modulepath;DB_CLOSE_DELAY=-1"}) {
              try (IncidentStore store = IncidentStores.open(url)) {
                run(url, Incidents.builder().store(store).build(), acme);
              }
            }
          }

          static void run(String name, IncidentService service, RequestContext acme) {
            var created = service.create(acme, IncidentCreateRequest.builder().title("Checkout is down").severity(1L).build());
            var read = service.json().get("acme", "DEVU-1", created.displayId());
            String rejected;
            try {
              service.create(acme, IncidentCreateRequest.builder().title(" ").build());
              rejected = "accepted";
            } catch (BadRequestException e) {
              rejected = e.violations().get(0).type().wireName();
            }
            System.out.println(name + " " + created.displayId() + " " + created.severity().label() + " " + read.status()
                + " " + rejected);
          }
        }
        """);
    Path classes = dir.resolve("classes");
    assertThat(compile(classes, moduleInfo, main)).as("the host compiles against the library modules").isEmpty();

    ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath() + File.pathSeparator + classes, "-m", "host.app/host.Main",
        dir.resolve("incidents.db").toString())
        .redirectErrorStream(true);
    Process process = java.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the host finishes").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines().collect(Collectors.toList())).as(output).contains(
        "mapdb-file INC-1 Sev1 200 value_not_permitted",
        "mapdb:memory INC-1 Sev1 200 value_not_permitted",
        "memory: INC-1 Sev1 200 value_not_permitted",
        "jdbc:h2:mem:modulepath;DB_CLOSE_DELAY=-1 INC-1 Sev1 200 value_not_permitted");
  }

  @Test
  void theInternalPackagesAreNotVisibleToAHost() throws Exception {
    Path moduleInfo = source("module-info.java", "module host.sneaky { requires dev.incidents.core; }\n");
    Path main = source("host/Sneaky.java", """
        package host;

        public class Sneaky {
          public static void main(String[] args) {
            System.out.println(dev.incidents.internal.Tenants.isValid("acme"));
          }
        }
        """);
    assertThat(compile(dir.resolve("classes"), moduleInfo, main)).as("dev.incidents.internal is not exported")
        .isEqualTo("failed");
  }
}

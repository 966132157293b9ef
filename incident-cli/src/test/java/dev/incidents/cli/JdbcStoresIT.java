package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.cli.IncidentProcess.Result;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's JDBC drivers at work: H2 always; PostgreSQL and MariaDB at the URLs {@code .ci/run} exports
 * ({@code INCIDENTS_TEST_POSTGRES_URL}, {@code INCIDENTS_TEST_MARIADB_URL}). Without a URL those tests are
 * skipped, unless {@code INCIDENTS_REQUIRE_DATABASES=true}, when they fail: CI must not pass by skipping. Each
 * server test works in a new PostgreSQL schema or MariaDB database, dropped afterwards, and passes the user
 * with {@code --store-user} and any password through {@code INCIDENT_STORE_PASSWORD}, as the docs suggest.
 */
class JdbcStoresIT {

  private static final Pattern CREDENTIAL = Pattern.compile("[?&](user|password)=([^&]*)");

  @TempDir
  Path dir;

  @Test
  void anH2File() {
    importReadAndList(IncidentProcess.in(dir), "--store", "jdbc:h2:./h2/incidents");
  }

  @Test
  void postgresql() throws SQLException {
    String url = serverUrl("INCIDENTS_TEST_POSTGRES_URL");
    String schema = "incidents_cli_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    execute(url, "CREATE SCHEMA " + schema);
    try {
      withCredentialsAsOptions(url + "&currentSchema=" + schema);
    } finally {
      execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void mariadb() throws SQLException {
    String url = serverUrl("INCIDENTS_TEST_MARIADB_URL");
    String database = "incidents_cli_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    execute(url, "CREATE DATABASE " + database);
    try {
      withCredentialsAsOptions(url.replaceFirst("^(jdbc:mariadb://[^/?]+/)[^?]*", "$1" + database));
    } finally {
      execute(url, "DROP DATABASE " + database);
    }
  }

  /** Runs the commands with the URL's user and password moved to --store-user and INCIDENT_STORE_PASSWORD. */
  private void withCredentialsAsOptions(String url) {
    IncidentProcess incident = IncidentProcess.in(dir);
    List<String> args = new ArrayList<>();
    Matcher credential = CREDENTIAL.matcher(url);
    while (credential.find()) {
      if (credential.group(1).equals("user")) {
        args.addAll(List.of("--store-user", credential.group(2)));
      } else {
        incident.env("INCIDENT_STORE_PASSWORD", credential.group(2));
      }
    }
    String bare = CREDENTIAL.matcher(url).replaceAll("").replaceFirst("^([^?&]*)&", "$1?");
    args.addAll(0, List.of("--store", bare));
    importReadAndList(incident, args.toArray(String[]::new));
  }

  private static void importReadAndList(IncidentProcess incident, String... store) {
    String input = "{\"title\": \"one\"}\n{\"title\": \"two\", \"severity\": 7}\n{\"title\": \"three\"}\n";

    Result imported = incident.input(input).run(args(store, "create", "--jsonl", "--idempotency-prefix", "p"));
    Result again = incident.input(input).run(args(store, "create", "--jsonl", "--idempotency-prefix", "p"));
    Result got = incident.run(args(store, "get", "INC-2"));
    Result listed = incident.run(args(store, "list"));

    assertThat(imported.exit()).as("%s", imported).isEqualTo(3);
    assertThat(imported.lines()).hasSize(3);
    assertThat(imported.lines().get(1)).startsWith("{\"type\":\"invalid_enum_value\"");
    assertThat(again.stdout()).isEqualTo(imported.stdout());
    assertThat(got.exit()).isZero();
    assertThat(got.line()).isEqualTo(imported.lines().get(2));
    assertThat(listed.line()).contains("\"title\":\"three\"", "\"title\":\"one\"").doesNotContain("INC-3");
    assertThat(imported.stderr() + got.stderr() + listed.stderr()).as("no driver or pool logging")
        .doesNotContain("SLF4J", "INFO", "WARN");
  }

  private static String[] args(String[] store, String... command) {
    List<String> all = new ArrayList<>(List.of(store));
    all.addAll(List.of(command));
    return all.toArray(String[]::new);
  }

  private static String serverUrl(String variable) {
    Map<String, String> environment = System.getenv();
    String url = environment.get(variable);
    boolean required = "true".equalsIgnoreCase(environment.get("INCIDENTS_REQUIRE_DATABASES"));
    if (url == null || url.isBlank()) {
      String message = variable + " is not set (.ci/run sets it to a server's JDBC URL)";
      assertThat(required).as("INCIDENTS_REQUIRE_DATABASES=true, but " + message).isFalse();
      Assumptions.abort(message);
    }
    return url;
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

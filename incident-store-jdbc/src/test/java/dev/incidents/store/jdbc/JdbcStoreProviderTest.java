package dev.incidents.store.jdbc;

import static dev.incidents.store.jdbc.Documents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.IncidentStores;
import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.IncidentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcStoreProviderTest {

  private final JdbcStoreProvider provider = new JdbcStoreProvider();

  @Test
  void the_service_loader_finds_it_for_h2_postgresql_and_mariadb_urls_only() {
    try (IncidentStore store = IncidentStores.open(TestStores.h2MemoryUrl())) {
      assertThat(store).isInstanceOf(JdbcIncidentStore.class);
      assertThat(store.create(incident("acme", "a")).number()).isEqualTo(1);
    }
    assertThat(provider.accepts("jdbc:postgresql://db/x")).isTrue();
    assertThat(provider.accepts("jdbc:mariadb://db/x")).isTrue();
    assertThat(provider.accepts("jdbc:mysql://db/x")).isFalse();
    assertThat(provider.accepts("mapdb:./x.db")).isFalse();
    assertThatThrownBy(() -> IncidentStores.open("jdbc:mysql://db/x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no store provider accepts");
  }

  @Test
  void options_are_checked_and_unknown_ones_rejected() {
    String url = TestStores.h2MemoryUrl();
    assertThatThrownBy(() -> provider.open(url, Map.of("schema", "x", "user", "sa")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option(s) [schema]")
        .hasMessageContaining("[allowCodeInUrl, migrate, password, poolSize, user]");
    assertThatThrownBy(() -> provider.open(url, Map.of("poolSize", "1"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize must be a whole number from 2 to 100 (migrating takes two connections), got '1'");
    assertThatThrownBy(() -> provider.open(url, Map.of("poolSize", "lots"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 'lots'");
    assertThatThrownBy(() -> provider.open(url, Map.of("migrate", "yes"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("migrate must be true or false");
    assertThatThrownBy(() -> provider.open("jdbc:h2:mem:x", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DB_CLOSE_DELAY=-1");
  }

  @Test
  void user_and_password_are_the_credentials(@TempDir Path dir) {
    String url = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
    provider.open(url, Map.of("user", "alice", "password", "secret")).close();
    provider.open(url, Map.of("user", "alice", "password", "secret")).close();
    assertThatThrownBy(() -> provider.open(url, Map.of("user", "alice", "password", "wrong")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("cannot open a connection to '" + url + "'");
  }

  @Test
  void without_migrate_the_tables_must_exist_already() {
    String url = TestStores.h2MemoryUrl();
    assertThatThrownBy(() -> provider.open(url, Map.of("migrate", "false")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("told not to migrate");
    provider.open(url, Map.of()).close();
    try (IncidentStore store = provider.open(url, Map.of("migrate", "false"))) {
      assertThat(store.create(incident("acme", "a")).number()).isEqualTo(1);
    }
  }

  @Test
  void the_pool_is_the_stores_own_sized_by_pool_size_and_closed_with_it(@TempDir Path dir) throws SQLException {
    String url = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
    // Migrating needed both connections of the pool at once, so the pool holds exactly two now.
    IncidentStore store = provider.open(url, Map.of("poolSize", "2"));
    try (Connection mine = DriverManager.getConnection(url)) {
      store.create(incident("acme", "a"));
      assertThat(sessions(mine)).as("the pool's two connections and mine").isEqualTo(3);
      store.close();
      assertThat(sessions(mine)).as("mine alone").isEqualTo(1);
    }
    assertThatThrownBy(() -> store.get("acme", 1)).isInstanceOf(IllegalStateException.class);
    store.close();
  }

  @Test
  void an_unreachable_server_is_unavailable_and_the_message_hides_the_password() {
    assertThatThrownBy(() -> provider.open("jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2&connectTimeout=2",
        Map.of()))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void url_settings_that_run_code_are_refused_unless_the_application_opts_in(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "the-contents-of-a-private-file\n");
    String url = "jdbc:h2:mem:init;DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM '" + secret + "'";

    assertThatThrownBy(() -> IncidentStores.open(url)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + url + "' sets INIT, which runs code when a connection opens (SQL of the URL's choosing, or "
            + "a class it names); a store URL often comes from configuration the application does not fully control, "
            + "so such settings are refused unless the application opens the store with the option allowCodeInUrl=true");
    // Opted in, the script runs and fails; its text (the file's contents) is not repeated.
    assertThatThrownBy(() -> IncidentStores.open(url, Map.of("allowCodeInUrl", "true")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("cannot open a connection to '" + url + "': SQLSTATE 42001, error code 42001")
        .hasMessageContaining("the driver's message is left out")
        .hasMessageNotContaining("the-contents-of-a-private-file")
        .satisfies(e -> assertThat(e.getCause()).as("a cause would carry the message").isNull());
    try (IncidentStore store = IncidentStores.open("jdbc:h2:mem:optin;DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT "
        + "EXISTS EXTRA", Map.of("allowCodeInUrl", "true"))) {
      assertThat(store.create(incident("acme", "a")).number()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;init=SET MODE MySQL                    | INIT
      jdbc:h2:mem:x;DB_CLOSE_DELAY=-1; Database_Event_Listener = com.Foo     | DATABASE_EVENT_LISTENER
      jdbc:h2:./x;JAVA_OBJECT_SERIALIZER=com.Foo;INIT=SELECT 1               | JAVA_OBJECT_SERIALIZER, INIT
      jdbc:postgresql://db/x?user=u&socketFactory=com.Foo                      | SOCKETFACTORY
      jdbc:postgresql://db/x?sslfactory=com.Foo&sslhostnameverifier=com.Bar    | SSLFACTORY, SSLHOSTNAMEVERIFIER
      jdbc:postgresql://db/x?sslpasswordcallback=com.Foo                       | SSLPASSWORDCALLBACK
      jdbc:postgresql://db/x?authenticationPluginClassName=com.Foo             | AUTHENTICATIONPLUGINCLASSNAME
      jdbc:postgresql://db/x?socket%46actory=com.Foo                           | SOCKETFACTORY
      jdbc:mariadb://db/x?socketFactory=com.Foo                                | SOCKETFACTORY
      """)
  void every_setting_that_runs_code_is_named(String url, String settings) {
    assertThatThrownBy(() -> provider.open(url, Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + url + "' sets " + settings + ", which run");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;TRACE_LEVEL_FILE=0",
      "jdbc:postgresql://db/x?user=u&ssl=true&sslmode=verify-full&initSocketFactory=x", "jdbc:mariadb://db/x?sslMode=trust"})
  void other_settings_are_the_drivers_business(String url) {
    assertThat(Dialect.forUrl(url).codeSettingsIn(url)).isEmpty();
  }

  private static int sessions(Connection connection) throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}

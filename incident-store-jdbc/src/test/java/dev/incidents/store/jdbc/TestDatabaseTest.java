package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The rule CI relies on: skip without a URL, unless databases are required; fail when a set URL does not work. */
class TestDatabaseTest {

  @Test
  void without_a_url_the_suite_is_skipped_with_a_message_saying_what_to_set() {
    assertThatThrownBy(() -> TestDatabase.of(TestDatabase.Kind.POSTGRESQL, Map.of()).connect())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("INCIDENTS_TEST_POSTGRES_URL is not set")
        .hasMessageContaining("jdbc:postgresql://");
    assertThatThrownBy(() -> TestDatabase.of(TestDatabase.Kind.MARIADB,
        Map.of(TestDatabase.REQUIRE_VARIABLE, "false")).connect())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("INCIDENTS_TEST_MARIADB_URL is not set");
  }

  @Test
  void without_a_url_but_with_databases_required_the_suite_fails() {
    assertThatThrownBy(() -> TestDatabase.of(TestDatabase.Kind.MARIADB,
        Map.of(TestDatabase.REQUIRE_VARIABLE, "true", "INCIDENTS_TEST_MARIADB_URL", " ")).connect())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INCIDENTS_REQUIRE_DATABASES=true")
        .hasMessageContaining("INCIDENTS_TEST_MARIADB_URL is not set");
  }

  @Test
  void a_url_that_does_not_reach_a_server_fails_the_suite_without_showing_the_password() {
    for (String required : List.of("false", "true")) {
      assertThatThrownBy(() -> TestDatabase.of(TestDatabase.Kind.POSTGRESQL, Map.of(TestDatabase.REQUIRE_VARIABLE,
          required, "INCIDENTS_TEST_POSTGRES_URL",
          "jdbc:postgresql://127.0.0.1:1/test?user=x&password=hunter2&connectTimeout=2")).connect())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot be reached")
          .hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void a_schema_url_keeps_host_and_options() {
    assertThat(TestDatabase.urlWith(TestDatabase.Kind.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test?user=root", "s1"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/s1?user=root");
    assertThat(TestDatabase.urlWith(TestDatabase.Kind.MARIADB, "jdbc:mariadb://db", "s1"))
        .isEqualTo("jdbc:mariadb://db/s1");
    assertThat(TestDatabase.urlWith(TestDatabase.Kind.POSTGRESQL, "jdbc:postgresql://db/test?user=u", "s1"))
        .isEqualTo("jdbc:postgresql://db/test?user=u&currentSchema=s1");
    assertThat(TestDatabase.urlWith(TestDatabase.Kind.POSTGRESQL, "jdbc:postgresql://db/test", "s1"))
        .isEqualTo("jdbc:postgresql://db/test?currentSchema=s1");
  }
}

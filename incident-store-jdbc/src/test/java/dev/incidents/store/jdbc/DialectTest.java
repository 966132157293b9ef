package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialectTest {

  private static final List<Dialect> ALL = List.of(Dialect.H2, Dialect.POSTGRESQL, Dialect.MARIADB);

  private static SQLException sql(String state, int code) {
    return new SQLException("test", state, code);
  }

  @Test
  void urls_and_products_pick_the_dialect_and_nothing_else() {
    assertThat(Dialect.forUrl("jdbc:h2:./data/incidents")).isSameAs(Dialect.H2);
    assertThat(Dialect.forUrl("JDBC:PostgreSQL://db/incidents")).isSameAs(Dialect.POSTGRESQL);
    assertThat(Dialect.forUrl("jdbc:mariadb://db/incidents")).isSameAs(Dialect.MARIADB);
    assertThat(Dialect.forUrl("jdbc:mysql://db/incidents")).isNull();
    assertThat(Dialect.forUrl("mapdb:./incidents.db")).isNull();
    assertThat(Dialect.forProduct("PostgreSQL")).isSameAs(Dialect.POSTGRESQL);
    assertThat(Dialect.forProduct("MariaDB")).isSameAs(Dialect.MARIADB);
    assertThat(Dialect.forProduct("H2")).isSameAs(Dialect.H2);
    assertThat(Dialect.forProduct("MySQL")).isNull();
  }

  @Test
  void every_dialect_retries_lost_connections_and_serialization_failures_but_not_other_errors() {
    for (Dialect dialect : ALL) {
      assertThat(dialect.isTransient(sql("08006", 0))).as("%s connection failure", dialect).isTrue();
      assertThat(dialect.isTransient(sql("08001", 0))).as("%s cannot connect", dialect).isTrue();
      assertThat(dialect.isTransient(sql("40001", 0))).as("%s serialization failure", dialect).isTrue();
      assertThat(dialect.isTransient(sql("42501", 0))).as("%s permission denied", dialect).isFalse();
      assertThat(dialect.isTransient(sql("22001", 0))).as("%s value too long", dialect).isFalse();
      assertThat(dialect.isTransient(sql(null, 0))).as("%s no SQLSTATE", dialect).isFalse();
      assertThat(dialect.isConnectionLoss(sql("08006", 0))).as("%s connection failure", dialect).isTrue();
      assertThat(dialect.isConnectionLoss(sql(null, 0))).as("%s no SQLSTATE", dialect).isTrue();
      assertThat(dialect.isConnectionLoss(new java.sql.SQLRecoverableException("gone", "HY000"))).isTrue();
      assertThat(dialect.isConnectionLoss(sql("40001", 0))).as("%s serialization failure", dialect).isFalse();
      assertThat(dialect.isConnectionLoss(sql("22P02", 0))).as("%s invalid text", dialect).isFalse();
      assertThat(dialect.isConnectionLoss(sql("23505", 0))).as("%s unique violation", dialect).isFalse();
    }
  }

  @Test
  void a_postgresql_shutdown_may_have_cut_a_commit_off() {
    assertThat(Dialect.POSTGRESQL.isConnectionLoss(sql("57P01", 0))).isTrue();
    assertThat(Dialect.MARIADB.isConnectionLoss(sql("57P01", 0))).isFalse();
  }

  @Test
  void each_dialect_retries_its_own_deadlocks_and_lock_timeouts() {
    assertThat(Dialect.POSTGRESQL.isTransient(sql("40P01", 0))).as("deadlock detected").isTrue();
    assertThat(Dialect.POSTGRESQL.isTransient(sql("55P03", 0))).as("lock not available").isTrue();
    assertThat(Dialect.POSTGRESQL.isTransient(sql("57P01", 0))).as("admin shutdown").isTrue();
    assertThat(Dialect.MARIADB.isTransient(sql("40001", 1213))).as("ER_LOCK_DEADLOCK").isTrue();
    assertThat(Dialect.MARIADB.isTransient(sql("HY000", 1205))).as("ER_LOCK_WAIT_TIMEOUT").isTrue();
    assertThat(Dialect.MARIADB.isTransient(sql("70100", 1927))).as("ER_CONNECTION_KILLED").isTrue();
    assertThat(Dialect.H2.isTransient(sql("HYT00", 50200))).as("lock timeout").isTrue();
    assertThat(Dialect.H2.isTransient(sql("90131", 90131))).as("concurrent update").isTrue();
    assertThat(Dialect.H2.isTransient(sql("40P01", 0))).as("PostgreSQL's code means nothing to H2").isFalse();
    assertThat(Dialect.MARIADB.isTransient(sql("HY000", 1146))).as("ER_NO_SUCH_TABLE").isFalse();
  }

  @Test
  void unique_violations_are_recognised_per_dialect() {
    assertThat(Dialect.POSTGRESQL.isUniqueViolation(sql("23505", 0))).isTrue();
    assertThat(Dialect.H2.isUniqueViolation(sql("23505", 23505))).isTrue();
    assertThat(Dialect.MARIADB.isUniqueViolation(sql("23000", 1062))).isTrue();
    assertThat(Dialect.MARIADB.isUniqueViolation(sql("23000", 1452))).as("foreign key").isFalse();
    assertThat(Dialect.POSTGRESQL.isUniqueViolation(sql("23503", 0))).as("foreign key").isFalse();
  }

  @Test
  void the_cause_may_hide_behind_a_batch_failure_or_a_wrapper() {
    BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", 0, new int[0]);
    batch.setNextException(sql("40P01", 0));
    assertThat(Dialect.POSTGRESQL.isTransient(batch)).isTrue();
    SQLException wrapper = new SQLException("wrapped", null, 0, sql("23505", 0));
    assertThat(Dialect.H2.isUniqueViolation(wrapper)).isTrue();
  }

  @Test
  void an_h2_memory_url_must_name_the_database_and_keep_it_open() {
    assertThatThrownBy(() -> Dialect.H2.checkUrl("jdbc:h2:mem:")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private");
    assertThatThrownBy(() -> Dialect.H2.checkUrl("jdbc:h2:mem:x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DB_CLOSE_DELAY=-1");
    assertThatCode(() -> Dialect.H2.checkUrl("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).doesNotThrowAnyException();
    assertThatCode(() -> Dialect.H2.checkUrl("jdbc:h2:./data/x")).doesNotThrowAnyException();
  }

  @Test
  void every_dialect_has_its_migrations_on_the_class_path() {
    for (Dialect dialect : ALL) {
      String folder = dialect.migrationLocation().substring("classpath:".length());
      assertThat(getClass().getClassLoader().getResource(folder + "/V1__incidents.sql")).as("%s", dialect).isNotNull();
    }
  }
}

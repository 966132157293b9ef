package dev.incidents.store.jdbc;

import static dev.incidents.store.jdbc.Documents.incident;
import static dev.incidents.store.jdbc.Documents.keyed;
import static dev.incidents.store.jdbc.FaultyDataSource.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.StoredIncident;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retries of PostgreSQL's own path (see {@link Dialect#allocatesOutsideTheCreate()}): numbers from a
 * transaction of their own, then a single create's insert in auto-commit mode, where the insert is the
 * commit; a batch still inserts in a transaction. {@link RetryTest} covers the one-transaction path.
 */
class PostgresRetryTest {

  @RegisterExtension
  static final TestDatabase DATABASE = TestDatabase.postgres();

  private static final String INSERT = "INSERT INTO incidents";
  private static final String ALLOCATE = "incidents_allocate";
  private static final String LOOKUP = "AND idempotency_key IN";

  private FaultyDataSource faults;
  private JdbcIncidentStore store;

  @BeforeEach
  void open() {
    faults = new FaultyDataSource(DATABASE.dataSource(DATABASE.newSchema()));
    store = TestStores.retrying(faults);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void a_single_create_is_one_insert_in_auto_commit_mode() {
    int commitsOfTheMigration = faults.commits();
    store.create(incident("acme", "a"));
    assertThat(faults.executions(ALLOCATE)).isEqualTo(1);
    assertThat(faults.executions(INSERT)).isEqualTo(1);
    assertThat(faults.commits()).isEqualTo(commitsOfTheMigration);
  }

  @Test
  void an_insert_that_failed_after_committing_without_a_key_reports_the_outcome_unknown() {
    faults.failStatementAfterExecuting(INSERT, failure("08006", 0));
    assertThatThrownBy(() -> store.create(incident("acme", "a")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("unknown whether");
    // It did commit: exactly why the store must not retry it blindly.
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(1);
  }

  @Test
  void an_insert_that_failed_after_committing_is_retried_when_the_key_finds_it() {
    faults.failStatementAfterExecuting(INSERT, failure("08006", 0));
    CreateResult result = store.create(keyed("acme", "k", "a"));
    assertThat(result).isInstanceOf(CreateResult.Replayed.class);
    assertThat(result.number()).isEqualTo(1);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(1);
  }

  @Test
  void an_insert_that_certainly_failed_is_retried_and_leaves_a_gap() {
    faults.failStatement(INSERT, failure("40001", 0));
    assertThat(store.create(incident("acme", "a")).number()).isEqualTo(2);
    assertThat(store.create(incident("acme", "b")).number()).isEqualTo(3);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).extracting(StoredIncident::number).containsExactly(3L, 2L);
  }

  @Test
  void an_insert_the_server_refused_is_not_an_unknown_outcome_and_not_retried() {
    faults.failStatement(INSERT, failure("22P02", 0)); // invalid text for jsonb: an answer, not a lost connection
    assertThatThrownBy(() -> store.create(incident("acme", "a")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("22P02")
        .hasMessageNotContaining("unknown whether")
        .hasMessageNotContaining("attempts");
    assertThat(faults.executions(INSERT)).isEqualTo(1);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).isEmpty();
  }

  @Test
  void an_insert_that_meets_a_unique_key_is_retried_with_a_new_number() {
    // As a create that lost a key race at its insert (the lookup missed): the rerun allocates again.
    faults.failStatement(INSERT, failure("23505", 0));
    assertThat(store.create(incident("acme", "a")).number()).isEqualTo(2);
    assertThat(faults.executions(INSERT)).isEqualTo(2);
  }

  @Test
  void a_failed_allocation_is_retried() {
    faults.failStatement(ALLOCATE, failure("08006", 0));
    assertThat(store.create(incident("acme", "a")).number()).isEqualTo(1);
  }

  @Test
  void a_lost_race_on_a_key_is_replayed_from_the_winner() {
    store.create(keyed("acme", "k", "winner"));
    faults.failStatement(LOOKUP, failure("23505", 0));
    CreateResult result = store.create(keyed("acme", "k", "loser"));
    assertThat(result).isInstanceOf(CreateResult.Replayed.class);
    assertThat(((CreateResult.Replayed) result).fingerprint()).isEqualTo(Documents.fingerprint("winner"));
  }

  @Test
  void a_batch_commits_in_a_transaction_and_an_ambiguous_commit_with_keys_is_replayed() {
    faults.failCommit(failure("08006", 0), true);
    List<CreateResult> results = store.createAll(List.of(keyed("acme", "k1", "a"), keyed("acme", "k2", "b")));
    assertThat(results).allMatch(r -> r instanceof CreateResult.Replayed);
    assertThat(results).extracting(r -> r.number()).containsExactly(1L, 2L);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(2);
  }

  @Test
  void connections_go_back_to_the_host_as_they_came() {
    store.create(incident("acme", "a"));
    store.createAll(List.of(incident("acme", "b"), incident("acme", "c")));
    store.get("acme", 1);
    assertThat(faults.autoCommitOnClose()).isNotEmpty().containsOnly(true);

    FaultyDataSource manual = new FaultyDataSource(DATABASE.dataSource(DATABASE.newSchema())).autoCommitOnOpen(false);
    try (JdbcIncidentStore other = JdbcIncidentStore.builder(manual.dataSource()).build()) {
      other.create(incident("acme", "a"));
      other.createAll(List.of(incident("acme", "b"), incident("acme", "c")));
      assertThat(other.get("acme", 3)).isPresent();
    }
    assertThat(manual.autoCommitOnClose()).isNotEmpty().containsOnly(false);
  }
}

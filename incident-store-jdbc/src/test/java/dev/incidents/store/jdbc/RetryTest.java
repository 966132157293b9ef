package dev.incidents.store.jdbc;

import static dev.incidents.store.jdbc.Documents.incident;
import static dev.incidents.store.jdbc.Documents.keyed;
import static dev.incidents.store.jdbc.FaultyDataSource.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.error.ServiceUnavailableException;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.BatchFailedException;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry policy, driven by injected failures on H2 (the classification per dialect is in DialectTest). */
class RetryTest {

  private static final String INSERT = "INSERT INTO incidents";
  private static final String COUNTER = "incident_counters";
  private static final String LOOKUP = "AND idempotency_key IN";

  private FaultyDataSource faults;
  private JdbcIncidentStore store;

  @BeforeEach
  void open() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(TestStores.h2MemoryUrl());
    faults = new FaultyDataSource(h2);
    store = TestStores.retrying(faults);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void a_deadlock_is_retried_and_its_number_is_not_lost() {
    faults.failStatement(INSERT, failure("40001", 0));
    assertThat(store.create(incident("acme", "a"))).isInstanceOf(CreateResult.Created.class)
        .extracting(r -> r.number()).isEqualTo(1L);
    assertThat(faults.executions(INSERT)).isEqualTo(2);
    assertThat(store.create(incident("acme", "b")).number()).isEqualTo(2);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(2);
  }

  @Test
  void a_connection_lost_before_the_commit_is_retried() {
    faults.failStatement(COUNTER, failure("08006", 0)).failConnection(failure("08001", 0));
    assertThat(store.create(incident("acme", "a")).number()).isEqualTo(1);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(1);
  }

  @Test
  void a_lost_connection_during_a_read_is_retried() {
    store.create(incident("acme", "a"));
    faults.failStatement("SELECT document", failure("08006", 0));
    assertThat(store.get("acme", 1)).isPresent();
  }

  @Test
  void a_failure_that_would_fail_again_is_not_retried() {
    faults.failStatement(INSERT, failure("42501", 0));
    assertThatThrownBy(() -> store.create(incident("acme", "a")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("failed to create an incident in tenant 'acme'")
        .hasMessageContaining("42501")
        .hasMessageNotContaining("attempts");
    assertThat(faults.executions(INSERT)).isEqualTo(1);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).isEmpty();
  }

  @Test
  void retries_stop_after_max_attempts_and_leave_nothing_behind() {
    for (int i = 0; i < 3; i++) {
      faults.failStatement(INSERT, failure("40001", 0));
    }
    assertThatThrownBy(() -> store.create(incident("acme", "a")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("in 3 attempts");
    assertThat(faults.executions(INSERT)).isEqualTo(3);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).isEmpty();
    assertThat(store.create(incident("acme", "b")).number()).isEqualTo(1);
  }

  @Test
  void a_commit_that_failed_after_committing_is_retried_when_the_key_finds_the_first_attempt() {
    faults.failCommit(failure("08006", 0), true);
    CreateResult result = store.create(keyed("acme", "k", "a"));
    assertThat(result).isInstanceOf(CreateResult.Replayed.class);
    assertThat(result.number()).isEqualTo(1);
    assertThat(((CreateResult.Replayed) result).fingerprint()).isEqualTo(Documents.fingerprint("a"));
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(1);
  }

  @Test
  void a_commit_that_failed_ambiguously_without_a_key_reports_the_outcome_unknown() {
    faults.failCommit(failure("08006", 0), true);
    assertThatThrownBy(() -> store.create(incident("acme", "a")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("unknown whether");
    // It did commit: exactly why the store must not retry it blindly.
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(1);
  }

  @Test
  void a_commit_that_certainly_rolled_back_is_retried_even_without_a_key() {
    faults.failCommit(failure("40001", 0), false);
    assertThat(store.create(incident("acme", "a")).number()).isEqualTo(1);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).hasSize(1);
  }

  @Test
  void a_lost_race_on_a_key_is_replayed_from_the_winner() {
    // The lookup misses (as if the winner committed just after it); the insert then hits the unique key.
    store.create(keyed("acme", "k", "winner"));
    faults.failStatement(LOOKUP, failure("23505", 0));
    CreateResult result = store.create(keyed("acme", "k", "loser"));
    assertThat(result).isInstanceOf(CreateResult.Replayed.class);
    assertThat(((CreateResult.Replayed) result).fingerprint()).isEqualTo(Documents.fingerprint("winner"));
  }

  @Test
  void a_throwing_renderer_is_not_retried_and_leaves_nothing_behind() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("boom");
    NewIncident failing = new NewIncident("acme", "k", Documents.fingerprint("x"), number -> {
      calls.incrementAndGet();
      throw boom;
    });
    assertThatThrownBy(() -> store.create(failing)).isSameAs(boom);
    assertThat(calls).hasValue(1);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).isEmpty();
    assertThat(store.create(keyed("acme", "k", "y"))).isInstanceOf(CreateResult.Created.class)
        .extracting(r -> r.number()).isEqualTo(1L);
  }

  @Test
  void a_failed_batch_keeps_the_batches_committed_before_it() {
    // batchSize 2: batches [1, 2], [3, 4], [5]. The second fails in every attempt: incident 3's renderer,
    // which runs in that batch's transaction, arms the faults the first time it is called.
    AtomicInteger renders = new AtomicInteger();
    NewIncident arming = new NewIncident("acme", null, null, number -> {
      if (renders.getAndIncrement() == 0) {
        for (int i = 0; i < 3; i++) {
          faults.failStatement(INSERT, failure("40001", 0));
        }
      }
      return Documents.labelled("3").render(number);
    });
    List<NewIncident> five = List.of(incident("acme", "1"), incident("acme", "2"), arming, incident("acme", "4"),
        incident("acme", "5"));
    assertThatThrownBy(() -> store.createAll(five))
        .isInstanceOfSatisfying(BatchFailedException.class, e -> {
          assertThat(e.committed()).extracting(r -> r.number()).containsExactly(1L, 2L);
          assertThat(e.getCause()).isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("in 3 attempts");
        });
    assertThat(renders).hasValue(3);
    assertThat(store.list("acme", ListQuery.newest(10).after(Long.MAX_VALUE))).extracting(StoredIncident::number).containsExactly(2L, 1L);
  }

  @Test
  void connections_go_back_to_the_host_as_they_came() {
    store.create(incident("acme", "a"));
    store.get("acme", 1);
    faults.failStatement(INSERT, failure("40001", 0));
    store.create(incident("acme", "b"));
    assertThat(faults.autoCommitOnClose()).isNotEmpty().containsOnly(true);
  }

  @Test
  void closing_the_store_leaves_a_host_data_source_open() {
    store.close();
    assertThatThrownBy(() -> store.create(incident("acme", "a"))).isInstanceOf(IllegalStateException.class);
    JdbcIncidentStore again = JdbcIncidentStore.builder(faults.dataSource()).build();
    assertThat(again.get("acme", 1)).isEmpty();
    again.close();
  }
}

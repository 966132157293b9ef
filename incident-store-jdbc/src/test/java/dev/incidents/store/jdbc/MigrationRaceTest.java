package dev.incidents.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.IncidentStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Stores opening at once against one empty schema: every one must open, and version 1 must be applied
 * exactly once. Flyway alone failed this (see {@link Migrations}): about one round in eight, with four
 * threads, before {@code Migrations.migrate} ran Flyway again after a failure; and on H2, whose DDL commits
 * Flyway's lock away, stores of one JVM failed about once in a hundred rounds before migrations of one JVM
 * took turns.
 */
abstract class MigrationRaceTest {

  private static final int JVMS = 3;
  private static final int THREADS = 4;

  /** The URL of a new, empty schema. */
  abstract String freshUrl();

  /** Rounds of the in-process race; a cheap database gets more, since the race it guards is rare. */
  int rounds() {
    return 12;
  }

  /** The versions the migrations leave in the history, each applied once. */
  List<String> expectedHistory() {
    return List.of("1:true", "3:true");
  }

  /** Whether separate processes can share the database (not an embedded H2). */
  boolean sharedBetweenProcesses() {
    return true;
  }

  @Test
  void jvms_starting_at_once_on_an_empty_schema_migrate_it_exactly_once() throws Exception {
    Assumptions.assumeTrue(sharedBetweenProcesses(), "an embedded H2 database belongs to one process");
    String url = freshUrl();
    long startAt = System.currentTimeMillis() + 4_000; // after every JVM has started up
    List<ChildJvm> children = new ArrayList<>();
    List<String> created = new ArrayList<>();
    try {
      for (int i = 0; i < JVMS; i++) {
        children.add(ChildJvm.start("migration-race-" + i, MigrationRace.class, url, Long.toString(startAt)));
      }
      for (ChildJvm child : children) {
        created.addAll(child.awaitSuccess(600)); // a guard against a hung child, not a time limit
      }
    } finally {
      children.forEach(ChildJvm::kill);
    }
    assertThat(created).containsExactlyInAnyOrder("created 1", "created 2", "created 3");
    assertThat(history(url)).containsExactlyElementsOf(expectedHistory());
  }

  @Test
  void threads_opening_stores_at_once_on_empty_schemas_all_succeed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < rounds(); round++) {
        String url = freshUrl();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> opened = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          opened.add(pool.submit(() -> {
            start.await();
            IncidentStores.open(url, Map.of("poolSize", "2")).close();
            return null;
          }));
        }
        for (Future<?> f : opened) {
          f.get();
        }
        assertThat(history(url)).as("round %d", round).containsExactlyElementsOf(expectedHistory());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The versioned rows of the history (H2's also has a marker row without a version). */
  private static List<String> history(String url) throws SQLException {
    // Flyway quotes its names; H2, unlike the others, folds unquoted names to upper case.
    String q = url.startsWith("jdbc:h2:") ? "\"" : "";
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rs = connection.createStatement().executeQuery("SELECT " + q + "version" + q + ", " + q + "success"
            + q + " FROM " + q + Migrations.HISTORY_TABLE + q + " WHERE " + q + "version" + q + " IS NOT NULL ORDER BY "
            + q + "installed_rank" + q)) {
      List<String> history = new ArrayList<>();
      while (rs.next()) {
        history.add(rs.getString(1) + ":" + rs.getBoolean(2));
      }
      return history;
    }
  }
}

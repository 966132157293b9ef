package dev.incidents.store.jdbc;

import dev.incidents.IncidentStores;
import dev.incidents.spi.IncidentStore;
import java.util.Map;

/**
 * Child JVM of {@link MigrationRaceTest}: waits until an agreed instant, opens the store (so migrates) and
 * creates one incident. Arguments: JDBC URL, start instant in epoch milliseconds.
 */
public final class MigrationRace {

  private MigrationRace() {}

  public static void main(String[] args) throws InterruptedException {
    long startAt = Long.parseLong(args[1]);
    Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
    try (IncidentStore store = IncidentStores.open(args[0], Map.of("poolSize", "2"))) {
      System.out.println("created " + store.create(Documents.incident("race", "r")).number());
    }
  }
}

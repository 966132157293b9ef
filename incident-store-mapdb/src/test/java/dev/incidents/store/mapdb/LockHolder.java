package dev.incidents.store.mapdb;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LockTest}: opens the store at {@code args[0]}, creates one incident, prints
 * {@code open}, and closes the store when its standard input ends.
 */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    try (MapDbIncidentStore store = MapDbIncidentStore.open(Path.of(args[0]))) {
      store.create(NewIncidents.incident("t", "created by the other process"));
      System.out.println("open");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }
}

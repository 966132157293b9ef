package dev.incidents.bench;

import java.util.Arrays;

/** The stores measured, by the name JMH's {@code store} parameter uses. */
enum StoreKind {
  MEMORY("memory", false),
  MAPDB_MEMORY("mapdb-memory", false),
  MAPDB_FILE("mapdb-file", true),
  H2_FILE("h2-file", true),
  POSTGRESQL("postgresql", true),
  MARIADB("mariadb", true);

  /** Every store, as JMH parameter values, in the order tables list them. */
  static final String ALL = "memory,mapdb-memory,mapdb-file,h2-file,postgresql,mariadb";

  final String id;
  /** Whether the store writes to disk, so that a create costs a commit to a file. */
  final boolean durable;

  StoreKind(String id, boolean durable) {
    this.id = id;
    this.durable = durable;
  }

  static StoreKind of(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown store '" + id + "', expected one of " + ALL));
  }

  boolean isJdbc() {
    return this == H2_FILE || this == POSTGRESQL || this == MARIADB;
  }

  /** A database server of its own, reached over TCP, where each workspace is a schema or database of its own. */
  boolean isServer() {
    return this == POSTGRESQL || this == MARIADB;
  }
}

/**
 * incident-store-jdbc: incidents in H2, PostgreSQL or MariaDB over a {@link javax.sql.DataSource}, with
 * the tables made and upgraded by Flyway.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.incidents.store.jdbc {
  requires transitive dev.incidents.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  // Flyway 13 names no module; its jar's file name gives the automatic module "flyway.core".
  requires flyway.core;

  exports dev.incidents.store.jdbc;

  provides dev.incidents.spi.IncidentStoreProvider with dev.incidents.store.jdbc.JdbcStoreProvider;
}

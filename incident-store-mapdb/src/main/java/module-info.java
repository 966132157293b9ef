/**
 * incident-store-mapdb: the embedded default store, one MapDB file ({@code mapdb:PATH}) or memory
 * ({@code mapdb:memory}).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.incidents.store.mapdb {
  requires transitive dev.incidents.core;
  // MapDB 1.0.9 names no module; its jar's file name gives the automatic module "mapdb".
  requires mapdb;

  exports dev.incidents.store.mapdb;

  provides dev.incidents.spi.IncidentStoreProvider with dev.incidents.store.mapdb.MapDbStoreProvider;
}

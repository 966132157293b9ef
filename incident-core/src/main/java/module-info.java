/**
 * incident-core: the service, its model and JSON, the storage SPI and the in-memory store.
 *
 * <p>Exported: the public API ({@code dev.incidents} and its {@code model}, {@code error}, {@code events}, {@code json},
 * {@code catalog}, {@code schema}, {@code reference} packages, the in-memory store in {@code memory}) and the
 * storage SPI ({@code spi}). Everything else is internal: {@code internal} is shared with the library's own
 * store modules only, and {@code validation} is opened to Hibernate Validator only.
 */
module dev.incidents.core {
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires jakarta.validation;
  requires org.hibernate.validator;
  // To quiet Hibernate Validator's INFO announcement at start-up, which goes through java.util.logging.
  requires java.logging;

  exports dev.incidents;
  exports dev.incidents.catalog;
  exports dev.incidents.error;
  exports dev.incidents.events;
  exports dev.incidents.json;
  exports dev.incidents.memory;
  exports dev.incidents.model;
  exports dev.incidents.reference;
  exports dev.incidents.schema;
  exports dev.incidents.spi;
  exports dev.incidents.internal to dev.incidents.store.jdbc;

  // Jackson reads and writes the records of the contract; Hibernate Validator reads their constraints and
  // creates the validator of @Text.
  opens dev.incidents.model to com.fasterxml.jackson.databind, org.hibernate.validator;
  opens dev.incidents.error to com.fasterxml.jackson.databind;
  opens dev.incidents.validation to org.hibernate.validator;

  uses dev.incidents.spi.IncidentStoreProvider;

  provides dev.incidents.spi.IncidentStoreProvider with dev.incidents.memory.InMemoryStoreProvider;
}

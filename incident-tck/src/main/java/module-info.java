/**
 * incident-tck: the contract kit every {@code IncidentStore} must pass. A store's test extends
 * {@link dev.incidents.tck.IncidentStoreTck}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.incidents.tck {
  requires transitive dev.incidents.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  // QuickTheories 0.26 names no module; its jar's file name gives the automatic module "quicktheories".
  requires transitive quicktheories;
  requires com.fasterxml.jackson.databind;

  exports dev.incidents.tck;

  // JUnit calls the kit's lifecycle methods, which are not public.
  opens dev.incidents.tck to org.junit.platform.commons;
}

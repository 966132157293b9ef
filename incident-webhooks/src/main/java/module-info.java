/**
 * incident-webhooks: webhook endpoints per tenant, kept in the store's records, and a relay that POSTs every
 * event signed as the Standard Webhooks specification says, retrying with exponential backoff and jitter and
 * parking an event as dead after a bounded number of attempts (docs/CONTRACT.md section 13, docs/EVENTS.md).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.incidents.webhooks {
  requires transitive dev.incidents.core;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  // resilience4j names its modules in its manifests (automatic modules).
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.core;

  exports dev.incidents.webhooks;
}

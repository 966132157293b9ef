/**
 * incident-http: the REST API's incidents routes as a Jakarta Servlet (docs/CONTRACT.md section 12, docs/HTTP.md).
 *
 * <p>Exported: {@code dev.incidents.http} (the servlet and the authenticator). Everything else is internal.
 */
module dev.incidents.http {
  requires transitive dev.incidents.core;
  requires transitive jakarta.servlet;
  requires com.fasterxml.jackson.databind;

  exports dev.incidents.http;
}

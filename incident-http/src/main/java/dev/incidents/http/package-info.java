/**
 * The incidents routes of the REST API over HTTP: {@link dev.incidents.http.IncidentServlet}, which a servlet
 * container or a Spring Boot application mounts under a path, and the {@link dev.incidents.http.Authenticator}
 * that turns a request's token into the tenant and actor it acts for (docs/CONTRACT.md section 12).
 */
@NullMarked
package dev.incidents.http;

import org.jspecify.annotations.NullMarked;

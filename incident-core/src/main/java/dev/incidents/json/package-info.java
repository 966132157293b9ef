/**
 * The contract's JSON: {@code dev.incidents.JsonEndpoint} serves the whole exchange for a host
 * application (bytes in, status and bytes out); {@link dev.incidents.json.IncidentJson} reads and writes the
 * pieces. Jackson is configured in one place and never appears in the public API.
 */
@NullMarked
package dev.incidents.json;

import org.jspecify.annotations.NullMarked;

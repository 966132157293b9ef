/**
 * The service implementation, the request checker, the renderer and the cursor and fingerprint helpers. No
 * compatibility promise: shared with the library's own store modules only.
 */
@NullMarked
package dev.incidents.internal;

import org.jspecify.annotations.NullMarked;

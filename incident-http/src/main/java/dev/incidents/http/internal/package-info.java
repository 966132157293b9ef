/** The servlet's request handling, routes and replies; not exported. */
@NullMarked
package dev.incidents.http.internal;

import org.jspecify.annotations.NullMarked;

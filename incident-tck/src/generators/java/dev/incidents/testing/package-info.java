/**
 * Request generators, the test clock and the API listing: shipped inside the kit (not exported) and compiled
 * into core's own tests as well.
 */
@NullMarked
package dev.incidents.testing;

import org.jspecify.annotations.NullMarked;

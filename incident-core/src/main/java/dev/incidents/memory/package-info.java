/** The in-memory store, for unit tests of applications that embed the library. */
@NullMarked
package dev.incidents.memory;

import org.jspecify.annotations.NullMarked;

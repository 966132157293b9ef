/** The in-memory store, for unit tests of applications that embed the library. */
package dev.incidents.memory;

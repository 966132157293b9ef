package dev.incidents.store.mapdb;

import dev.incidents.error.ServiceUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * How the store reports what went wrong. MapDB 1.0 signals I/O and format problems with {@link Error}s
 * ({@link java.io.IOError}, {@link AssertionError}, {@link IllegalAccessError} once closed) as well as runtime
 * exceptions, so the store catches both and translates them here; only a {@link VirtualMachineError} is let
 * through as it is.
 */
final class Failures {

  private Failures() {}

  /** A {@code service_unavailable} failure with a message saying what failed. */
  static ServiceUnavailableException unavailable(String message, @Nullable Throwable cause) {
    return ServiceUnavailableException.of(message, cause);
  }

  /** Rethrows {@code e} if the JVM itself is failing (out of memory, stack overflow). */
  static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  /** Throws {@code failure} to a caller as it is if unchecked, wrapped if checked (possible from a renderer). */
  static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw unavailable("creating an incident failed: " + failure, failure);
  }
}

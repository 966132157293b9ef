package dev.incidents.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The streams a run uses: tests pass their own, {@link Main} the process's.
 *
 * @param in requests: stdin
 * @param out reply bodies and help: stdout (unbuffered; the caller buffers)
 * @param err human messages: stderr
 * @param errIsTerminal whether stderr is a terminal, so a progress line that rewrites itself makes sense
 */
record Io(InputStream in, OutputStream out, PrintStream err, boolean errIsTerminal) {

  /** The process's streams. */
  static Io system() {
    return new Io(System.in, new FileOutputStream(FileDescriptor.out), System.err, stderrIsTerminal());
  }

  /**
   * Whether file descriptor 2 is a terminal. Java 17 has no direct check: {@code System.console()} is only
   * there when stdin and stdout are terminals, which an import from a file never has. On Linux the
   * descriptor's link names the device; elsewhere the console is the best hint there is.
   */
  private static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | SecurityException e) {
      // fall through to the console
    }
    return System.console() != null;
  }
}

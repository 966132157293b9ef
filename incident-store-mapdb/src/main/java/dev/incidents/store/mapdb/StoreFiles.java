package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.unavailable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The files of a store: the main file named by the URL, the two companions MapDB 1.0 keeps next to it, and
 * the lock file. This is the one place that knows their names and checks them before MapDB touches them:
 * MapDB opens whatever it is given read-write and grows it to a megabyte before it notices that the header
 * is wrong, so a foreign file would be damaged by the attempt.
 */
final class StoreFiles {

  /** {@code StoreDirect.HEADER} of MapDB 1.0: the first four bytes of the main file and the data file. */
  static final int MAPDB_HEADER = 0x0DF6459A;
  /** Size of the transaction log once MapDB has replayed and reset it: header only, no pending commit. */
  private static final long EMPTY_LOG_SIZE = 16;
  /** {@code StoreWAL.LOG_SEAL}: at offset 8 of the log once a commit is sealed, until the log is reset. */
  private static final long LOG_SEALED = 4566556446554645L;

  /** Store files are readable and writable by their owner only: incident data is often sensitive. */
  static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
  /** A directory the store creates is its owner's only, as PostgreSQL keeps its data directory. */
  static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

  /** The main (index) file. */
  final Path main;
  /** MapDB's data file, {@code PATH.p}. */
  final Path data;
  /** MapDB's transaction log, {@code PATH.t}. */
  final Path log;
  /** The lock file, {@code PATH.lock}: ours, held for the store's lifetime. */
  final Path lock;

  StoreFiles(Path main) {
    this.main = main.toAbsolutePath().normalize();
    this.data = sibling(".p");
    this.log = sibling(".t");
    this.lock = sibling(".lock");
  }

  private Path sibling(String suffix) {
    return main.resolveSibling(main.getFileName() + suffix);
  }

  /** The directory the files live in; call after refuseDirectory: only the root has no parent. */
  private Path directory() {
    return Objects.requireNonNull(main.getParent(), "an absolute path that is not a directory has a parent");
  }

  /** Refuses a directory as the main file, and creates the directory the files live in (owner only) if missing. */
  void prepareDirectory() {
    refuseDirectory();
    Path directory = directory();
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, ownerOnly(DIRECTORY_PERMISSIONS));
      }
    } catch (IOException e) {
      throw unavailable("cannot create the directory of the incident store " + main + ": " + e, e);
    }
  }

  /**
   * Creates MapDB's files that are missing, empty and owner only, once {@link #checkBeforeOpen} passed: MapDB
   * would create them with the process's default permissions, usually readable by everyone.
   */
  void createMissingFiles() {
    for (Path file : List.of(main, data, log)) {
      try {
        Files.createFile(file, ownerOnly(FILE_PERMISSIONS));
      } catch (FileAlreadyExistsException e) {
        // an existing store, or one whose creation was cut short: its permissions are its owner's choice
      } catch (IOException e) {
        throw unavailable("cannot create " + file + " for the incident store " + main + ": " + e, e);
      }
    }
  }

  /**
   * Throws unless the store exists: its main file is there and not empty. Creates nothing, so a mistyped
   * path leaves no trace.
   */
  void requireExisting() {
    refuseDirectory();
    if (size(main) <= 0) {
      throw unavailable("there is no incident store at " + main + " (" + (Files.exists(main) ? "the file is empty"
          : Files.isDirectory(directory()) ? "no such file" : "no such directory: " + directory())
          + "); it was opened to read an existing store, so nothing was created", null);
    }
  }

  private void refuseDirectory() {
    if (Files.isDirectory(main)) {
      throw unavailable(main + " is a directory; the store URL must name the store's file, such as mapdb:"
          + main.resolve("incidents.db"), null);
    }
  }

  /**
   * The attributes that create a file or directory with {@code permissions}, on a file system with POSIX
   * permissions; none elsewhere (the file system's own access rules apply there).
   */
  FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    return main.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  /**
   * Throws unless the files are absent (a new store) or look like a MapDB 1.0 store. Reads only, so a file
   * that is rejected is left as it was.
   */
  void checkBeforeOpen() {
    if (size(main) <= 0) {
      if (size(data) > 0 || size(log) > EMPTY_LOG_SIZE) {
        throw unavailable("the incident store " + main + " is missing or empty, but " + data + " or " + log
            + " holds data: restore all files of the store together, or move them away to start a new store",
            null);
      }
      return;
    }
    requireMapDbHeader(main);
    if (size(data) <= 0) {
      throw unavailable("the data file " + data + " of the incident store " + main + " is missing or empty: "
          + "restore all files of the store together (docs/STORES.md lists them)", null);
    }
    requireMapDbHeader(data);
  }

  private static void requireMapDbHeader(Path file) {
    ByteBuffer header = ByteBuffer.allocate(4);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (header.hasRemaining() && channel.read(header) >= 0) {
        // read until four bytes or end of file
      }
    } catch (IOException e) {
      throw unavailable("cannot read " + file + ": " + e, e);
    }
    if (header.hasRemaining() || header.getInt(0) != MAPDB_HEADER) {
      throw unavailable(file + " is not a file of a MapDB 1.0 incident store (its header is not MapDB's); "
          + "it was left untouched", null);
    }
  }

  /**
   * Whether the transaction log holds a sealed commit, which MapDB replays into the store when it opens the
   * files: the process died between sealing a commit and resetting the log.
   */
  boolean logHoldsACommit() {
    if (size(log) < EMPTY_LOG_SIZE) {
      return false;
    }
    ByteBuffer header = ByteBuffer.allocate((int) EMPTY_LOG_SIZE);
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
      while (header.hasRemaining() && channel.read(header) >= 0) {
        // read the whole header
      }
    } catch (IOException e) {
      throw unavailable("cannot read " + log + ": " + e, e);
    }
    return header.getInt(0) == MAPDB_HEADER && header.getLong(8) == LOG_SEALED;
  }

  /** The size of a file, or -1 if there is none. */
  private static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : -1;
    } catch (IOException e) {
      throw unavailable("cannot read the size of " + file + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return main.toString();
  }
}

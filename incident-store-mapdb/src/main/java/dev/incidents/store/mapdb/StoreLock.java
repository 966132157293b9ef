package dev.incidents.store.mapdb;

import static dev.incidents.store.mapdb.Failures.unavailable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The exclusive OS lock on {@code PATH.lock}, held from before MapDB opens the store until after it is
 * closed. MapDB 1.0 locks nothing, and a second process writing the same files corrupts them; this lock
 * makes the second opener fail instead. The lock file is never deleted (deleting it would let two openers
 * lock two different files); only the OS lock counts, and it dies with its process. It holds the holder's
 * process id, for the error message of the next opener.
 */
final class StoreLock implements AutoCloseable {

  private final FileChannel channel;

  private StoreLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Locks the store's lock file.
   *
   * @throws dev.incidents.error.ServiceUnavailableException if another process or another store of this JVM
   *     holds it, or it cannot be created
   */
  static StoreLock acquire(StoreFiles files) {
    FileChannel channel;
    try {
      channel = FileChannel.open(files.lock, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE), files.ownerOnly(StoreFiles.FILE_PERMISSIONS));
    } catch (IOException e) {
      throw unavailable("cannot create the lock file " + files.lock + " of the incident store " + files.main
          + ": " + e, e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw unavailable("the incident store " + files.main + " is in use by another process"
            + holder(channel) + ", which holds the lock on " + files.lock
            + "; stop that process or close its store, then try again", null);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new StoreLock(channel);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw unavailable("the incident store " + files.main + " is already open in this JVM (a store holds the "
          + "lock on " + files.lock + "); use that store, or close it first", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw unavailable("cannot lock " + files.lock + " for the incident store " + files.main + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** " (pid N)" from the lock file, or nothing when it cannot be read. */
  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
      return pid.matches("[0-9]{1,19}") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // the channel is unusable either way; the failure being reported matters more
    }
  }

  /** Releases the lock (closing the channel releases it). */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw unavailable("cannot release the store lock: " + e, e);
    }
  }
}

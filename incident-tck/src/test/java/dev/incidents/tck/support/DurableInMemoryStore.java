package dev.incidents.tck.support;

import dev.incidents.memory.InMemoryIncidentStore;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.ListQuery;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.util.List;
import java.util.Optional;

/**
 * A "durable" store for the kit's own tests: a handle over an in-memory store that outlives it, so
 * {@link #reopen()} gives a new instance over the same data, as reopening a file would. Closing a handle
 * makes its calls fail and leaves the data alone.
 */
public class DurableInMemoryStore extends ForwardingIncidentStore {

  private final IncidentStore storage;
  private volatile boolean closed;

  protected DurableInMemoryStore(IncidentStore storage) {
    super(storage);
    this.storage = storage;
  }

  /** A new handle over new, empty storage. */
  public static DurableInMemoryStore create() {
    return new DurableInMemoryStore(new InMemoryIncidentStore());
  }

  /** Closes this handle and returns a new one over the same storage. */
  public DurableInMemoryStore reopen() {
    close();
    return new DurableInMemoryStore(storage);
  }

  /** Another open handle over the same storage; this one stays open. */
  public DurableInMemoryStore sibling() {
    return new DurableInMemoryStore(storage);
  }

  protected IncidentStore storage() {
    checkOpen();
    return storage;
  }

  /** Every call goes to the storage, once this handle is checked to be open. */
  @Override
  protected IncidentStore delegate() {
    return storage();
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
  }
}

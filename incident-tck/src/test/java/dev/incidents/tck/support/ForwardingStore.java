package dev.incidents.tck.support;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.StoredIncident;
import java.util.List;
import java.util.Optional;

/**
 * A store that forwards every call to another: the base of the recording and the broken stores.
 * {@code createAll} is deliberately not forwarded: the SPI's default calls {@link #create} for each, so a
 * subclass that changes {@code create} changes batches too.
 */
public class ForwardingStore implements IncidentStore {

  protected final IncidentStore delegate;

  public ForwardingStore(IncidentStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public CreateResult create(NewIncident incident) {
    return delegate.create(incident);
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    return delegate.get(tenant, number);
  }

  @Override
  public List<StoredIncident> list(String tenant, long beforeNumber, int limit) {
    return delegate.list(tenant, beforeNumber, limit);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}

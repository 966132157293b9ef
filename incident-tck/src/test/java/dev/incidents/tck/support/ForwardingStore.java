package dev.incidents.tck.support;

import dev.incidents.spi.Batches;
import dev.incidents.spi.CreateResult;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.NewIncident;
import java.util.List;

/**
 * A store that forwards every call to another: the base of the recording and the broken stores.
 * {@code createAll} is deliberately not forwarded: it calls {@link #create} for each, so a subclass that
 * changes {@code create} changes batches too.
 */
public class ForwardingStore extends ForwardingIncidentStore {

  protected final IncidentStore delegate;

  public ForwardingStore(IncidentStore delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  public List<CreateResult> createAll(List<NewIncident> incidents) {
    return Batches.inUnits(incidents, 1, unit -> List.of(create(unit.get(0))));
  }

  /** The incident a create stored or replayed. */
  protected static dev.incidents.spi.StoredIncident stored(CreateResult result) {
    if (result instanceof CreateResult.Created created) {
      return created.incident();
    }
    if (result instanceof CreateResult.Replayed replayed) {
      return replayed.incident();
    }
    throw new IllegalStateException("the key's incident was deleted: " + result);
  }
}

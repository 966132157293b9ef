package dev.incidents;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.DeleteResult;
import dev.incidents.spi.ForwardingIncidentStore;
import dev.incidents.spi.IncidentDeletion;
import dev.incidents.spi.IncidentStore;
import dev.incidents.spi.IncidentUpdate;
import dev.incidents.spi.NewIncident;
import dev.incidents.spi.UpdateResult;
import java.util.List;

/** The service's store when it records events: after every write, wakes the service's consumers. */
final class SignallingStore extends ForwardingIncidentStore {

  private final EventSignal signal;

  SignallingStore(IncidentStore delegate, EventSignal signal) {
    super(delegate);
    this.signal = signal;
  }

  @Override
  public CreateResult create(NewIncident incident) {
    try {
      return super.create(incident);
    } finally {
      signal.changed();
    }
  }

  @Override
  public List<CreateResult> createAll(List<NewIncident> incidents) {
    // Also when it fails: the units committed before the failure have their events.
    try {
      return super.createAll(incidents);
    } finally {
      signal.changed();
    }
  }

  @Override
  public UpdateResult update(IncidentUpdate update) {
    try {
      return super.update(update);
    } finally {
      signal.changed();
    }
  }

  @Override
  public DeleteResult delete(IncidentDeletion deletion) {
    try {
      return super.delete(deletion);
    } finally {
      signal.changed();
    }
  }
}

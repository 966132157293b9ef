package dev.incidents.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that passes every call to {@link #delegate()}: extend it and override what a decorator changes (metrics,
 * tracing, fault injection in tests), as Guava's forwarding collections do. Every method forwards, {@link
 * #createAll} included, so the delegate's own batching is kept.
 */
public abstract class ForwardingIncidentStore implements IncidentStore {

  private final IncidentStore delegate;

  /** A store forwarding to {@code delegate}. */
  protected ForwardingIncidentStore(IncidentStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected IncidentStore delegate() {
    return delegate;
  }

  @Override
  public CreateResult create(NewIncident incident) {
    return delegate().create(incident);
  }

  @Override
  public List<CreateResult> createAll(List<NewIncident> incidents) {
    return delegate().createAll(incidents);
  }

  @Override
  public UpdateResult update(IncidentUpdate update) {
    return delegate().update(update);
  }

  @Override
  public DeleteResult delete(IncidentDeletion deletion) {
    return delegate().delete(deletion);
  }

  @Override
  public Optional<StoredIncident> get(String tenant, long number) {
    return delegate().get(tenant, number);
  }

  @Override
  public List<StoredIncident> list(String tenant, ListQuery query) {
    return delegate().list(tenant, query);
  }

  @Override
  public List<StoredIncident> unindexed(int limit) {
    return delegate().unindexed(limit);
  }

  @Override
  public void index(String tenant, long number, long version, IncidentFacets facets) {
    delegate().index(tenant, number, version, facets);
  }

  @Override
  public List<StoredEvent> events(long afterSequence, int limit) {
    return delegate().events(afterSequence, limit);
  }

  @Override
  public long lastEventSequence() {
    return delegate().lastEventSequence();
  }

  @Override
  public long pruneEvents(long throughSequence) {
    return delegate().pruneEvents(throughSequence);
  }

  @Override
  public Optional<byte[]> record(String namespace, String key) {
    return delegate().record(namespace, key);
  }

  @Override
  public void putRecord(String namespace, String key, byte[] value) {
    delegate().putRecord(namespace, key, value);
  }

  @Override
  public boolean removeRecord(String namespace, String key) {
    return delegate().removeRecord(namespace, key);
  }

  @Override
  public List<StoredRecord> records(String namespace, String afterKey, int limit) {
    return delegate().records(namespace, afterKey, limit);
  }

  @Override
  public void close() {
    delegate().close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}

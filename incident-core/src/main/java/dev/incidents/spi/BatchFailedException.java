package dev.incidents.spi;

import java.util.List;

/**
 * {@link IncidentStore#createAll} failed part way: the incidents of {@link #committed()} are stored, the
 * rest are not.
 */
public final class BatchFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<CreateResult> committed;

  /**
   * A failure after the first {@code committed.size()} incidents of the list were stored.
   *
   * @param committed the results of the incidents that are stored, in order
   * @param cause what failed
   */
  public BatchFailedException(List<CreateResult> committed, Throwable cause) {
    super("creating a batch failed after " + committed.size() + " incidents were committed: " + cause, cause);
    this.committed = List.copyOf(committed);
  }

  /** The results of the incidents that are stored: the first {@code committed().size()} of the list. */
  public List<CreateResult> committed() {
    return committed;
  }
}

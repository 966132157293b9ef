package dev.incidents.store.mapdb;

import java.io.IOError;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.mapdb.Engine;
import org.mapdb.EngineWrapper;
import org.mapdb.Serializer;

/**
 * Wraps each MapDB storage engine the store opens, counts commits, and fails on request the way a full or
 * failing disk does (MapDB reports I/O failures as {@link IOError}).
 */
final class FaultInjector implements UnaryOperator<Engine> {

  enum Fault {
    /** The next commit throws before MapDB writes anything of it. */
    COMMIT_BEFORE_WRITING,
    /** The next commit completes (durably) and then throws, as if the failure came after the sync. */
    COMMIT_AFTER_WRITING,
    /** The next record update (a B-tree node being rewritten by a put) throws. */
    UPDATE,
    /** The next time the store opens MapDB (such as when it recovers), opening throws. */
    OPEN
  }

  private final AtomicInteger commits = new AtomicInteger();
  private final Set<Fault> armed = EnumSet.noneOf(Fault.class);

  /** Each fault fires once, the next time its operation runs. */
  synchronized void arm(Fault... faults) {
    armed.addAll(List.of(faults));
  }

  /** Commits that reached MapDB's storage engine, in every engine this injector wrapped. */
  int commits() {
    return commits.get();
  }

  private synchronized boolean fire(Fault fault) {
    return armed.remove(fault);
  }

  private static IOError diskFailure() {
    return new IOError(new IOException("injected fault: No space left on device"));
  }

  @Override
  public Engine apply(Engine engine) {
    if (fire(Fault.OPEN)) {
      throw diskFailure();
    }
    return new EngineWrapper(engine) {
      @Override
      public void commit() {
        if (fire(Fault.COMMIT_BEFORE_WRITING)) {
          throw diskFailure();
        }
        super.commit();
        commits.incrementAndGet();
        if (fire(Fault.COMMIT_AFTER_WRITING)) {
          throw diskFailure();
        }
      }

      @Override
      public <A> void update(long recid, A value, Serializer<A> serializer) {
        if (fire(Fault.UPDATE)) {
          throw diskFailure();
        }
        super.update(recid, value, serializer);
      }
    };
  }
}

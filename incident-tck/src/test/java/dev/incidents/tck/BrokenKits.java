package dev.incidents.tck;

import dev.incidents.spi.IncidentStore;
import dev.incidents.tck.support.BrokenStores;
import dev.incidents.tck.support.DurableInMemoryStore;
import dev.incidents.tck.support.LauncherOnlyKit;

/**
 * The kit over each deliberately broken store, run by {@link BrokenStoresTest} through the JUnit Platform
 * Launcher. Surefire does not select nested classes by default, and {@link LauncherOnlyKit} skips them if a
 * {@code -Dtest} pattern does.
 */
final class BrokenKits {

  private BrokenKits() {}

  static final class IgnoresIdempotency extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.IgnoresIdempotency();
    }
  }

  static final class NoTenantFilter extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.NoTenantFilter();
    }
  }

  static final class ListSkipsAnItem extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.ListSkipsAnItem();
    }
  }

  static final class LosesAField extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.LosesAField();
    }
  }

  static final class TruncatesLongText extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.TruncatesLongText();
    }
  }

  static final class LosesSupplementaryCharacters extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.LosesSupplementaryCharacters();
    }
  }

  static final class CaseInsensitiveKeys extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.CaseInsensitiveKeys();
    }
  }

  static final class KeepsPartialWrites extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.KeepsPartialWrites();
    }
  }

  static final class RacyIdempotency extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.RacyIdempotency();
    }
  }

  /** Durable, but numbers start again at 1 after reopen. */
  static final class ForgetsCountersOnReopen extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return new BrokenStores.ForgetsCountersOnReopen();
    }

    @Override
    protected IncidentStore reopenStore(IncidentStore store) {
      return ((BrokenStores.ForgetsCountersOnReopen) store).reopen();
    }
  }

  /** A correct durable store whose test forgets to close the store in reopenStore. */
  static final class ReopenWithoutClose extends LauncherOnlyKit {
    @Override
    protected IncidentStore createStore() {
      return DurableInMemoryStore.create();
    }

    @Override
    protected IncidentStore reopenStore(IncidentStore store) {
      return ((DurableInMemoryStore) store).sibling();
    }
  }

  /** A test whose createStore returns the same storage every time. */
  static final class SharedStorage extends LauncherOnlyKit {
    private final DurableInMemoryStore shared = DurableInMemoryStore.create();

    @Override
    protected IncidentStore createStore() {
      return shared.reopen();
    }
  }
}

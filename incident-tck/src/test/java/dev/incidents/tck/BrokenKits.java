package dev.incidents.tck;

import dev.incidents.spi.IncidentStore;
import dev.incidents.tck.support.BrokenLifecycleStores;
import dev.incidents.tck.support.BrokenShortcutStores;
import dev.incidents.tck.support.BrokenStores;
import dev.incidents.tck.support.DurableInMemoryStore;
import dev.incidents.tck.support.LauncherOnlyKit;
import dev.incidents.tck.support.SimpleStore;

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

  /** The kit over a {@link SimpleStore} (durable: reopen gives a new handle over the same state). */
  abstract static class SimpleKit extends LauncherOnlyKit {
    abstract SimpleStore fresh();

    @Override
    protected IncidentStore createStore() {
      return fresh();
    }

    @Override
    protected IncidentStore reopenStore(IncidentStore store) {
      return ((SimpleStore) store).reopen();
    }
  }

  /** The correct base of the lifecycle defects: it must pass every rule. */
  static final class CorrectSimpleStore extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new SimpleStore();
    }
  }

  static final class LostUpdate extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.LostUpdate();
    }
  }

  static final class VersionSkips extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.VersionSkips();
    }
  }

  static final class NumbersFromHighestLiveIncident extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.NumbersFromHighestLiveIncident();
    }
  }

  static final class DeletedKeyCreatesAgain extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.DeletedKeyCreatesAgain();
    }
  }

  static final class ResurrectsDeletesOnReopen extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.ResurrectsDeletesOnReopen();
    }
  }

  static final class LosesRecordsOnReopen extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.LosesRecordsOnReopen();
    }
  }

  static final class IgnoresTheSubtypeFilter extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.IgnoresTheSubtypeFilter();
    }
  }

  static final class LosesIndexEntryOnUpdate extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.LosesIndexEntryOnUpdate();
    }
  }

  static final class LastSequenceLagsBehindWrites extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.LastSequenceLagsBehindWrites();
    }
  }

  static final class NumbersEventsAChunkAtATime extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.NumbersEventsAChunkAtATime();
    }
  }

  static final class PrunesOneStep extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.PrunesOneStep();
    }
  }

  static final class PrunesBackwards extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.PrunesBackwards();
    }
  }

  static final class SubtypeDistancesInSevenBits extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.SubtypeDistancesInSevenBits();
    }
  }

  static final class LosesInsertsIntoFullBuckets extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.LosesInsertsIntoFullBuckets();
    }
  }

  static final class EventOutsideTheUnit extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.EventOutsideTheUnit();
    }
  }

  static final class DropsDeleteEvents extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.DropsDeleteEvents();
    }
  }

  static final class EventVisibleBeforeItsChange extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.EventVisibleBeforeItsChange();
    }
  }

  static final class SequencesBeforeCommit extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.SequencesBeforeCommit();
    }
  }

  static final class PruneReusesSequences extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.PruneReusesSequences();
    }
  }

  static final class WrapsRendererExceptions extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.WrapsRendererExceptions();
    }
  }

  static final class RendersReplays extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.RendersReplays();
    }
  }

  static final class StoresNullRenderings extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.StoresNullRenderings();
    }
  }

  static final class ShortColumns extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.ShortColumns();
    }
  }

  static final class RecordKeysIgnoreCase extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenLifecycleStores.RecordKeysIgnoreCase();
    }
  }

  static final class HashedKeys extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenShortcutStores.HashedKeys();
    }
  }

  static final class JoinsTenantAndKey extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenShortcutStores.JoinsTenantAndKey();
    }
  }

  static final class FoldsHexFingerprints extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenShortcutStores.FoldsHexFingerprints();
    }
  }

  static final class CutsEventTenants extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenShortcutStores.CutsEventTenants();
    }
  }

  static final class NarrowsNumbers extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenShortcutStores.NarrowsNumbers();
    }
  }

  static final class RendersWhenClosed extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenShortcutStores.RendersWhenClosed();
    }
  }

  static final class RendersTwice extends SimpleKit {
    @Override
    SimpleStore fresh() {
      return new BrokenShortcutStores.RendersTwice();
    }
  }
}

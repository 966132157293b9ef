package dev.incidents.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.tck.support.KitRunner;
import dev.incidents.tck.support.KitRunner.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kit must fail a store with a defect, and name the rule the defect breaks. Each test runs the whole
 * kit (with small settings and a fixed seed, to stay quick and repeatable) against one deliberately broken
 * store from {@link dev.incidents.tck.support.BrokenStores}.
 */
class BrokenStoresTest {

  /** Small and fixed: enough to find each defect, quick enough to run the kit ten times. */
  static final Map<String, String> QUICK = Map.of(
      "incidents.tck.seed", "20241201",
      "incidents.tck.examples", "12",
      "incidents.tck.shrinks", "15",
      "incidents.tck.list.max", "12",
      "incidents.tck.threads", "4",
      "incidents.tck.creates.per.thread", "5",
      "incidents.tck.racers", "6",
      "incidents.tck.rounds", "2",
      "incidents.tck.stateful.sequences", "15",
      "incidents.tck.parallel.sequences", "8");

  private static Result run(Class<?> kit) {
    Result result = KitRunner.run(kit, QUICK);
    result.write(Path.of("target", "broken-stores", kit.getSimpleName() + ".txt"));
    return result;
  }

  private static void assertPreconditionsHold(Result result) {
    assertThat(result.failed()).as("the precondition rules must pass: the defect is in the store, not the test")
        .noneMatch(rule -> rule.contains("_tck0"));
  }

  @Test
  void idempotencyIgnored() {
    Result result = run(BrokenKits.IgnoresIdempotency.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck301_replayReturnsTheFirstIncidentAndStoresNothing",
        "required_tck302_sameKeyWithAnotherRequestIsConflict", "required_tck303_concurrentRetriesStoreOneIncident");
    assertThat(result.get("required_tck301_replayReturnsTheFirstIncidentAndStoresNothing").message())
        .contains("a replay with key");
  }

  @Test
  void tenantFilterMissing() {
    Result result = run(BrokenKits.NoTenantFilter.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck401_tenantsDoNotSeeEachOthersIncidents",
        "required_tck402_idempotencyKeysAreScopedToTheTenant", "required_tck203_numbersOfOneTenantIgnoreOtherTenants");
  }

  @Test
  void listSkippingAnItem() {
    Result result = run(BrokenKits.ListSkipsAnItem.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck502_pagesVisitEveryIncidentOnce",
        "required_tck503_listHonoursBeforeAndLimit");
    assertThat(result.get("required_tck502_pagesVisitEveryIncidentOnce").message()).contains("exactly once");
  }

  @Test
  void fieldLostInTheRoundTrip() {
    Result result = run(BrokenKits.LosesAField.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck101_roundTripGetById", "required_tck102_roundTripGetByDisplayId",
        "required_tck103_roundTripList", "required_tck104_roundTripMaximalRequests");
    assertThat(result.get("required_tck101_roundTripGetById").message()).contains("target_close_date: expected");
  }

  @Test
  void numbersReusedAfterReopen() {
    Result result = run(BrokenKits.ForgetsCountersOnReopen.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("optional_tck802_numbersAreNeverReusedAfterReopen");
    assertThat(result.get("optional_tck802_numbersAreNeverReusedAfterReopen").message()).contains("never be reused");
    assertThat(result.failed()).as("without reopen the store is correct").allMatch(rule -> rule.startsWith("optional_"));
  }

  @Test
  void longTextTruncated() {
    Result result = run(BrokenKits.TruncatesLongText.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck104_roundTripMaximalRequests");
  }

  @Test
  void supplementaryCharactersLost() {
    Result result = run(BrokenKits.LosesSupplementaryCharacters.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck101_roundTripGetById", "required_tck104_roundTripMaximalRequests",
        "required_tck603_createStoresTheDocumentRenderedForItsNumber");
  }

  @Test
  void keysComparedIgnoringCase() {
    Result result = run(BrokenKits.CaseInsensitiveKeys.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck305_keysAreComparedExactly");
  }

  @Test
  void partialWriteLeftAfterRenderFailure() {
    Result result = run(BrokenKits.KeepsPartialWrites.class);
    assertPreconditionsHold(result);
    assertThat(result.failed()).contains("required_tck602_failedRenderLeavesNothingVisible",
        "required_tck605_createAllFailureKeepsOnlyCommittedIncidents");
  }

  @Test
  void idempotencyRaceBetweenLookupAndInsert() {
    // Only the racing rules: a lone keyed create waits for a second racer that never comes.
    Result result = KitRunner.run(BrokenKits.RacyIdempotency.class, QUICK,
        "required_tck303_concurrentRetriesStoreOneIncident",
        "required_tck304_concurrentConflictingRetriesStoreOneIncident");
    assertThat(result.failed()).containsExactly("required_tck303_concurrentRetriesStoreOneIncident",
        "required_tck304_concurrentConflictingRetriesStoreOneIncident");
    assertThat(result.get("required_tck303_concurrentRetriesStoreOneIncident").message()).contains("not atomic");
  }

  @Test
  void reopenStoreThatDoesNotClose() {
    Result result = KitRunner.run(BrokenKits.ReopenWithoutClose.class, QUICK,
        "optional_tck003_validateReopenStoreReturnsANewInstanceOverTheSameData");
    assertThat(result.failed()).containsExactly("optional_tck003_validateReopenStoreReturnsANewInstanceOverTheSameData");
    assertThat(result.get("optional_tck003_validateReopenStoreReturnsANewInstanceOverTheSameData").message())
        .contains("must close the store it is given");
  }

  @Test
  void createStoreThatSharesStorage() {
    Result result = KitRunner.run(BrokenKits.SharedStorage.class, QUICK,
        "required_tck001_validateCreateStoreReturnsAnEmptyStore",
        "required_tck002_validateCreateStoreReturnsIndependentStores");
    assertThat(result.failed()).containsExactly("required_tck002_validateCreateStoreReturnsIndependentStores");
  }
}

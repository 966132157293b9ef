package dev.incidents.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.tck.support.KitRunner;
import dev.incidents.tck.support.KitRunner.Result;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kit must fail a store with a defect, and name the rule the defect breaks. Each test runs the whole
 * kit (with small settings and a fixed seed, to stay quick and repeatable) against one deliberately broken
 * store from {@link dev.incidents.tck.support.BrokenStores}.
 */
class BrokenStoresTest {

  /** Small and fixed: enough to find each defect, quick enough to run the kit ten times. */
  static final Map<String, String> QUICK = Map.ofEntries(
      Map.entry("incidents.tck.seed", "20241201"),
      Map.entry("incidents.tck.examples", "12"),
      Map.entry("incidents.tck.shrinks", "15"),
      Map.entry("incidents.tck.list.max", "12"),
      // Each of tck509's two owners gets about half: over the 256 of LosesInsertsIntoFullBuckets (and of the
      // in-memory store's blocks), and still quick.
      Map.entry("incidents.tck.crowd", "600"),
      // Over the 1,000 of NumbersEventsAChunkAtATime (and of the JDBC store's numbering batches).
      Map.entry("incidents.tck.backlog", "1100"),
      Map.entry("incidents.tck.threads", "4"),
      Map.entry("incidents.tck.creates.per.thread", "5"),
      Map.entry("incidents.tck.racers", "6"),
      Map.entry("incidents.tck.rounds", "2"),
      Map.entry("incidents.tck.stateful.sequences", "15"),
      Map.entry("incidents.tck.parallel.sequences", "8"),
      Map.entry("incidents.tck.changes.per.thread", "10"),
      Map.entry("incidents.tck.filters", "4"));

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

  // ---- the lifecycle: versions, updates, deletes, filters, events, records ------------------------

  /** The rules about what the SPI grew for the lifecycle, run against each lifecycle defect. */
  private static final String[] LIFECYCLE_RULES = {
      "required_tck505_filtersReturnExactlyWhatTheFilterAccepts",
      "required_tck506_filtersFollowUpdatesAndDeletes",
      "required_tck507_pagingIsStableWhileIncidentsChange",
      "required_tck508_unindexedIsEmptyForAStoreThatAlwaysKeptFacets",
      "required_tck509_crowdedValuesStayExactThroughChangesInTheirMiddle",
      "required_tck608_rendererIsCalledOnceAndNeverForAReplay",
      "required_tck609_rendererExceptionsReachTheCallerUnchanged",
      "required_tck610_aNullRenderingFailsTheCreateAndStoresNothing",
      "required_tck611_valuesAtTheLimitsAreKeptWhole",
      "required_tck701_sequentialCommandsMatchTheModel",
      "optional_tck702_sequentialCommandsWithReopenMatchTheModel",
      "required_tck703_parallelCommandsAreLinearizable",
      "optional_tck804_updatesAndDeletesSurviveReopen",
      "optional_tck805_eventsAndRecordsSurviveReopen",
      "required_tck901_versionsCountStoredChanges",
      "required_tck902_updateIsCompareAndSet",
      "required_tck903_concurrentUpdatesFromOneVersionStoreExactlyOne",
      "required_tck904_deleteHidesTheIncidentAndKeepsItsNumber",
      "required_tck905_keyOfADeletedIncidentNeverCreatesAgain",
      "required_tck921_everyStoredChangeHasExactlyOneEvent",
      "required_tck922_aConsumerMissesNoEventWhileWritersRun",
      "required_tck923_pruneRemovesEventsUpToASequence",
      "required_tck924_theLastSequenceCountsAWholeBacklog",
      "required_tck931_recordsKeepTheLastValuePut",
      "required_tck951_roundTripUpdates",
      "required_tck952_noOpUpdateStoresNothing",
      "required_tck953_concurrentUpdatesOfDifferentFieldsKeepAll",
      "required_tck954_stalePreconditionIsConflictAndChangesNothing",
      "required_tck955_deleteThroughTheService"};

  private static Result runLifecycle(Class<?> kit) {
    Result result = KitRunner.run(kit, QUICK, LIFECYCLE_RULES);
    result.write(Path.of("target", "broken-stores", kit.getSimpleName() + ".txt"));
    assertThat(result.rules()).as("every lifecycle rule ran").hasSize(LIFECYCLE_RULES.length);
    return result;
  }

  /** The base of the lifecycle defects is correct: every rule passes, so a failure below is its defect's. */
  @Test
  void theBaseOfTheLifecycleDefectsPassesEveryRule() {
    Result result = run(BrokenKits.CorrectSimpleStore.class);
    assertThat(result.failed()).as(result.summary()).isEmpty();
    assertThat(result.aborted()).containsExactly("untested_tck612_faultsAreServiceUnavailable");
  }

  @Test
  void lostUpdate() {
    Result result = runLifecycle(BrokenKits.LostUpdate.class);
    assertThat(result.failed()).contains("required_tck901_versionsCountStoredChanges",
        "required_tck902_updateIsCompareAndSet", "required_tck903_concurrentUpdatesFromOneVersionStoreExactlyOne");
    assertThat(result.get("required_tck903_concurrentUpdatesFromOneVersionStoreExactlyOne").message())
        .contains("changes were stored").contains("not atomic");
    assertThat(result.get("required_tck902_updateIsCompareAndSet").message()).contains("expected Stale");
    // Through the service too: two threads updating different fields of one incident lose one's change.
    assertThat(result.failed()).contains("required_tck953_concurrentUpdatesOfDifferentFieldsKeepAll");
    assertThat(result.get("required_tck953_concurrentUpdatesOfDifferentFieldsKeepAll").message())
        .contains("an update was stored over another one's change");
  }

  @Test
  void versionThatSkips() {
    Result result = runLifecycle(BrokenKits.VersionSkips.class);
    assertThat(result.failed()).contains("required_tck901_versionsCountStoredChanges");
    assertThat(result.get("required_tck901_versionsCountStoredChanges").message())
        .contains("one more per stored change");
  }

  @Test
  void numberOfADeletedIncidentReused() {
    Result result = runLifecycle(BrokenKits.NumbersFromHighestLiveIncident.class);
    assertThat(result.failed()).contains("required_tck904_deleteHidesTheIncidentAndKeepsItsNumber",
        "optional_tck804_updatesAndDeletesSurviveReopen");
    assertThat(result.get("required_tck904_deleteHidesTheIncidentAndKeepsItsNumber").message())
        .contains("stays used forever");
    assertThat(result.failed()).contains("required_tck701_sequentialCommandsMatchTheModel",
        "required_tck955_deleteThroughTheService");
  }

  @Test
  void deletedKeyThatCreatesAgain() {
    Result result = runLifecycle(BrokenKits.DeletedKeyCreatesAgain.class);
    assertThat(result.failed()).contains("required_tck905_keyOfADeletedIncidentNeverCreatesAgain");
    assertThat(result.get("required_tck905_keyOfADeletedIncidentNeverCreatesAgain").message())
        .contains("expected ReplayedDeleted").contains("never creates again");
    // Through the service, and in the model of random command sequences.
    assertThat(result.failed()).contains("required_tck955_deleteThroughTheService",
        "required_tck701_sequentialCommandsMatchTheModel");
    assertThat(result.get("required_tck701_sequentialCommandsMatchTheModel").message()).contains("delete ");
  }

  @Test
  void deleteRevertedByReopen() {
    Result result = runLifecycle(BrokenKits.ResurrectsDeletesOnReopen.class);
    assertThat(result.failed()).containsExactly("optional_tck804_updatesAndDeletesSurviveReopen");
    assertThat(result.get("optional_tck804_updatesAndDeletesSurviveReopen").message()).contains("but it was deleted");
  }

  @Test
  void recordsLostOnReopen() {
    Result result = runLifecycle(BrokenKits.LosesRecordsOnReopen.class);
    assertThat(result.failed()).containsExactly("optional_tck805_eventsAndRecordsSurviveReopen");
    assertThat(result.get("optional_tck805_eventsAndRecordsSurviveReopen").message()).contains("after reopen, records");
  }

  @Test
  void oneFilterIgnored() {
    Result result = runLifecycle(BrokenKits.IgnoresTheSubtypeFilter.class);
    assertThat(result.failed()).contains("required_tck505_filtersReturnExactlyWhatTheFilterAccepts",
        "required_tck506_filtersFollowUpdatesAndDeletes");
    assertThat(result.get("required_tck505_filtersReturnExactlyWhatTheFilterAccepts").message())
        .contains("subtype in").contains("which the filter does not accept");
  }

  @Test
  void indexEntryLostAfterAnUpdate() {
    Result result = runLifecycle(BrokenKits.LosesIndexEntryOnUpdate.class);
    assertThat(result.failed()).contains("required_tck506_filtersFollowUpdatesAndDeletes",
        "required_tck507_pagingIsStableWhileIncidentsChange");
    assertThat(result.get("required_tck506_filtersFollowUpdatesAndDeletes").message())
        .contains("missing").contains("updated to version");
    // While paging (if the pager comes after the update), or once the writers stop.
    assertThat(result.get("required_tck507_pagingIsStableWhileIncidentsChange").message())
        .containsAnyOf("matched the filter throughout", "once the writers finished, the filter listed");
  }

  @Test
  void lastSequenceThatLagsBehindWrites() {
    Result result = runLifecycle(BrokenKits.LastSequenceLagsBehindWrites.class);
    assertThat(result.failed()).contains("required_tck921_everyStoredChangeHasExactlyOneEvent");
    assertThat(result.get("required_tck921_everyStoredChangeHasExactlyOneEvent").message())
        .contains("asked before reading events");
  }

  @Test
  void eventsNumberedAChunkAtATime() {
    Result result = runLifecycle(BrokenKits.NumbersEventsAChunkAtATime.class);
    assertThat(result.failed()).containsExactly("required_tck924_theLastSequenceCountsAWholeBacklog");
    assertThat(result.get("required_tck924_theLastSequenceCountsAWholeBacklog").message())
        .contains("no event was read yet").contains("StartAt.NOW");
  }

  @Test
  void insertIntoAFullBucketLost() {
    Result result = runLifecycle(BrokenKits.LosesInsertsIntoFullBuckets.class);
    assertThat(result.failed()).containsExactly("required_tck509_crowdedValuesStayExactThroughChangesInTheirMiddle");
    assertThat(result.get("required_tck509_crowdedValuesStayExactThroughChangesInTheirMiddle").message())
        .contains("missing").contains("updated to version 2");
  }

  @Test
  void pruneStopsAfterOneStep() {
    Result result = runLifecycle(BrokenKits.PrunesOneStep.class);
    assertThat(result.failed()).as("tck923 prunes a dozen events at most")
        .containsExactly("required_tck924_theLastSequenceCountsAWholeBacklog");
    assertThat(result.get("required_tck924_theLastSequenceCountsAWholeBacklog").message())
        .contains("removed 1000").contains("a prune removes every event up to its sequence, however many");
  }

  @Test
  void pruneMarkMovedBackwards() {
    Result result = runLifecycle(BrokenKits.PrunesBackwards.class);
    assertThat(result.failed()).as("no other rule prunes through a lower sequence")
        .containsExactly("required_tck923_pruneRemovesEventsUpToASequence");
    assertThat(result.get("required_tck923_pruneRemovesEventsUpToASequence").message())
        .containsAnyOf("a prune through a sequence below one already pruned through changes nothing",
            "every event kept must be returned");
  }

  @Test
  void postingDistancesOfOneByte() {
    Result result = runLifecycle(BrokenKits.SubtypeDistancesInSevenBits.class);
    assertThat(result.failed()).as("the other rules' values lie closer together than 128 numbers")
        .containsExactly("required_tck509_crowdedValuesStayExactThroughChangesInTheirMiddle");
    assertThat(result.get("required_tck509_crowdedValuesStayExactThroughChangesInTheirMiddle").message())
        .contains("missing");
  }

  @Test
  void eventWrittenOutsideTheUnitOfItsChange() {
    Result result = runLifecycle(BrokenKits.EventOutsideTheUnit.class);
    assertThat(result.failed()).contains("required_tck921_everyStoredChangeHasExactlyOneEvent");
    assertThat(result.get("required_tck921_everyStoredChangeHasExactlyOneEvent").message())
        .contains("an event no stored change carries").contains("which stored nothing");
  }

  @Test
  void changeWithoutItsEvent() {
    Result result = runLifecycle(BrokenKits.DropsDeleteEvents.class);
    assertThat(result.failed()).contains("required_tck921_everyStoredChangeHasExactlyOneEvent");
    assertThat(result.get("required_tck921_everyStoredChangeHasExactlyOneEvent").message())
        .contains("delete with an event) appears 0 times");
  }

  @Test
  void eventVisibleBeforeItsChange() {
    // Only the consumer rule: without a consumer, every update of this store waits a second for one.
    Result result = KitRunner.run(BrokenKits.EventVisibleBeforeItsChange.class, QUICK,
        "required_tck922_aConsumerMissesNoEventWhileWritersRun");
    assertThat(result.failed()).containsExactly("required_tck922_aConsumerMissesNoEventWhileWritersRun");
    // Either the consumer sees the event before the change, or two events of one version (one whose change
    // then lost its compare and set): both are events without their change.
    assertThat(result.get("required_tck922_aConsumerMissesNoEventWhileWritersRun").message())
        .containsAnyOf("never visible before its change", "stored without its change").contains("clause 14.15.1");
  }

  @Test
  void eventCommittedBehindOneAlreadyRead() {
    // Each round shows the defect only if one of its held-back updates commits; eight rounds make a round
    // without one (a few in a hundred) irrelevant.
    Map<String, String> settings = new HashMap<>(QUICK);
    settings.put("incidents.tck.rounds", "8");
    Result result = KitRunner.run(BrokenKits.SequencesBeforeCommit.class, settings,
        "required_tck922_aConsumerMissesNoEventWhileWritersRun");
    assertThat(result.failed()).containsExactly("required_tck922_aConsumerMissesNoEventWhileWritersRun");
    assertThat(result.get("required_tck922_aConsumerMissesNoEventWhileWritersRun").message())
        .contains("missed").contains("had been handed out");
  }

  @Test
  void sequencesReusedAfterPruning() {
    Result result = runLifecycle(BrokenKits.PruneReusesSequences.class);
    assertThat(result.failed()).contains("required_tck923_pruneRemovesEventsUpToASequence");
    assertThat(result.get("required_tck923_pruneRemovesEventsUpToASequence").message()).contains("prun");
  }

  @Test
  void rendererExceptionsWrapped() {
    Result result = runLifecycle(BrokenKits.WrapsRendererExceptions.class);
    assertThat(result.failed()).contains("required_tck609_rendererExceptionsReachTheCallerUnchanged");
    assertThat(result.get("required_tck609_rendererExceptionsReachTheCallerUnchanged").message())
        .contains("which wraps it").contains("unchanged");
  }

  @Test
  void rendererCalledForAReplay() {
    Result result = runLifecycle(BrokenKits.RendersReplays.class);
    assertThat(result.failed()).contains("required_tck608_rendererIsCalledOnceAndNeverForAReplay",
        "required_tck905_keyOfADeletedIncidentNeverCreatesAgain");
    assertThat(result.get("required_tck608_rendererIsCalledOnceAndNeverForAReplay").message())
        .contains("a replay calls no renderer");
  }

  @Test
  void nullRenderingStored() {
    Result result = runLifecycle(BrokenKits.StoresNullRenderings.class);
    assertThat(result.failed()).containsExactly("required_tck610_aNullRenderingFailsTheCreateAndStoresNothing");
    assertThat(result.get("required_tck610_aNullRenderingFailsTheCreateAndStoresNothing").message())
        .contains("NewIncident.render");
  }

  @Test
  void columnsShorterThanTheLimits() {
    Result result = runLifecycle(BrokenKits.ShortColumns.class);
    assertThat(result.failed()).contains("required_tck611_valuesAtTheLimitsAreKeptWhole");
    assertThat(result.get("required_tck611_valuesAtTheLimitsAreKeptWhole").message())
        .contains("one character shorter than a recorded 255-character key").contains("kept whole");
  }

  @Test
  void recordKeysComparedIgnoringCase() {
    Result result = runLifecycle(BrokenKits.RecordKeysIgnoreCase.class);
    assertThat(result.failed()).contains("required_tck931_recordsKeepTheLastValuePut");
    assertThat(result.get("required_tck931_recordsKeepTheLastValuePut").message()).contains("records returned");
  }

  /** The rules about shortcuts (issue 18), and the older rules closest to them, which the shortcuts slip past. */
  private static final String[] SHORTCUT_RULES = {
      "required_tck305_keysAreComparedExactly",
      "required_tck306_keysThatHashAlikeOrDifferLateAreDifferent",
      "required_tck307_fingerprintsThatLookHexComeBackExactly",
      "required_tck401_tenantsDoNotSeeEachOthersIncidents",
      "required_tck402_idempotencyKeysAreScopedToTheTenant",
      "required_tck403_namesThatJoinOrHashAlikeStayApart",
      "required_tck606_unknownIncidentsAreEmptyNotErrors",
      "required_tck607_closeIsIdempotentAndLaterCallsFail",
      "required_tck608_rendererIsCalledOnceAndNeverForAReplay",
      "required_tck613_numbersThatAliasKnownOnesFindNothing",
      "required_tck614_renderersRunOnlyWhileTheirCreateRuns"};

  private static Result runShortcuts(Class<?> kit) {
    Result result = KitRunner.run(kit, QUICK, SHORTCUT_RULES);
    result.write(Path.of("target", "broken-stores", kit.getSimpleName() + ".txt"));
    assertThat(result.rules()).as("every shortcut rule ran").hasSize(SHORTCUT_RULES.length);
    return result;
  }

  @Test
  void keysKeptAsTheirHashCodes() {
    Result result = runShortcuts(BrokenKits.HashedKeys.class);
    assertThat(result.failed()).as("the near misses of tck305 do not share a hash code")
        .containsExactly("required_tck306_keysThatHashAlikeOrDifferLateAreDifferent");
    assertThat(result.get("required_tck306_keysThatHashAlikeOrDifferLateAreDifferent").message())
        .contains("same String.hashCode()").contains("compared exactly");
  }

  @Test
  void tenantAndKeyJoinedWithASeparator() {
    Result result = runShortcuts(BrokenKits.JoinsTenantAndKey.class);
    assertThat(result.failed()).as("the tenant pairs of tck401 and tck402 never straddle the separator")
        .containsExactly("required_tck403_namesThatJoinOrHashAlikeStayApart");
    assertThat(result.get("required_tck403_namesThatJoinOrHashAlikeStayApart").message())
        .contains("alike when joined with \"_\"").contains("was taken for it");
  }

  @Test
  void hexFingerprintsKeptAsBytes() {
    Result result = runShortcuts(BrokenKits.FoldsHexFingerprints.class);
    assertThat(result.failed()).as("every other rule records lowercase hex or printable text that is not hex")
        .containsExactly("required_tck307_fingerprintsThatLookHexComeBackExactly");
    assertThat(result.get("required_tck307_fingerprintsThatLookHexComeBackExactly").message())
        .contains("character for character").contains("not hex to be decoded");
  }

  @Test
  void eventTenantsCutShort() {
    Result result = runLifecycle(BrokenKits.CutsEventTenants.class);
    assertThat(result.failed()).as("the event rules use tenants shorter than the limit")
        .containsExactly("required_tck611_valuesAtTheLimitsAreKeptWhole");
    assertThat(result.get("required_tck611_valuesAtTheLimitsAreKeptWhole").message())
        .contains("the event of a create in the 64-character tenant").contains("with its tenant and payload as given");
  }

  @Test
  void numbersNarrowedToInt() {
    Result result = runShortcuts(BrokenKits.NarrowsNumbers.class);
    assertThat(result.failed()).as("tck606 probes only 0, -1, the next number and the extremes")
        .containsExactly("required_tck613_numbersThatAliasKnownOnesFindNothing");
    assertThat(result.get("required_tck613_numbersThatAliasKnownOnesFindNothing").message())
        .contains("equal to #1 in its low 32 bits");
  }

  @Test
  void rendererCalledByAClosedStore() {
    Result result = runShortcuts(BrokenKits.RendersWhenClosed.class);
    assertThat(result.failed()).as("tck607 sees the IllegalStateException it expects")
        .containsExactly("required_tck614_renderersRunOnlyWhileTheirCreateRuns");
    assertThat(result.get("required_tck614_renderersRunOnlyWhileTheirCreateRuns").message())
        .contains("a closed store called the renderer");
  }

  @Test
  void rendererCalledTwice() {
    Result result = runShortcuts(BrokenKits.RendersTwice.class);
    assertThat(result.failed()).containsExactly("required_tck608_rendererIsCalledOnceAndNeverForAReplay");
    assertThat(result.get("required_tck608_rendererIsCalledOnceAndNeverForAReplay").message())
        .contains("one create calls it once");
  }
}

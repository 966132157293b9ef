package dev.incidents.tck;

/**
 * The rules {@link IncidentStoreTck} checks, one method each. A rule's method name is its id and name:
 * {@code required_tck101_roundTripGetById} is rule {@code tck101}, which every store must pass;
 * {@code optional_...} rules apply to durable stores only and are reported as skipped (with the reason)
 * for a store whose test does not override {@link IncidentStoreTck#reopenStore}. The {@code tck0xx}
 * rules check the kit's own preconditions: when one fails, fix it first, as the other failures may follow
 * from it.
 *
 * <p>Groups: 0xx preconditions, 1xx round trip, 2xx numbers, 3xx idempotency, 4xx tenants, 5xx list, 6xx
 * failures and the SPI, 7xx stateful model checks, 8xx durability. The contract itself is the Javadoc of
 * {@link dev.incidents.spi.IncidentStore}.
 *
 * <p>Property rules print the seed they ran with; rerun one rule with
 * {@code -Dincidents.tck.seed=<seed> -Dtest=YourStoreTest#<rule>} to reproduce its failure.
 */
public interface IncidentStoreRules {

  // ---- 0xx: what the kit needs from the test that extends it -------------------------------------

  /**
   * {@code createStore()} returns a store (not null) that holds nothing: {@code get} finds no number and
   * {@code list} returns nothing in any tenant, and a create through the service works on it.
   *
   * <p>If it fails: {@code createStore()} must return a new, empty store on every call, also several times
   * in one test (use a new file, schema or database name each time, or clear it).
   */
  void required_tck001_validateCreateStoreReturnsAnEmptyStore() throws Exception;

  /**
   * Two calls of {@code createStore()} return two different instances that do not share data or
   * lifecycle: an incident created in one is invisible in the other, and closing one leaves the other
   * usable.
   *
   * <p>If it fails: the stores share storage (the same file, schema, table or connection pool).
   */
  void required_tck002_validateCreateStoreReturnsIndependentStores() throws Exception;

  /**
   * {@code reopenStore(store)} returns a new instance (not {@code store}) over the same storage: it shows
   * the incidents created before, and {@code store} is closed (calls on it fail with
   * {@link IllegalStateException}). Skipped when the store is not durable ({@code reopenStore} returns
   * null).
   *
   * <p>If it fails: {@code reopenStore} must close the store it is given and open a new one on the same
   * file or database; check that the store's {@code close} makes later calls fail (tck607).
   */
  void optional_tck003_validateReopenStoreReturnsANewInstanceOverTheSameData() throws Exception;

  // ---- 1xx: round trip ---------------------------------------------------------------------------

  /**
   * Any valid request (every field, unicode text, long lists, in any tenant name) created through the
   * service is returned equal by {@code get} with its id ({@code don:core:...:incident/n}).
   *
   * <p>If it fails: the message lists the fields that differ. The store changed the document: check column
   * sizes and types, character encoding (4-byte UTF-8), escaping, and that {@code get} filters by tenant
   * and number.
   */
  void required_tck101_roundTripGetById() throws Exception;

  /**
   * As tck101, but {@code get} by display id ({@code INC-n}).
   *
   * <p>If it fails and tck101 passes: look at how the store looks up a number (it is the same SPI call).
   */
  void required_tck102_roundTripGetByDisplayId() throws Exception;

  /**
   * As tck101, but the newest incident on the first page of {@code list} is the one just created, equal.
   *
   * <p>If it fails: {@code list} reads documents differently from {@code get}, or is not newest first.
   */
  void required_tck103_roundTripList() throws Exception;

  /**
   * Requests at the maximum sizes (a 256-code-point title, a 65,536-code-point body, 100 ids in every
   * list, every field set) round-trip through {@code get} (id and display id) and {@code list}.
   *
   * <p>If it fails: a column or buffer is too small (documents exceed 1 MB), or text is truncated.
   */
  void required_tck104_roundTripMaximalRequests() throws Exception;

  /**
   * Custom fields of every type, single and arrays (64-bit integers, doubles, booleans, unicode text, enums,
   * timestamps, dates, ids expanded to summaries), with a subtype and an app fragment, round-trip through
   * {@code get} and {@code list}, and so do the ids of the fragments used.
   *
   * <p>If it fails: the store changed a number in the document (a JSON column that turns {@code 1.0E15}
   * into {@code 1000000000000000}, or rounds integers beyond 2^53 through a double), or nested JSON.
   */
  void required_tck105_roundTripCustomFields() throws Exception;

  // ---- 2xx: numbers ------------------------------------------------------------------------------

  /**
   * Within a tenant, every create gets a number of at least 1 that is greater than the tenant's numbers
   * before it, for any interleaving of creates in several tenants.
   *
   * <p>If it fails: the store's per-tenant counter is not read and incremented in the same unit of work,
   * or numbers are compared as text.
   */
  void required_tck201_numbersIncreaseWithEveryCreate() throws Exception;

  /**
   * Threads ({@code incidents.tck.threads}) creating at once in two tenants get unique numbers; each
   * thread's numbers increase; afterwards {@code list} shows every incident exactly once, newest first,
   * equal to what create returned.
   *
   * <p>If it fails: allocating the number is not atomic (a read-then-write without a lock, a transaction
   * isolation level that allows lost updates, or a cached counter).
   */
  void required_tck202_numbersAreUniqueUnderConcurrentCreates() throws Exception;

  /**
   * Numbers are allocated per tenant: a tenant's incidents get the same numbers whether or not other
   * tenants created incidents in between.
   *
   * <p>If it fails: the store uses one counter or sequence for every tenant.
   */
  void required_tck203_numbersOfOneTenantIgnoreOtherTenants() throws Exception;

  // ---- 3xx: idempotency --------------------------------------------------------------------------

  /**
   * A create repeated later with the same idempotency key and an equal request returns the first incident
   * (its number, its {@code created_date}, every field) and stores nothing new. Keys are any 1 to 255
   * printable ASCII characters.
   *
   * <p>If it fails: the store does not record the key with the incident in the same unit of work, does not
   * look it up before allocating a number, or truncates long keys.
   */
  void required_tck301_replayReturnsTheFirstIncidentAndStoresNothing() throws Exception;

  /**
   * A create with a key already used for another request fails with {@code conflict} and stores nothing;
   * the first request can still be replayed.
   *
   * <p>If it fails: the store does not return the fingerprint recorded with the key in
   * {@link dev.incidents.spi.CreateResult.Replayed}, or records a new one.
   */
  void required_tck302_sameKeyWithAnotherRequestIsConflict() throws Exception;

  /**
   * Threads ({@code incidents.tck.racers}) creating with one key and an equal request at once, round after
   * round, store exactly one incident per key, and every thread gets that incident.
   *
   * <p>If it fails: the key lookup and the insert are not atomic. Use a unique constraint on (tenant, key)
   * and, on violation, read the winner; or hold the tenant's lock across both.
   */
  void required_tck303_concurrentRetriesStoreOneIncident() throws Exception;

  /**
   * Threads racing on one key with two different requests store exactly one incident; threads that sent
   * the winner's request get it, the others get {@code conflict}.
   *
   * <p>If it fails: as tck303; the loser must see the winner's fingerprint.
   */
  void required_tck304_concurrentConflictingRetriesStoreOneIncident() throws Exception;

  /**
   * Keys are compared exactly: keys that differ only in case, by a leading or trailing space, by one
   * character more or less, or by {@code _} in place of a character are different keys.
   *
   * <p>If it fails: the key column has a case-insensitive or PAD SPACE collation (MariaDB's default), is
   * a fixed-length {@code CHAR}, is trimmed, or is compared with {@code LIKE}.
   */
  void required_tck305_keysAreComparedExactly() throws Exception;

  // ---- 4xx: tenants ------------------------------------------------------------------------------

  /**
   * Tenants never see each other's incidents: {@code list} shows only the tenant's own, and
   * {@code get INC-n} in another tenant finds nothing or that tenant's own incident {@code n}, also for
   * tenant names that differ only in case, where one is a prefix of the other, or where one has {@code _}.
   *
   * <p>If it fails: a query lacks its tenant condition, or compares tenants case-insensitively, by prefix,
   * or with {@code LIKE}.
   */
  void required_tck401_tenantsDoNotSeeEachOthersIncidents() throws Exception;

  /**
   * An idempotency key belongs to its tenant: the same key used in two tenants, even with different
   * requests, creates one incident in each, and each tenant's replay returns its own.
   *
   * <p>If it fails: the key is unique across the store instead of per tenant.
   */
  void required_tck402_idempotencyKeysAreScopedToTheTenant() throws Exception;

  // ---- 5xx: list ---------------------------------------------------------------------------------

  /**
   * One page of {@code list} large enough for all of a tenant's incidents returns them all, newest (highest
   * number) first, and no next cursor.
   *
   * <p>If it fails: {@code list} is not ordered by number descending, or orders numbers as text.
   */
  void required_tck501_listIsNewestFirst() throws Exception;

  /**
   * Following {@code next_cursor} with any page size visits every incident exactly once, newest first; no
   * page is larger than asked; the last page has no cursor.
   *
   * <p>If it fails: {@code list(tenant, beforeNumber, limit)} includes {@code beforeNumber} itself (an
   * incident twice) or skips the one just below it (an incident lost), or returns fewer than
   * {@code limit} while more exist.
   */
  void required_tck502_pagesVisitEveryIncidentOnce() throws Exception;

  /**
   * The SPI's {@code list(tenant, beforeNumber, limit)} returns exactly the tenant's incidents with
   * numbers strictly below {@code beforeNumber}, highest first, at most {@code limit}, for bounds that are,
   * are not, or are next to existing numbers.
   *
   * <p>If it fails: the message shows the call and the numbers returned against those expected.
   */
  void required_tck503_listHonoursBeforeAndLimit() throws Exception;

  /**
   * Paging through a tenant while other threads create in it visits every incident that existed before
   * paging began exactly once, newest first; new incidents may or may not appear, never twice.
   *
   * <p>If it fails: {@code list} reads uncommitted or half-written rows, or is not ordered by number.
   */
  void required_tck504_pagingIsStableWhileCreatesRun() throws Exception;

  // ---- 6xx: failures and the SPI -----------------------------------------------------------------

  /**
   * A request the service rejects (a blank title, a future date, an unknown stage, a forbidden field,
   * ...), with or without a key, stores nothing and records no key: the same key then creates normally.
   * The service checks a request before it calls the store, so this rule guards that pipeline end to end
   * (with the store's {@code list} as the witness) more than the store itself.
   *
   * <p>If it fails: something between the service and the store records a create before it is validated
   * (a wrapper, a custom service wiring, or the store called outside {@code create}).
   */
  void required_tck601_rejectedRequestsStoreNothing() throws Exception;

  /**
   * When the {@link dev.incidents.spi.DocumentRenderer} throws mid-create, {@code create} throws and
   * nothing is visible: no incident, no key (the key then creates normally), and later creates get numbers
   * above every visible one. A number whose create failed may be skipped.
   *
   * <p>If it fails: the store writes the row, or records the key, before rendering and does not roll
   * back, or swallows the renderer's exception.
   */
  void required_tck602_failedRenderLeavesNothingVisible() throws Exception;

  /**
   * The SPI's {@code create} stores the bytes the renderer returned for the number it allocated:
   * {@code Created} carries the tenant, that number and the document; {@code get} returns the same
   * document (JSON-equal; unicode, escapes and line separators intact); a replay returns the same number,
   * document and the fingerprint recorded first.
   *
   * <p>If it fails: the store renders with one number and stores under another, or changes the document.
   */
  void required_tck603_createStoresTheDocumentRenderedForItsNumber() throws Exception;

  /**
   * {@code createAll} behaves as {@code create} for each, in order: one result per incident, new numbers
   * increasing, a key repeated within the batch (or used before) replayed, and exactly the created
   * incidents visible.
   *
   * <p>If it fails: the batched implementation does not see keys of its own batch, or orders numbers
   * differently from the list.
   */
  void required_tck604_createAllActsAsCreateEach() throws Exception;

  /**
   * When the renderer fails part way through {@code createAll}, it throws
   * {@link dev.incidents.spi.BatchFailedException} whose {@code committed()} are exactly the visible
   * incidents, all before the failing one; nothing after is visible and their keys are not recorded.
   *
   * <p>If it fails: the batch is not one transaction, or {@code committed()} reports incidents that were
   * rolled back (or misses ones that were not).
   */
  void required_tck605_createAllFailureKeepsOnlyCommittedIncidents() throws Exception;

  /**
   * Reading what does not exist is empty, not an error: {@code get} of number 0, -1, {@link Long#MAX_VALUE}
   * or a number above the highest, in a known or unknown tenant; {@code list} of an unknown tenant or below
   * number 1.
   *
   * <p>If it fails: the store throws for a missing row or mishandles extreme numbers.
   */
  void required_tck606_unknownIncidentsAreEmptyNotErrors() throws Exception;

  /**
   * {@code close} is idempotent, and {@code create}, {@code createAll}, {@code get} and {@code list} after
   * it fail with {@link IllegalStateException}.
   *
   * <p>If it fails: check what the store's calls do once its file, pool or connection is closed.
   */
  void required_tck607_closeIsIdempotentAndLaterCallsFail() throws Exception;

  // ---- 7xx: stateful model checks ----------------------------------------------------------------

  /**
   * Random sequences of creates, retries, conflicting retries, gets, gets from the other tenant and
   * paged lists, in two tenants that differ only in case, match a model of a correct store after every
   * step; a failure is shrunk to a minimal sequence.
   *
   * <p>If it fails: read the numbered command list in the message; the last command is where the store
   * and the model parted.
   */
  void required_tck701_sequentialCommandsMatchTheModel() throws Exception;

  /**
   * As tck701, with the store closed and reopened at random points.
   *
   * <p>If it fails: something did not survive reopen: incidents, keys, or the per-tenant counter.
   */
  void optional_tck702_sequentialCommandsWithReopenMatchTheModel() throws Exception;

  /**
   * Small sets of creates, retries and conflicting retries run at once on several threads end in a state
   * that some serial order of the same commands would give (linearizability against the model).
   *
   * <p>If it fails: the message lists the commands and the allowed end states; look for lost or doubled
   * incidents.
   */
  void required_tck703_parallelCommandsAreLinearizable() throws Exception;

  // ---- 8xx: durability ---------------------------------------------------------------------------

  /**
   * Incidents (any valid request, and one of the maximum size) read the same after the store is closed and
   * reopened, by {@code get} and by {@code list}.
   *
   * <p>If it fails: writes are not flushed or committed before {@code create} returns, or {@code close}
   * loses them.
   */
  void optional_tck801_incidentsSurviveReopen() throws Exception;

  /**
   * After reopen, each tenant's next number is above every number visible before, also after creates
   * whose renderer failed; no earlier incident is overwritten.
   *
   * <p>If it fails: the counter is kept in memory, or recomputed on open from the number of incidents.
   */
  void optional_tck802_numbersAreNeverReusedAfterReopen() throws Exception;

  /**
   * Idempotency keys survive reopen: a replay returns the first incident, a different request is
   * {@code conflict}, keys stay per tenant, and nothing new is stored.
   *
   * <p>If it fails: keys are kept in memory only, or not committed with the incident.
   */
  void optional_tck803_idempotencyKeysSurviveReopen() throws Exception;
}

package dev.incidents.tck;

/**
 * The rules {@link IncidentStoreTck} checks, one method each. A rule's method name is its id and name:
 * {@code required_tck101_roundTripGetById} is rule {@code tck101}, which every store must pass;
 * {@code optional_...} rules apply to durable stores only and are reported as skipped (with the reason)
 * for a store whose test does not override {@link IncidentStoreTck#reopenStore}. An {@code untested_...}
 * rule is a clause the kit cannot check (as in the Reactive Streams TCK): it is always reported as skipped,
 * with what it would check and why the kit cannot. The {@code tck0xx} rules check the kit's own
 * preconditions: when one fails, fix it first, as the other failures may follow from it.
 *
 * <p>Groups: 0xx preconditions, 1xx round trip, 2xx numbers, 3xx idempotency, 4xx tenants, 5xx lists and
 * filters, 6xx failures and the SPI's call discipline, 7xx stateful model checks, 8xx durability, 9xx
 * versions, updates, deletes, events and records. The contract is docs/CONTRACT.md section 14, whose clauses
 * each rule names; clause 14.17 (and the kit's README) lists the rules of each clause.
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
   * <p>Clause: none: it checks the test class (what the kit needs from it).
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
   * <p>Clause: none: it checks the test class; the stores must be independent as clause 14.10.3 says.
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
   * <p>Clause: none: it checks the test class; reopening is what clause 14.11 rests on.
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
   * <p>Clauses: 14.5.1, 14.5.2.
   *
   * <p>If it fails: the message lists the fields that differ. The store changed the document: check column
   * sizes and types, character encoding (4-byte UTF-8), escaping, and that {@code get} filters by tenant
   * and number.
   */
  void required_tck101_roundTripGetById() throws Exception;

  /**
   * As tck101, but {@code get} by display id ({@code INC-n}).
   *
   * <p>Clauses: 14.5.1, 14.5.2.
   *
   * <p>If it fails and tck101 passes: look at how the store looks up a number (it is the same SPI call).
   */
  void required_tck102_roundTripGetByDisplayId() throws Exception;

  /**
   * As tck101, but the newest incident on the first page of {@code list} is the one just created, equal.
   *
   * <p>Clauses: 14.5.2, 14.6.2.
   *
   * <p>If it fails: {@code list} reads documents differently from {@code get}, or is not newest first.
   */
  void required_tck103_roundTripList() throws Exception;

  /**
   * Requests at the maximum sizes (a 256-code-point title, a 65,536-code-point body, 100 ids in every
   * list, every field set) round-trip through {@code get} (id and display id) and {@code list}.
   *
   * <p>Clauses: 14.5.2, 14.5.3.
   *
   * <p>If it fails: a column or buffer is too small (documents exceed 1 MB), or text is truncated.
   */
  void required_tck104_roundTripMaximalRequests() throws Exception;

  /**
   * Custom fields of every type, single and arrays (64-bit integers, doubles, booleans, unicode text, enums,
   * timestamps, dates, ids expanded to summaries), with a subtype and an app fragment, round-trip through
   * {@code get} and {@code list}, and so do the ids of the fragments used.
   *
   * <p>Clause: 14.5.2.
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
   * <p>Clauses: 14.1.1, 14.1.2.
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
   * <p>Clauses: 14.1.1, 14.1.2, 14.10.1.
   *
   * <p>If it fails: allocating the number is not atomic (a read-then-write without a lock, a transaction
   * isolation level that allows lost updates, or a cached counter).
   */
  void required_tck202_numbersAreUniqueUnderConcurrentCreates() throws Exception;

  /**
   * Numbers are allocated per tenant: a tenant's incidents get the same numbers whether or not other
   * tenants created incidents in between.
   *
   * <p>Clauses: 14.1.3, 14.4.1.
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
   * <p>Clauses: 14.3.1, 14.3.3.
   *
   * <p>If it fails: the store does not record the key with the incident in the same unit of work, does not
   * look it up before allocating a number, or truncates long keys.
   */
  void required_tck301_replayReturnsTheFirstIncidentAndStoresNothing() throws Exception;

  /**
   * A create with a key already used for another request fails with {@code conflict} and stores nothing;
   * the first request can still be replayed.
   *
   * <p>Clause: 14.3.1.
   *
   * <p>If it fails: the store does not return the fingerprint recorded with the key in
   * {@link dev.incidents.spi.CreateResult.Replayed}, or records a new one.
   */
  void required_tck302_sameKeyWithAnotherRequestIsConflict() throws Exception;

  /**
   * Threads ({@code incidents.tck.racers}) creating with one key and an equal request at once, round after
   * round, store exactly one incident per key, and every thread gets that incident.
   *
   * <p>Clauses: 14.3.4, 14.10.1.
   *
   * <p>If it fails: the key lookup and the insert are not atomic. Use a unique constraint on (tenant, key)
   * and, on violation, read the winner; or hold the tenant's lock across both.
   */
  void required_tck303_concurrentRetriesStoreOneIncident() throws Exception;

  /**
   * Threads racing on one key with two different requests store exactly one incident; threads that sent
   * the winner's request get it, the others get {@code conflict}.
   *
   * <p>Clauses: 14.3.4, 14.10.1.
   *
   * <p>If it fails: as tck303; the loser must see the winner's fingerprint.
   */
  void required_tck304_concurrentConflictingRetriesStoreOneIncident() throws Exception;

  /**
   * Keys are compared exactly: keys that differ only in case, by a leading or trailing space, by one
   * character more or less, or by {@code _} in place of a character are different keys.
   *
   * <p>Clause: 14.3.3.
   *
   * <p>If it fails: the key column has a case-insensitive or PAD SPACE collation (MariaDB's default), is
   * a fixed-length {@code CHAR}, is trimmed, or is compared with {@code LIKE}.
   */
  void required_tck305_keysAreComparedExactly() throws Exception;

  /**
   * Keys that a shortcut takes for one another are different keys: families of keys with the same
   * {@link String#hashCode()} (built of {@code "Aa"}/{@code "BB"}-style blocks, also after a long common
   * prefix), and keys of the longest length that differ in one character at index 63 or later. Each creates its
   * own incident, and a retry with each replays its own incident and fingerprint.
   *
   * <p>Clauses: 14.3.1, 14.3.3.
   *
   * <p>If it fails: the store keeps a hash of the key instead of the key (or compares only hashes), or keeps,
   * indexes or compares only a prefix of it (a column or index prefix shorter than 255 characters).
   */
  void required_tck306_keysThatHashAlikeOrDifferLateAreDifferent() throws Exception;

  /**
   * A replay returns the fingerprint recorded with the key character for character, also one that looks like
   * the service's (64 lowercase hex digits) but is not: 64 hex digits in upper or mixed case, 64 characters of
   * which one lies just outside the hex digits ({@code / : @ G ` g}), and 63 or 64 hex digits after a space.
   *
   * <p>Clauses: 14.3.1, 14.3.3.
   *
   * <p>If it fails: the store keeps fingerprints that look like a SHA-256 in hex as their 32 bytes and tests
   * for hex too loosely (case, a character range), so it gives back another fingerprint than it was given, or
   * refuses one.
   */
  void required_tck307_fingerprintsThatLookHexComeBackExactly() throws Exception;

  // ---- 4xx: tenants ------------------------------------------------------------------------------

  /**
   * Tenants never see each other's incidents: {@code list} shows only the tenant's own, and
   * {@code get INC-n} in another tenant finds nothing or that tenant's own incident {@code n}, also for
   * tenant names that differ only in case, where one is a prefix of the other, or where one has {@code _}.
   *
   * <p>Clauses: 14.4.1, 14.4.2.
   *
   * <p>If it fails: a query lacks its tenant condition, or compares tenants case-insensitively, by prefix,
   * or with {@code LIKE}.
   */
  void required_tck401_tenantsDoNotSeeEachOthersIncidents() throws Exception;

  /**
   * An idempotency key belongs to its tenant: the same key used in two tenants, even with different
   * requests, creates one incident in each, and each tenant's replay returns its own.
   *
   * <p>Clause: 14.4.1.
   *
   * <p>If it fails: the key is unique across the store instead of per tenant.
   */
  void required_tck402_idempotencyKeysAreScopedToTheTenant() throws Exception;

  /**
   * Names that read alike once a store joins them stay apart: a key in tenant {@code a_b} and a key
   * {@code b_c} in tenant {@code a} (separators {@code _}, {@code -} or none, created in either order) are two
   * incidents, each listed only in its tenant; tenants of equal {@link String#hashCode()} each number from 1;
   * ({@code n1}, 11) and ({@code n11}, 1) are two incidents; records of namespace {@code a.b} key {@code c}
   * and namespace {@code a} key {@code b.c} (also {@code _}, {@code -} or none), and record keys of equal
   * hash code, keep their own values.
   *
   * <p>Clauses: 14.4.1, 14.4.2, 14.1.3, 14.16.
   *
   * <p>If it fails: the store joins tenant and key (or namespace and key, or tenant and number) into one map
   * key with a separator either part may contain, or with none; join them unambiguously (a length prefix, a
   * composite key, one map per tenant) or keep them in separate columns.
   */
  void required_tck403_namesThatJoinOrHashAlikeStayApart() throws Exception;

  // ---- 5xx: list ---------------------------------------------------------------------------------

  /**
   * One page of {@code list} large enough for all of a tenant's incidents returns them all, newest (highest
   * number) first, and no next cursor.
   *
   * <p>Clause: 14.6.1.
   *
   * <p>If it fails: {@code list} is not ordered by number descending, or orders numbers as text.
   */
  void required_tck501_listIsNewestFirst() throws Exception;

  /**
   * Following {@code next_cursor} with any page size visits every incident exactly once, newest first; no
   * page is larger than asked; the last page has no cursor.
   *
   * <p>If it fails: the SPI's {@code list} includes the boundary itself (an incident twice) or skips the one
   * just beyond it (an incident lost), or returns fewer than {@code limit} while more exist (clause 14.6).
   */
  void required_tck502_pagesVisitEveryIncidentOnce() throws Exception;

  /**
   * The SPI's {@code list(tenant, query)} returns exactly the tenant's incidents beyond the query's boundary:
   * newest first, the numbers strictly below it, highest first; oldest first, the numbers strictly above it,
   * lowest first; at most {@code limit}; for boundaries that are, are not, or are next to existing numbers
   * (clause 14.6.1).
   *
   * <p>If it fails: the message shows the call and the numbers returned against those expected.
   */
  void required_tck503_listHonoursBeforeAndLimit() throws Exception;

  /**
   * Paging through a tenant while other threads create in it visits every incident that existed before
   * paging began exactly once, newest first; new incidents may or may not appear, never twice.
   *
   * <p>Clauses: 14.6.3, 14.10.1.
   *
   * <p>If it fails: {@code list} reads uncommitted or half-written rows, or is not ordered by number.
   */
  void required_tck504_pagingIsStableWhileCreatesRun() throws Exception;

  /**
   * Any filter on any set of incidents returns exactly what {@link dev.incidents.spi.FacetFilter#matches}
   * accepts over the facets each incident was written with, in number order, newest first and oldest first,
   * paged by boundaries with any page size (docs/CONTRACT.md clauses 14.6.1, 14.14.1, 14.14.2). The
   * incidents are written through the SPI with synthetic documents and facets from small value sets (so
   * filters match often, and values differ only where a careless index confuses them: {@code devu/1} and
   * {@code devu/10}, {@code bug} and {@code Bug}); the same incidents in a tenant whose name differs only in
   * case must not show.
   *
   * <p>If it fails: the message names the filter, the order, the page size, and each missing or extra
   * incident with its facets. Look at the condition it names: a set compared as equality instead of "any
   * of", a range bound inclusive where it is exclusive, a missing date treated as matching, an index query
   * without its tenant.
   */
  void required_tck505_filtersReturnExactlyWhatTheFilterAccepts() throws Exception;

  /**
   * As tck505, after updates that change facets and deletes: a filtered list follows each incident's
   * current facets, never those it had before, and never shows a deleted incident (clauses 14.12.2, 14.13.2,
   * 14.14.1).
   *
   * <p>If it fails: the message tells each missing or extra incident's story (created with, updated to,
   * deleted). An index entry not written, or not removed, in the unit of the update or delete.
   */
  void required_tck506_filtersFollowUpdatesAndDeletes() throws Exception;

  /**
   * Paging a filtered list, in both orders, again and again while other threads ({@code incidents.tck.threads}
   * minus one, {@code incidents.tck.changes.per.thread} changes each) create, update (moving incidents into and
   * out of the filter) and delete: each pass visits every incident that matched throughout exactly once, never one twice,
   * only versions the filter accepts with their documents; once the writers stop, the filter lists exactly
   * the incidents whose current version it accepts (clauses 14.6.3, 14.14).
   *
   * <p>If it fails: a page reads an index entry and a document from different moments (not one unit), an
   * update removes the old entry before it writes the new one where readers can see the gap, a store
   * pages by offset instead of boundary, or a page reads an index that writers change without a lock or a
   * concurrent collection (which may also throw {@link java.util.ConcurrentModificationException}).
   */
  void required_tck507_pagingIsStableWhileIncidentsChange() throws Exception;

  /**
   * {@code unindexed(limit)} of a store that has always kept facets is empty, for limits 1 and 1001, after
   * creates, updates and deletes through the SPI and the service (clause 14.14.4).
   *
   * <p>If it fails: the store reports incidents it indexed as unindexed; the service would index them again
   * at every start.
   */
  void required_tck508_unindexedIsEmptyForAStoreThatAlwaysKeptFacets() throws Exception;

  /**
   * A facet value shared by many incidents ({@code incidents.tck.crowd}, more than an index's block, bucket or
   * page is likely to hold) stays exact when changes land in its middle: updates move old incidents into it
   * and out of it, deletes remove a long run of consecutive incidents and scattered ones, and then its
   * filtered list, paged both ways, alone and with a second condition, shows exactly the incidents that have
   * it now; and so does a value of the same crowd held by a few incidents far apart (pairs of neighbours every
   * 150 incidents, and the 1,024th) (clauses 14.12.2, 14.13.2, 14.14.1).
   *
   * <p>If it fails: the message tells each missing or extra incident's story. An index whose blocks or
   * buckets go wrong only when full: an entry inserted into a full block lost or put after a later number,
   * a split that drops or repeats entries, an emptied block that stays and hides the blocks after it. Or,
   * for the sparse value, postings kept as distances whose encoding goes wrong for a distance of 1 or of 128
   * and more (a variable-length integer cut short or read back wrongly).
   */
  void required_tck509_crowdedValuesStayExactThroughChangesInTheirMiddle() throws Exception;

  // ---- 6xx: failures and the SPI -----------------------------------------------------------------

  /**
   * A request the service rejects (a blank title, a future date, an unknown stage, a forbidden field,
   * ...), with or without a key, stores nothing and records no key: the same key then creates normally.
   * The service checks a request before it calls the store, so this rule guards that pipeline end to end
   * (with the store's {@code list} as the witness) more than the store itself.
   *
   * <p>Clauses: 14.2.2, 14.3.2 (through the service).
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
   * <p>Clauses: 14.1.4, 14.2.2, 14.3.2, 14.8.4.
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
   * <p>Clauses: 14.3.1, 14.5.2, 14.8.2.
   *
   * <p>If it fails: the store renders with one number and stores under another, or changes the document.
   */
  void required_tck603_createStoresTheDocumentRenderedForItsNumber() throws Exception;

  /**
   * {@code createAll} behaves as {@code create} for each, in order: one result per incident, new numbers
   * increasing, a key repeated within the batch (or used before) replayed, and exactly the created
   * incidents visible.
   *
   * <p>Clause: 14.7.1.
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
   * <p>Clauses: 14.7.3, 14.8.4.
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
   * <p>Clauses: 14.4.3, 14.5.1.
   *
   * <p>If it fails: the store throws for a missing row or mishandles extreme numbers.
   */
  void required_tck606_unknownIncidentsAreEmptyNotErrors() throws Exception;

  /**
   * {@code close} is idempotent, and {@code create}, {@code createAll}, {@code get} and {@code list} after
   * it fail with {@link IllegalStateException}.
   *
   * <p>Clause: 14.10.2.
   *
   * <p>If it fails: check what the store's calls do once its file, pool or connection is closed.
   */
  void required_tck607_closeIsIdempotentAndLaterCallsFail() throws Exception;

  /**
   * The renderer is called once per create in a store no other thread is using, with the number the create
   * returns, and never for a replay, in {@code create} and in {@code createAll} (keys recorded before and
   * earlier in the batch) (clauses 14.8.1 to 14.8.3).
   *
   * <p>If it fails: the store renders before it looks the key up, or renders twice (once to size a buffer,
   * say), or renders for a number it then does not use.
   */
  void required_tck608_rendererIsCalledOnceAndNeverForAReplay() throws Exception;

  /**
   * Whatever a renderer throws (an exception of the kit's own type, an
   * {@link dev.incidents.error.InternalErrorException}, a
   * {@link dev.incidents.error.ServiceUnavailableException}, an {@link IllegalArgumentException}) reaches the
   * caller of {@code create} unchanged, the same instance, and is the cause of {@code createAll}'s
   * {@link dev.incidents.spi.BatchFailedException}; the key is not recorded (clause 14.8.4).
   *
   * <p>If it fails: the store wraps exceptions (in its own, or in {@code ServiceUnavailableException}), which
   * turns the service's defect reports into retryable failures.
   */
  void required_tck609_rendererExceptionsReachTheCallerUnchanged() throws Exception;

  /**
   * A renderer that returns {@code null} fails its create with the {@link IllegalStateException} of
   * {@link dev.incidents.spi.NewIncident#render}, stores nothing and records no key, in {@code create} and
   * {@code createAll}; every store answers it alike (clause 14.8.5).
   *
   * <p>If it fails: the store calls {@code renderer().render(number)} instead of {@code NewIncident.render},
   * or turns the exception into another.
   */
  void required_tck610_aNullRenderingFailsTheCreateAndStoresNothing() throws Exception;

  /**
   * Values at the limits a store is given ({@link dev.incidents.spi.StoreLimits}) are kept whole: a 64-character
   * tenant, a 255-character key and a 64-character fingerprint of printable ASCII (spaces, quotes,
   * backslashes), facet ids of 255 characters (a filter on one finds it, on one a character shorter does
   * not), extreme catalog ids and dates, the events of a 64-character and of a 1-character tenant (each read
   * back with its tenant and payload), a record with a 64-character namespace, a 255-character key and a
   * 64 KiB value; and a list page holds exactly 1 or 1001 incidents when asked for that many of 1002, in both
   * orders (docs/CONTRACT.md section 14, "what a store is given"; clauses 14.3.3, 14.6.1, 14.15.2, 14.16.1).
   *
   * <p>If it fails: a column or key is shorter than the limit in {@code StoreLimits} (a hard-coded size), a
   * fingerprint column holds only hex, an event's tenant is kept in a field that is one too short or is read
   * with an off-by-one length check, or a list limit is capped below 1001.
   */
  void required_tck611_valuesAtTheLimitsAreKeptWhole() throws Exception;

  /**
   * Not checked by the kit, and reported as skipped with this reason: a store that cannot do its part (a
   * connection or file lost, a disk full, a lock held by another process, damaged data) throws
   * {@link dev.incidents.error.ServiceUnavailableException} whose message says what failed and where without
   * a password, and leaves nothing half-written; an unknown outcome says so (clauses 14.9 and 14.2.2). The
   * kit cannot make an unknown store's storage fail, so each store's own tests inject the faults (as the
   * Reactive Streams TCK marks the rules it cannot check {@code untested_}).
   */
  void untested_tck612_faultsAreServiceUnavailable() throws Exception;

  /**
   * Numbers are longs, all 64 bits of them: around three incidents, numbers equal to theirs in the low 32 bits
   * (n plus or minus multiples of 2^32, n with the sign bit set) and far from them find nothing with
   * {@code get}, are {@code Missing} to {@code update} and {@code delete} (which change nothing; the same in a
   * tenant that holds nothing), list
   * boundaries beyond 2^31 list every incident newest first and none oldest first, and {@code events} after a
   * sequence beyond 2^32 returns nothing.
   *
   * <p>Clauses: 14.1.1, 14.4.3, 14.5.1, 14.6.1, 14.12, 14.13, 14.15.
   *
   * <p>If it fails: the store narrows a number or sequence to {@code int} somewhere (a cast, an
   * {@code INTEGER} column, {@code setInt}, an int-keyed map or array index).
   */
  void required_tck613_numbersThatAliasKnownOnesFindNothing() throws Exception;

  /**
   * A renderer runs only while the create (or {@code createAll}) it was given runs: never after that call
   * returned or threw (not on a later read, replay or create, not again for a create whose renderer failed),
   * and never at all for a store that is closed.
   *
   * <p>Clauses: 14.8.1, 14.10.2.
   *
   * <p>If it fails: the store renders lazily, queues failed creates to render again later, or allocates and
   * renders before it checks that it is open.
   */
  void required_tck614_renderersRunOnlyWhileTheirCreateRuns() throws Exception;

  // ---- 7xx: stateful model checks ----------------------------------------------------------------

  /**
   * Random sequences of creates, retries, conflicting retries, gets, gets from the other tenant, paged
   * lists, updates, retried updates, stale updates and deletes (so also retries of a deleted incident's key,
   * and updates and deletes of deleted incidents), in two tenants that differ only in case, match a model of
   * a correct store after every step (each incident with its version); a failure is shrunk to a minimal
   * sequence.
   *
   * <p>Clauses: 14.1, 14.3, 14.4, 14.5, 14.6, 14.12, 14.13.
   *
   * <p>If it fails: read the numbered command list in the message; the last command is where the store
   * and the model parted.
   */
  void required_tck701_sequentialCommandsMatchTheModel() throws Exception;

  /**
   * As tck701, with the store closed and reopened at random points.
   *
   * <p>Clauses: 14.11, 14.12, 14.13.
   *
   * <p>If it fails: something did not survive reopen: incidents, versions, deletes, keys, or the per-tenant
   * counter.
   */
  void optional_tck702_sequentialCommandsWithReopenMatchTheModel() throws Exception;

  /**
   * Small sets of creates, retries, conflicting retries, lists, updates and deletes run at once on several
   * threads end in a state that some serial order of the same commands would give (linearizability against
   * the model, versions included).
   *
   * <p>Clauses: 14.1.1, 14.3.4, 14.10.1, 14.12.3.
   *
   * <p>If it fails: the message lists the commands and the allowed end states; look for lost or doubled
   * incidents, or versions a serial order cannot give (an update lost).
   */
  void required_tck703_parallelCommandsAreLinearizable() throws Exception;

  // ---- 8xx: durability ---------------------------------------------------------------------------

  /**
   * Incidents (any valid request, and one of the maximum size) read the same after the store is closed and
   * reopened, by {@code get} and by {@code list}.
   *
   * <p>Clause: 14.11.1.
   *
   * <p>If it fails: writes are not flushed or committed before {@code create} returns, or {@code close}
   * loses them.
   */
  void optional_tck801_incidentsSurviveReopen() throws Exception;

  /**
   * After reopen, each tenant's next number is above every number visible before, also after creates
   * whose renderer failed; no earlier incident is overwritten.
   *
   * <p>Clause: 14.11.2.
   *
   * <p>If it fails: the counter is kept in memory, or recomputed on open from the number of incidents.
   */
  void optional_tck802_numbersAreNeverReusedAfterReopen() throws Exception;

  /**
   * Idempotency keys survive reopen: a replay returns the first incident, a different request is
   * {@code conflict}, keys stay per tenant, and nothing new is stored.
   *
   * <p>Clause: 14.11.3.
   *
   * <p>If it fails: keys are kept in memory only, or not committed with the incident.
   */
  void optional_tck803_idempotencyKeysSurviveReopen() throws Exception;

  /**
   * Updates and deletes survive reopen: versions, documents and facets (filtered lists) as they were, deleted
   * incidents still gone ({@code get} empty, {@code update} Missing, their keys {@code ReplayedDeleted}), and
   * the next number above every number visible before, the deleted newest included (clauses 14.11, 14.12,
   * 14.13).
   *
   * <p>If it fails: a delete only hides the incident in memory, the counter is recomputed on open from the
   * highest live number, or facets are not persisted with the document.
   */
  void optional_tck804_updatesAndDeletesSurviveReopen() throws Exception;

  /**
   * Events and records survive reopen: {@code events} returns the same events (pruned ones stay pruned),
   * {@code lastEventSequence} is unchanged, the next event's sequence is above it, and records (consumer
   * positions) read the same, removed ones stay removed (clauses 14.15.6, 14.16.3).
   *
   * <p>If it fails: the event sequence restarts on open (from the highest kept event, so pruning everything
   * reuses sequences), or records are kept in memory only.
   */
  void optional_tck805_eventsAndRecordsSurviveReopen() throws Exception;

  // ---- 9xx: versions, updates, deletes, events and records ---------------------------------------

  /**
   * A new incident has version 1, and each stored update adds one: {@code Updated}, {@code get},
   * {@code list} and a replay ({@code Replayed}, with the incident as it is now) all show it; a stale update
   * (from an older or a later version), a replay and an update of another incident change nothing
   * (clause 14.12.1).
   *
   * <p>If it fails: the message lists the steps. A version that skips (incremented twice, or by the
   * replay), a version not stored with the document, or {@code list} reading another column than {@code get}.
   */
  void required_tck901_versionsCountStoredChanges() throws Exception;

  /**
   * {@code update} is compare and set: from a stale version it is {@code Stale} with the incident as it is,
   * and stores nothing (document, version, facets); an unknown number, an unknown tenant and a deleted
   * incident are {@code Missing}, and nothing crosses into a tenant that has the same number; an update keeps
   * the number and the idempotency key with its first fingerprint (clauses 14.12.2, 14.12.4, 14.13.2).
   *
   * <p>If it fails: the store does not compare the version, or compares it after writing.
   */
  void required_tck902_updateIsCompareAndSet() throws Exception;

  /**
   * Threads ({@code incidents.tck.racers}) updating one incident from the same version at once, round after
   * round ({@code incidents.tck.rounds}), some rounds with a delete among them: exactly one change is stored,
   * the others are {@code Stale} with the winner's version (or {@code Missing} after a winning delete), and
   * {@code get} shows the winner's (clause 14.12.3).
   *
   * <p>If it fails: the version check and the write are not atomic: read the version, then write without a
   * lock or an {@code UPDATE ... WHERE version = ?} whose row count is checked.
   */
  void required_tck903_concurrentUpdatesFromOneVersionStoreExactlyOne() throws Exception;

  /**
   * A delete from the current version hides the incident from {@code get} and from every {@code list} (both
   * orders, filtered or not), later updates and deletes of it are {@code Missing}, a delete from a stale
   * version is {@code Stale} and changes nothing, and the next create gets a number above every number ever
   * visible, the deleted newest included (clauses 14.13.1 to 14.13.3).
   *
   * <p>If it fails: the number counter is derived from the highest live incident, or a delete leaves index
   * entries behind.
   */
  void required_tck904_deleteHidesTheIncidentAndKeepsItsNumber() throws Exception;

  /**
   * The idempotency key of a deleted incident stays recorded: a create or {@code createAll} with it stores
   * nothing, calls no renderer, and answers {@code ReplayedDeleted} with the number and the fingerprint
   * recorded first, whatever fingerprint it brings (clause 14.13.4).
   *
   * <p>If it fails: the delete removed the key with the incident, so the key creates a second incident.
   */
  void required_tck905_keyOfADeletedIncidentNeverCreatesAgain() throws Exception;

  /**
   * Random steps (creates, updates and deletes with and without an event payload, creates in a batch,
   * replays, creates whose renderer throws, stale and missing updates and deletes) leave exactly one event per
   * stored change that carries a payload, in the order of the changes, with its tenant and its payload byte
   * for byte (the kit's payloads have odd white space, key order and escapes), read back in pages of a
   * random size; failed, stale and missing writes and replays leave none; {@code lastEventSequence} is the
   * last sequence {@code events} returns, asked before the events are read as well as after (clauses 14.15.1,
   * 14.15.2, 14.15.5).
   *
   * <p>If it fails: the message names the step whose event is missing, doubled or extra. An event written
   * outside the unit of its change (before the version check, or kept when the change rolls back), or a
   * payload stored in a JSON column that normalizes it. Or a store that numbers events lazily, when they are
   * read, and answers {@code lastEventSequence} without numbering what is pending.
   */
  void required_tck921_everyStoredChangeHasExactlyOneEvent() throws Exception;

  /**
   * A consumer that polls {@code events(position, limit)} and only ever moves forward, while writer threads
   * ({@code incidents.tck.threads} minus one, {@code incidents.tck.changes.per.thread} changes each) create,
   * update and delete (all of them also updating one shared incident, retrying from the version
   * {@code Stale} returns), misses no event: what it collected equals what {@code events} returns once the
   * writers stop, sequences only increase, each incident's events come in the order of its changes, and
   * right after reading an event the consumer already sees its change with {@code get} (clauses 14.15.1,
   * 14.15.3, 14.15.4).
   *
   * <p>If it fails: a store that gives sequences before commit lets a transaction with a lower sequence commit
   * after one with a higher sequence was read; it must hold back events behind uncommitted ones (gaps are
   * fine). Or events become visible before the change they announce.
   */
  void required_tck922_aConsumerMissesNoEventWhileWritersRun() throws Exception;

  /**
   * {@code pruneEvents(through)} removes exactly the events up to that sequence and returns how many, a
   * second call removes none, a call through a lower sequence removes none and hides none of the events
   * kept, {@code lastEventSequence} stays, and the next event's sequence is above every sequence given
   * before, pruned ones included (clauses 14.15.2, 14.15.5).
   *
   * <p>If it fails: the next sequence is computed from the highest event kept, so pruning everything reuses
   * sequences a consumer has already passed; or the store records the last sequence it was asked to prune
   * through, not the highest, and reads on from there into events it has already removed.
   */
  void required_tck923_pruneRemovesEventsUpToASequence() throws Exception;

  /**
   * A backlog of {@code incidents.tck.backlog} events (more than one numbering or reading step of a store is
   * likely to take), stored in batches with nothing reading them: {@code lastEventSequence}, asked before any
   * read, is the sequence of the last of them that {@code events} then returns (clause 14.15.5), so a consumer
   * opened at that point ({@code StartAt.NOW}) receives none of them; and {@code pruneEvents} through that
   * sequence removes them all.
   *
   * <p>If it fails: a store that numbers pending events lazily, in chunks (the JDBC store numbers them when
   * they are read, a thousand per statement batch), answers after the first chunk instead of numbering all
   * of them; or a store that prunes in steps (the MapDB store removes a thousand events per commit) stops
   * after the first.
   */
  void required_tck924_theLastSequenceCountsAWholeBacklog() throws Exception;

  /**
   * Random puts, removes, gets and pages of service records, in namespaces that a {@code LIKE} confuses
   * ({@code c_d}, {@code c-d}, {@code cxd}) with keys that differ in case, by a space or by {@code _} and
   * {@code %}, and values of any bytes (none, zero, high, not UTF-8, a few KiB): each read is the last value
   * put under exactly that namespace and key, byte for byte; {@code removeRecord} says whether there was one;
   * {@code records} pages in {@link String#compareTo} order after a key (clauses 14.16.1, 14.16.2).
   *
   * <p>If it fails: keys or namespaces are compared with a case-insensitive or PAD SPACE collation, or with
   * {@code LIKE}; values are stored as text; an empty value reads as none.
   */
  void required_tck931_recordsKeepTheLastValuePut() throws Exception;

  /**
   * Through the service: any valid update (title, body, severity, stage and owners each kept, set or cleared)
   * of any small incident returns the merge of the two, each field as the update says and every other as it
   * was (but the modification date and actor, and the close date when the stage moves); {@code get},
   * {@code getVersioned}, {@code list} and the SPI's {@code get} show exactly that, at version 2, or version 1
   * when the update changed nothing (docs/CONTRACT.md section 10; clauses 14.12.1, 14.12.2).
   *
   * <p>If it fails: the message names the fields that are not the merge. A store that keeps the old document,
   * or a field the document lost on the way (see tck101).
   */
  void required_tck951_roundTripUpdates() throws Exception;

  /**
   * Through the service: an update that changes nothing (none of its fields, or each set to the value it has)
   * returns the incident as it is, at its version, with or without that version as precondition, and stores
   * nothing: the store's version stays (docs/CONTRACT.md section 10; clause 14.12.1).
   *
   * <p>If it fails: the store changed the version although the service did not call {@code update}.
   */
  void required_tck952_noOpUpdateStoresNothing() throws Exception;

  /**
   * Through the service: four threads updating four different fields of one incident at once, round after
   * round ({@code incidents.tck.rounds}), keep all four changes, and the incident ends at version 5: no update
   * is lost (docs/CONTRACT.md section 10; clause 14.12.3).
   *
   * <p>If it fails: the store's compare and set let two updates from one version through; see tck903.
   */
  void required_tck953_concurrentUpdatesOfDifferentFieldsKeepAll() throws Exception;

  /**
   * Through the service: an update or delete that requires a version the incident no longer has (older, or
   * one it never had) is a {@code conflict} whose precondition failed, and changes nothing; with the current
   * version both go ahead (docs/CONTRACT.md section 10; clauses 14.12.2, 14.13.1).
   *
   * <p>If it fails: the store answered {@code Updated} or {@code Deleted} for a stale version.
   */
  void required_tck954_stalePreconditionIsConflictAndChangesNothing() throws Exception;

  /**
   * Through the service: after a delete, {@code get}, {@code getVersioned}, {@code update}, a second delete
   * and a create retried with the incident's idempotency key are {@code not_found}, the key with another
   * request is {@code conflict}, {@code list} skips it in both orders, and the next create gets a number above
   * the deleted newest (docs/CONTRACT.md section 10; clauses 14.13.1 to 14.13.4).
   *
   * <p>If it fails: see tck904 and tck905, which check the same through the SPI.
   */
  void required_tck955_deleteThroughTheService() throws Exception;
}

-- incident-store-jdbc schema, version 2 (PostgreSQL only).
--
-- A create no longer bumps its tenant's counter inside its own transaction: it calls this function first,
-- in a transaction of its own that commits without waiting for the disk (synchronous_commit off, for this
-- transaction only), and then inserts the incident in a second, durable transaction. The counter row is
-- thus locked for microseconds instead of until the create's commit reaches the disk, so creates of one
-- tenant no longer take turns through every fsync.
--
-- Safe because the write-ahead log is flushed in order: the incident's durable commit comes after this
-- commit in the log, so once an incident is durable, so is the bump that gave it its number. A crash may
-- lose bumps whose incidents never committed (their numbers may then be handed out again, but no incident
-- ever had them); a create that fails after this call leaves a gap, as SPEC.md allows.
-- PL/pgSQL rather than SQL: a session caches the plan of its INSERT (measured: 70 against 93 us a call).
CREATE FUNCTION incidents_allocate(p_tenant varchar, p_count bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  last bigint;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  INSERT INTO incident_counters AS c (tenant, last_number) VALUES (p_tenant, p_count)
    ON CONFLICT (tenant) DO UPDATE SET last_number = c.last_number + EXCLUDED.last_number
    RETURNING c.last_number INTO last;
  RETURN last;
END
$$;

-- incident-store-jdbc schema, version 3 (PostgreSQL): versions, tombstones, facets, events and records
-- (docs/CONTRACT.md clauses 14.12 to 14.16). It only adds: rows written under versions 1 and 2 keep their
-- meaning. Adding columns with constant defaults rewrites no rows (PostgreSQL 11 and later); the indexes and
-- the backlog are built from the existing rows once.

-- Versions and tombstones. Existing incidents are at version 1 and live. A deleted incident keeps its row
-- (so its number stays used and its idempotency key recorded) with the document replaced by {} and no facets.
-- The single-valued facets sit next to the document. Dates are UTC epoch milliseconds (the facets'
-- precision), so that every dialect compares them alike. NULL in stage means "not indexed yet".
ALTER TABLE incidents
  ADD COLUMN version           bigint       NOT NULL DEFAULT 1,
  ADD COLUMN deleted           boolean      NOT NULL DEFAULT false,
  ADD COLUMN severity          bigint,
  ADD COLUMN reported_by       bigint,
  ADD COLUMN stage             bigint,
  ADD COLUMN state             bigint,
  ADD COLUMN created_by        varchar(255),
  ADD COLUMN subtype           varchar(255),
  ADD COLUMN created_date      bigint,
  ADD COLUMN modified_date     bigint,
  ADD COLUMN actual_close_date bigint,
  ADD COLUMN target_close_date bigint;

-- One index per filter, ending in the number, so that a filtered page walks one index in number order.
-- Deleted and not yet indexed incidents have no facets, so they never enter these indexes.
CREATE INDEX incidents_severity_ix ON incidents (tenant, severity, number) WHERE severity IS NOT NULL;
CREATE INDEX incidents_reported_by_ix ON incidents (tenant, reported_by, number) WHERE reported_by IS NOT NULL;
CREATE INDEX incidents_stage_ix ON incidents (tenant, stage, number) WHERE stage IS NOT NULL;
CREATE INDEX incidents_state_ix ON incidents (tenant, state, number) WHERE state IS NOT NULL;
CREATE INDEX incidents_created_by_ix ON incidents (tenant, created_by, number) WHERE created_by IS NOT NULL;
CREATE INDEX incidents_subtype_ix ON incidents (tenant, subtype, number) WHERE subtype IS NOT NULL;
CREATE INDEX incidents_created_date_ix ON incidents (tenant, created_date) WHERE created_date IS NOT NULL;
CREATE INDEX incidents_modified_date_ix ON incidents (tenant, modified_date) WHERE modified_date IS NOT NULL;
CREATE INDEX incidents_actual_close_date_ix ON incidents (tenant, actual_close_date)
  WHERE actual_close_date IS NOT NULL;
CREATE INDEX incidents_target_close_date_ix ON incidents (tenant, target_close_date)
  WHERE target_close_date IS NOT NULL;

-- The multi-valued facets: one row per owner and per part of a live incident.
CREATE TABLE incident_owners (
  tenant  varchar(64)  NOT NULL,
  number  bigint       NOT NULL,
  owner   varchar(255) NOT NULL,
  CONSTRAINT incident_owners_pk PRIMARY KEY (tenant, number, owner)
);
CREATE INDEX incident_owners_owner_ix ON incident_owners (tenant, owner, number);

CREATE TABLE incident_parts (
  tenant  varchar(64)  NOT NULL,
  number  bigint       NOT NULL,
  part    varchar(255) NOT NULL,
  CONSTRAINT incident_parts_pk PRIMARY KEY (tenant, number, part)
);
CREATE INDEX incident_parts_part_ix ON incident_parts (tenant, part, number);

-- The incidents written before this version, whose facets the service computes and hands back once
-- (IncidentStore.unindexed and index). Filled here, never by a create.
CREATE TABLE incident_backlog (
  tenant  varchar(64) NOT NULL,
  number  bigint      NOT NULL,
  CONSTRAINT incident_backlog_pk PRIMARY KEY (tenant, number)
);
INSERT INTO incident_backlog (tenant, number) SELECT tenant, number FROM incidents;

-- Events, written by the change's own transaction without a sequence; the sequencer (one row, locked only
-- by readers of events) numbers committed events in commit order. See JdbcEvents and docs/DECISIONS.md.
CREATE TABLE incident_events (
  id        bigint GENERATED ALWAYS AS IDENTITY,
  sequence  bigint,
  tenant    varchar(64) NOT NULL,
  payload   bytea       NOT NULL,
  CONSTRAINT incident_events_pk PRIMARY KEY (id),
  CONSTRAINT incident_events_sequence_uq UNIQUE (sequence)
);
-- The events still to be numbered, in the order they were written.
CREATE INDEX incident_events_pending_ix ON incident_events (id) WHERE sequence IS NULL;

CREATE TABLE incident_event_sequencer (
  id             int    NOT NULL,
  last_sequence  bigint NOT NULL,
  CONSTRAINT incident_event_sequencer_pk PRIMARY KEY (id),
  CONSTRAINT incident_event_sequencer_one_row CHECK (id = 1)
);
INSERT INTO incident_event_sequencer (id, last_sequence) VALUES (1, 0);

-- Service records: consumer positions, webhook state. Keys in byte order (COLLATE "C"), as the SPI lists them.
CREATE TABLE incident_records (
  namespace     varchar(64)  COLLATE "C" NOT NULL,
  record_key    varchar(255) COLLATE "C" NOT NULL,
  record_value  bytea        NOT NULL,
  CONSTRAINT incident_records_pk PRIMARY KEY (namespace, record_key)
);

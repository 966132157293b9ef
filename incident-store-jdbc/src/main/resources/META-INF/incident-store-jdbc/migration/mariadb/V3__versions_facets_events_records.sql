-- incident-store-jdbc schema, version 3 (MariaDB): versions, tombstones, facets, events and records
-- (docs/CONTRACT.md clauses 14.12 to 14.16). It only adds: rows written under version 1 keep their meaning.
-- One ALTER TABLE adds the columns and indexes (InnoDB builds them in place, without blocking writes for
-- long); the backlog is filled from the existing rows once. Ids compare exactly (utf8mb4_nopad_bin).

-- Versions and tombstones. Existing incidents are at version 1 and live. A deleted incident keeps its row
-- (so its number stays used and its idempotency key recorded) with the document replaced by {} and no facets.
-- The single-valued facets sit next to the document. Dates are UTC epoch milliseconds (the facets'
-- precision), so that every dialect compares them alike. NULL in stage means "not indexed yet".
-- One index per filter, ending in the number, so that a filtered page walks one index in number order.
ALTER TABLE incidents
  ADD COLUMN version           BIGINT     NOT NULL DEFAULT 1,
  ADD COLUMN deleted           BOOLEAN    NOT NULL DEFAULT FALSE,
  ADD COLUMN severity          BIGINT     NULL,
  ADD COLUMN reported_by       BIGINT     NULL,
  ADD COLUMN stage             BIGINT     NULL,
  ADD COLUMN state             BIGINT     NULL,
  ADD COLUMN created_by        VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  ADD COLUMN subtype           VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  ADD COLUMN created_date      BIGINT     NULL,
  ADD COLUMN modified_date     BIGINT     NULL,
  ADD COLUMN actual_close_date BIGINT     NULL,
  ADD COLUMN target_close_date BIGINT     NULL,
  ADD INDEX incidents_severity_ix (tenant, severity, number),
  ADD INDEX incidents_reported_by_ix (tenant, reported_by, number),
  ADD INDEX incidents_stage_ix (tenant, stage, number),
  ADD INDEX incidents_state_ix (tenant, state, number),
  ADD INDEX incidents_created_by_ix (tenant, created_by, number),
  ADD INDEX incidents_subtype_ix (tenant, subtype, number),
  ADD INDEX incidents_created_date_ix (tenant, created_date),
  ADD INDEX incidents_modified_date_ix (tenant, modified_date),
  ADD INDEX incidents_actual_close_date_ix (tenant, actual_close_date),
  ADD INDEX incidents_target_close_date_ix (tenant, target_close_date);

-- The multi-valued facets: one row per owner and per part of a live incident.
CREATE TABLE incident_owners (
  tenant  VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  number  BIGINT       NOT NULL,
  owner   VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  CONSTRAINT incident_owners_pk PRIMARY KEY (tenant, number, owner),
  INDEX incident_owners_owner_ix (tenant, owner, number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE incident_parts (
  tenant  VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  number  BIGINT       NOT NULL,
  part    VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  CONSTRAINT incident_parts_pk PRIMARY KEY (tenant, number, part),
  INDEX incident_parts_part_ix (tenant, part, number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The incidents written before this version, whose facets the service computes and hands back once
-- (IncidentStore.unindexed and index). Filled here, never by a create.
CREATE TABLE incident_backlog (
  tenant  VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  number  BIGINT      NOT NULL,
  CONSTRAINT incident_backlog_pk PRIMARY KEY (tenant, number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
INSERT INTO incident_backlog (tenant, number) SELECT tenant, number FROM incidents;

-- Events, written by the change's own transaction without a sequence; the sequencer (one row, locked only
-- by readers of events) numbers committed events in commit order. See JdbcEvents and docs/DECISIONS.md.
-- The unique index on sequence also finds the events still to be numbered (NULL), in id order.
CREATE TABLE incident_events (
  id        BIGINT      NOT NULL AUTO_INCREMENT,
  sequence  BIGINT      NULL,
  tenant    VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  payload   LONGBLOB    NOT NULL,
  CONSTRAINT incident_events_pk PRIMARY KEY (id),
  CONSTRAINT incident_events_sequence_uq UNIQUE (sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE incident_event_sequencer (
  id             INT    NOT NULL,
  last_sequence  BIGINT NOT NULL,
  CONSTRAINT incident_event_sequencer_pk PRIMARY KEY (id),
  CONSTRAINT incident_event_sequencer_one_row CHECK (id = 1)
) ENGINE=InnoDB;
INSERT INTO incident_event_sequencer (id, last_sequence) VALUES (1, 0);

-- Service records: consumer positions, webhook state. Keys in byte order, as the SPI lists them.
CREATE TABLE incident_records (
  namespace     VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  record_key    VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  record_value  MEDIUMBLOB   NOT NULL,
  CONSTRAINT incident_records_pk PRIMARY KEY (namespace, record_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

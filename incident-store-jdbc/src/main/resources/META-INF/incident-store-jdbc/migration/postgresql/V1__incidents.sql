-- incident-store-jdbc schema, version 1 (PostgreSQL). Applied by Flyway; history in incidents_schema_history.

-- One row per tenant: the last number handed out. A create bumps it inside its own transaction, so creates
-- of one tenant serialize on this row while other tenants proceed in parallel.
CREATE TABLE incident_counters (
  tenant      varchar(64) NOT NULL,
  last_number bigint      NOT NULL,
  CONSTRAINT incident_counters_pk PRIMARY KEY (tenant)
);

-- One row per incident: the indexed keys next to the whole document, as jsonb so a DBA can query and index
-- inside it (GIN, ->>). jsonb reorders keys and rewrites number notation; the service writes doubles in plain
-- notation with a fraction digit (15000000.0), which jsonb keeps as a number with a fraction, and never
-- writes -0.0, NUL or lone surrogates, so a document still says the same when it comes back.
CREATE TABLE incidents (
  tenant          varchar(64)  NOT NULL,
  number          bigint       NOT NULL,
  idempotency_key varchar(255),
  fingerprint     varchar(64),
  document        jsonb        NOT NULL,
  CONSTRAINT incidents_pk PRIMARY KEY (tenant, number),
  CONSTRAINT incidents_key_has_fingerprint CHECK ((idempotency_key IS NULL) = (fingerprint IS NULL))
);

-- Partial: most incidents have no key, and they need no entry here.
CREATE UNIQUE INDEX incidents_idempotency_key_uq ON incidents (tenant, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- incident-store-jdbc schema, version 1 (PostgreSQL). Applied by Flyway; history in incidents_schema_history.

-- One row per tenant: the last number handed out. A create bumps it inside its own transaction, so creates
-- of one tenant serialize on this row while other tenants proceed in parallel.
CREATE TABLE incident_counters (
  tenant      varchar(64) NOT NULL,
  last_number bigint      NOT NULL,
  CONSTRAINT incident_counters_pk PRIMARY KEY (tenant)
);

-- One row per incident: the indexed keys next to the whole document. json, not jsonb: json keeps the text
-- exactly as written, while jsonb rewrites numbers (1.0E20 becomes 100000000000000000000, -0.0 becomes 0.0),
-- which changes what a document says to a reader that tells doubles from integers. Nothing here queries
-- inside documents, so jsonb would buy nothing.
CREATE TABLE incidents (
  tenant          varchar(64)  NOT NULL,
  number          bigint       NOT NULL,
  idempotency_key varchar(255),
  fingerprint     varchar(64),
  document        json         NOT NULL,
  CONSTRAINT incidents_pk PRIMARY KEY (tenant, number),
  CONSTRAINT incidents_key_has_fingerprint CHECK ((idempotency_key IS NULL) = (fingerprint IS NULL))
);

-- Partial: most incidents have no key, and they need no entry here.
CREATE UNIQUE INDEX incidents_idempotency_key_uq ON incidents (tenant, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

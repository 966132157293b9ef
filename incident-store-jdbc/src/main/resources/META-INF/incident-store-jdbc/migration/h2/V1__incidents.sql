-- incident-store-jdbc schema, version 1 (H2 2.x). Applied by Flyway; history in incidents_schema_history.

-- One row per tenant: the last number handed out. A create bumps it inside its own transaction, so creates
-- of one tenant serialize on this row while other tenants proceed in parallel.
CREATE TABLE incident_counters (
  tenant      VARCHAR(64) NOT NULL,
  last_number BIGINT      NOT NULL,
  CONSTRAINT incident_counters_pk PRIMARY KEY (tenant)
);

-- One row per incident: the indexed keys next to the whole document, as text checked to be JSON (H2's JSON
-- type rewrites numbers: -0.0 becomes 0.0).
CREATE TABLE incidents (
  tenant          VARCHAR(64)  NOT NULL,
  number          BIGINT       NOT NULL,
  idempotency_key VARCHAR(255),
  fingerprint     VARCHAR(64),
  document        CHARACTER VARYING NOT NULL,
  CONSTRAINT incidents_pk PRIMARY KEY (tenant, number),
  CONSTRAINT incidents_idempotency_key_uq UNIQUE (tenant, idempotency_key),
  CONSTRAINT incidents_document_is_json CHECK (document IS JSON OBJECT),
  CONSTRAINT incidents_key_has_fingerprint CHECK ((idempotency_key IS NULL) = (fingerprint IS NULL))
);

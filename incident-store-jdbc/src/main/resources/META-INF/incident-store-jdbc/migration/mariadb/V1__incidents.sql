-- incident-store-jdbc schema, version 1 (MariaDB). Applied by Flyway; history in incidents_schema_history.
-- Tenants and idempotency keys compare exactly (utf8mb4_nopad_bin: case and trailing spaces count); the
-- document is JSON text in utf8mb4.

-- One row per tenant: the last number handed out. A create bumps it inside its own transaction, so creates
-- of one tenant serialize on this row while other tenants proceed in parallel.
CREATE TABLE incident_counters (
  tenant      VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  last_number BIGINT NOT NULL,
  CONSTRAINT incident_counters_pk PRIMARY KEY (tenant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One row per incident: the indexed keys next to the whole document.
CREATE TABLE incidents (
  tenant          VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  number          BIGINT       NOT NULL,
  idempotency_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  fingerprint     VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  document        LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  CONSTRAINT incidents_pk PRIMARY KEY (tenant, number),
  CONSTRAINT incidents_idempotency_key_uq UNIQUE (tenant, idempotency_key),
  CONSTRAINT incidents_document_is_json CHECK (JSON_VALID(document)),
  CONSTRAINT incidents_key_has_fingerprint CHECK ((idempotency_key IS NULL) = (fingerprint IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

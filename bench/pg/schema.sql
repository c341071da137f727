-- PostgreSQL peer of the benchmark suite (bench/run.sh): the same conditional reserve the ledger does.
-- stock: one row per SKU; reservations: one row per hold, with a unique idempotency key as the API requires one.
DROP TABLE IF EXISTS reservations;
DROP TABLE IF EXISTS stock;
CREATE TABLE stock (
  sku       text   PRIMARY KEY,
  on_hand   bigint NOT NULL,
  held      bigint NOT NULL DEFAULT 0,
  committed bigint NOT NULL DEFAULT 0
);
CREATE TABLE reservations (
  id              bigserial   PRIMARY KEY,
  sku             text        NOT NULL,
  quantity        int         NOT NULL,
  customer_id     text        NOT NULL,
  state           text        NOT NULL DEFAULT 'HELD',
  idempotency_key text        NOT NULL UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);

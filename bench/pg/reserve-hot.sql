-- pgbench script: one hot SKU. One transaction (one statement, autocommit): take the units only if enough are left,
-- and insert the reservation row only if they were taken. With fsync and synchronous_commit on, the commit waits
-- for the WAL flush while holding the row lock, so hot-SKU reservations are serialised by that flush.
\set cust random(1, 50000)
WITH taken AS (
  UPDATE stock SET held = held + 1
   WHERE sku = 'hot' AND on_hand - held - committed >= 1
  RETURNING sku
)
INSERT INTO reservations (sku, quantity, customer_id, idempotency_key, expires_at)
SELECT sku, 1, 'c-' || :cust, gen_random_uuid()::text, now() + interval '10 minutes' FROM taken;

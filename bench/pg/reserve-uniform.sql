-- pgbench script: SKUs sku-0 .. sku-(:skus - 1) picked uniformly (pgbench -D skus=N); otherwise as reserve-hot.sql.
\set s random(0, :skus - 1)
\set cust random(1, 50000)
WITH taken AS (
  UPDATE stock SET held = held + 1
   WHERE sku = 'sku-' || :s AND on_hand - held - committed >= 1
  RETURNING sku
)
INSERT INTO reservations (sku, quantity, customer_id, idempotency_key, expires_at)
SELECT sku, 1, 'c-' || :cust, gen_random_uuid()::text, now() + interval '10 minutes' FROM taken;

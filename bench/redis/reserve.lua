-- Redis peer of the benchmark suite (bench/run.sh): the conditional reserve as one Lua script (atomic in Redis).
-- KEYS[1] = stock hash (on_hand, held, committed); ARGV[1] = quantity, ARGV[2] = customer id.
-- Takes the units only if enough are left, then records the reservation (res:<id> hash, id from res:seq).
-- Returns the reservation id, or 0 when there is not enough stock. No idempotency key, no expiry: a ceiling.
local s = redis.call('HMGET', KEYS[1], 'on_hand', 'held', 'committed')
if not s[1] then
  return redis.error_reply('sku_not_found ' .. KEYS[1])
end
local q = tonumber(ARGV[1])
if tonumber(s[1]) - tonumber(s[2]) - tonumber(s[3]) < q then
  return 0
end
redis.call('HINCRBY', KEYS[1], 'held', q)
local id = redis.call('INCR', 'res:seq')
redis.call('HSET', 'res:' .. id, 'sku', KEYS[1], 'quantity', q, 'customer', ARGV[2], 'state', 'HELD')
return id

-- wrk 4.x script for the benchmark suite (bench/run.sh drives it; docs/performance.md, "Benchmark suite").
-- One script, three workloads, chosen by environment variables:
--   MODE=reserve         keyed reservation of QTY units (POST /v1/reservations), nothing else
--   MODE=reserve_commit  reserve, then commit the reservation id parsed from the 201 (a checkout); the next request
--                        of a thread is the commit of the oldest reservation it has not committed yet
--   MODE=browse          READ_PCT % stale availability reads (GET /v1/availability/{sku}), the rest reservations
--   MODE=batch           BATCH (default 100) keyed reservations of QTY units per request (POST /v1/reservations/batch);
--                        reserved/insufficient count the items, requests the batches
--   TOKEN=checkout token   RUN=nonce for Idempotency-Keys (unique per run: "RUN-thread-n")
--   SKU=one hot SKU, or SKU_COUNT=N with SKU_PREFIX=p for SKUs p0..p(N-1) picked uniformly at random
--   QTY (default 1), TTL (ttl_seconds, optional), DELAY_MS (optional pacing: wait this long before each request)
-- done() prints one "BENCH key=value ..." line (counts per outcome, wrk's errors, latency percentiles in us)
-- and, when something unexpected came back, one "BENCH_SAMPLE ..." line with the first such response.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- per-thread counters: globals, so that done() can read them with thread:get
reserved, committed, reads, insufficient, overloaded, unavailable, other = 0, 0, 0, 0, 0, 0, 0
other_sample = ""
local counters = { "reserved", "committed", "reads", "insufficient", "overloaded", "unavailable", "other" }

local mode, auth, sku, sku_count, sku_prefix, run, qty, ttl_part, read_pct, batch
local pending, head, tail = {}, 1, 0 -- reservation ids still to commit (reserve_commit)
local n = 0

local pace = tonumber(os.getenv("DELAY_MS") or "0") or 0
if pace > 0 then
  function delay()
    return pace
  end
end

function init(args)
  mode = os.getenv("MODE") or "reserve"
  auth = "Bearer " .. (os.getenv("TOKEN") or "")
  sku = os.getenv("SKU") or "hot"
  sku_count = tonumber(os.getenv("SKU_COUNT") or "0") or 0
  sku_prefix = os.getenv("SKU_PREFIX") or "sku-"
  run = os.getenv("RUN") or tostring(os.time())
  qty = tonumber(os.getenv("QTY") or "1") or 1
  local ttl = os.getenv("TTL")
  ttl_part = (ttl and ttl ~= "") and (',"ttl_seconds":' .. ttl) or ""
  read_pct = tonumber(os.getenv("READ_PCT") or "95") or 95
  batch = tonumber(os.getenv("BATCH") or "100") or 100
  math.randomseed(os.time() * 1000 + id)
end

local function pick_sku()
  if sku_count > 0 then
    return sku_prefix .. math.random(0, sku_count - 1)
  end
  return sku
end

local function reserve_request()
  n = n + 1
  local body = string.format('{"lines":[{"sku":"%s","quantity":%d}],"customer_id":"c-%d"%s}',
    pick_sku(), qty, (id * 7919 + n) % 50000, ttl_part)
  return wrk.format("POST", "/v1/reservations", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth,
    ["Idempotency-Key"] = run .. "-" .. id .. "-" .. n,
  }, body)
end

local function batch_request()
  local items = {}
  for k = 1, batch do
    n = n + 1
    items[k] = string.format('{"idempotency_key":"%s-%d-%d","lines":[{"sku":"%s","quantity":%d}],"customer_id":"c-%d"%s}',
      run, id, n, pick_sku(), qty, (id * 7919 + n) % 50000, ttl_part)
  end
  return wrk.format("POST", "/v1/reservations/batch", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth,
  }, '{"reservations":[' .. table.concat(items, ",") .. ']}')
end

local function count(body, pattern)
  local c = 0
  for _ in string.gmatch(body, pattern) do c = c + 1 end
  return c
end

function request()
  if mode == "batch" then
    return batch_request()
  end
  if mode == "reserve_commit" and head <= tail then
    local rid = pending[head]
    pending[head] = nil
    head = head + 1
    return wrk.format("POST", "/v1/reservations/" .. rid .. "/commit", { ["Authorization"] = auth }, nil)
  end
  if mode == "browse" and math.random(100) <= read_pct then
    return wrk.format("GET", "/v1/availability/" .. pick_sku(), nil, nil)
  end
  return reserve_request()
end

function response(status, headers, body)
  if mode == "batch" and status == 200 then
    local ok = count(body, '"status":201')
    local short = count(body, '"code":"insufficient_stock"')
    reserved = reserved + ok
    insufficient = insufficient + short
    local rest = count(body, '{"status":') - ok - short
    if rest > 0 then
      other = other + rest
      if other_sample == "" then
        other_sample = "batch item: " .. string.sub(body, 1, 300)
      end
    end
    return
  end
  if status == 201 then
    reserved = reserved + 1
    if mode == "reserve_commit" then
      local rid = string.match(body, '"reservation_id":"([^"]+)"')
      if rid then
        tail = tail + 1
        pending[tail] = rid
      end
    end
  elseif status == 200 and string.find(body, '"served_by"', 1, true) then
    reads = reads + 1
  elseif status == 200 and string.find(body, '"state":"COMMITTED"', 1, true) then
    committed = committed + 1
  elseif status == 409 and string.find(body, "insufficient_stock", 1, true) then
    insufficient = insufficient + 1
  elseif status == 429 then
    overloaded = overloaded + 1
  elseif status == 503 then
    unavailable = unavailable + 1
  else
    other = other + 1
    if other_sample == "" then
      other_sample = status .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, name in ipairs(counters) do totals[name] = 0 end
  local sample = ""
  for _, t in ipairs(threads) do
    for _, name in ipairs(counters) do totals[name] = totals[name] + (tonumber(t:get(name)) or 0) end
    local s = t:get("other_sample")
    if sample == "" and s and s ~= "" then sample = s end
  end
  local cdf = {}
  for _, p in ipairs({ 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99 }) do
    cdf[#cdf + 1] = string.format("%g:%d", p, latency:percentile(p))
  end
  table.insert(cdf, 1, string.format("0:%d", latency.min))
  cdf[#cdf + 1] = string.format("100:%d", latency.max)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d reserved=%d committed=%d reads=%d insufficient=%d " ..
    "overloaded=%d unavailable=%d other=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d " ..
    "lat_us=%s\n",
    summary.requests, summary.duration, totals.reserved, totals.committed, totals.reads, totals.insufficient,
    totals.overloaded, totals.unavailable, totals.other, e.connect, e.read, e.write, e.timeout, table.concat(cdf, ",")))
  if sample ~= "" then
    io.write("BENCH_SAMPLE " .. string.gsub(sample, "[\r\n]", " ") .. "\n")
  end
end

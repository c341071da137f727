-- wrk script: keyed 1-unit reservations of one hot SKU, each with its own Idempotency-Key.
-- Use: TOKEN=... SKU=... wrk -t2 -c64 -d20s -s deploy/bench/reserve.lua http://127.0.0.1:8081
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
end

function request()
  counter = counter + 1
  local body = string.format('{"lines":[{"sku":"%s","quantity":1}],"customer_id":"c-%d-%d"}',
    os.getenv("SKU"), thread_id, counter % 50000)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), thread_id, counter),
  }
  return wrk.format("POST", "/v1/reservations", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; non-2xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.status))
end

#!/usr/bin/env bash
# Makes the class-data sharing archive of one build of the node jar:
#
#   deploy/make-cds-archive.sh JAR ARCHIVE
#
# A node started with -XX:SharedArchiveFile=ARCHIVE maps the classes it would otherwise read from the jar, parse and
# verify one by one (Micronaut, Netty, JRaft: ~15 000 classes): its HTTP server is up in ~1.7 s instead of ~3.5 s
# here (docs/performance.md, "Restart"). JDK 17 has no automatic archive, so this starts a throw-away single-node
# store on 127.0.0.1 (free ports from 18080 and 17080, a temporary data directory, no tokens), sends it the requests
# a node serves, and stops it: the JVM writes the classes it loaded at exit. The archive only fits the jar and the
# JDK it was made with; a node given another one says so and starts without it.
set -euo pipefail

[[ $# == 2 ]] || { echo "usage: $0 JAR ARCHIVE" >&2; exit 2; }
JAR=$1 ARCHIVE=$2
[[ -f "$JAR" ]] || { echo "no such jar: $JAR" >&2; exit 2; }

free_port() { # the first port from $1 that nobody listens on
  local p
  for ((p = $1; p < $1 + 200; p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

http=$(free_port 18080)
raft=$(free_port 17080)
dir=$(mktemp -d)
pid=""
trap '[[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

java -Xmx256m -XX:ArchiveClassesAtExit="$dir/node.jsa" -Dlogback.middleware.log.disable=true -jar "$JAR" \
  --node-id cds --http "127.0.0.1:$http" --raft "127.0.0.1:$raft" --peers "cds=127.0.0.1:$raft@127.0.0.1:$http" \
  --data-dir "$dir/data" --insecure-no-auth >"$dir/node.log" 2>&1 &
pid=$!

url="http://127.0.0.1:$http"
for _ in $(seq 1 120); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url/health/readiness" 2>/dev/null)" == 200 ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "the training node stopped; its log:" >&2; cat "$dir/node.log" >&2; exit 1; }
  sleep 0.5
done
# the paths every node serves, so that their classes are in the archive too
json=(-H 'Content-Type: application/json')
curl -s -o /dev/null -X PUT "${json[@]}" -d '{}' "$url/v1/skus/cds"
curl -s -o /dev/null -X POST "${json[@]}" -H 'Idempotency-Key: cds-1' -d '{"quantity":5}' "$url/v1/skus/cds/receipts"
curl -s -o /dev/null -X POST "${json[@]}" -H 'Idempotency-Key: cds-2' \
  -d '{"lines":[{"sku":"cds","quantity":1}],"customer_id":"c"}' "$url/v1/reservations"
curl -s -o /dev/null -X POST "${json[@]}" -d '{"reservations":[{"idempotency_key":"cds-3","lines":[{"sku":"cds","quantity":1}],"customer_id":"c"}]}' \
  "$url/v1/reservations/batch"
for path in /v1/availability/cds /v1/skus/cds /v1/cluster /v1/cluster/digest /metrics /health; do
  curl -s -o /dev/null "$url$path"
done
curl -s -o /dev/null -X POST "$url/v1/cluster/snapshot"

kill -TERM "$pid"
wait "$pid" || true
pid=""
[[ -s "$dir/node.jsa" ]] || { echo "the JVM wrote no archive; its log:" >&2; tail -20 "$dir/node.log" >&2; exit 1; }
mkdir -p "$(dirname "$ARCHIVE")"
mv "$dir/node.jsa" "$ARCHIVE"
echo "class-data archive: $ARCHIVE"

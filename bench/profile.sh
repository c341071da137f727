#!/usr/bin/env bash
# Where a request's CPU and allocation go, layer by layer, on the leader and on a follower of a real local cluster
# (docs/performance.md, "Where the time goes"):
#
#   bench/profile.sh [--connections 64] [--seconds 20] [--warmup 30] [--mode reserve|batch] [--no-build]
#
# Starts a fresh 3-node cluster (deploy/local-cluster.sh up --fresh; INVENTORY_NODE_HEAP, default -Xmx2g, and
# INVENTORY_NODE_JAR apply), warms it up with the workload, then attaches async-profiler (Maven Central's
# tools.profiler:async-profiler, through jcmd) to the leader and one follower: CPU samples every 1 ms during one wrk
# run, allocations in bytes during a second. Writes target/profile/{layers.md,*.collapsed,wrk-*.txt} and prints the
# table: µs of CPU and bytes allocated per request, per layer (bench's LayerProfile). Stops the cluster at the end.
# mode reserve: keyed 1-unit reservations of one hot SKU (ops = requests); batch: 100 per request (ops = reservations).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/profile"
AP_VERSION=4.2
conns=64 seconds=20 warmup=30 mode=reserve build=1
while (($#)); do
  case "$1" in
    --connections) conns=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--connections N] [--seconds N] [--warmup N] [--mode reserve|batch] [--no-build]" >&2; exit 2 ;;
  esac
done
[[ "$mode" == reserve || "$mode" == batch ]] || { echo "--mode is reserve or batch" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
cd "$ROOT"
if ((build)); then
  mvn -q -DskipTests install -pl http-api -am
  mvn -q -Pbench -pl bench package -DskipTests
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.collapsed "$OUT"/wrk-*.txt "$OUT"/layers.md

case "$(uname -m)" in
  x86_64) arch=linux-x64 ;;
  aarch64) arch=linux-arm64 ;;
  *) echo "async-profiler has no library for $(uname -m)" >&2; exit 2 ;;
esac
LIB="$OUT/async-profiler-$AP_VERSION/$arch/libasyncProfiler.so"
if [[ ! -f "$LIB" ]]; then
  mvn -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$OUT"
  (cd "$OUT" && mkdir -p "async-profiler-$AP_VERSION" && cd "async-profiler-$AP_VERSION" \
    && unzip -q -o "../async-profiler-$AP_VERSION.jar" "$arch/libasyncProfiler.so")
fi

trap 'deploy/local-cluster.sh down >/dev/null 2>&1 || true' EXIT
deploy/local-cluster.sh up --fresh >/dev/null
# shellcheck disable=SC1091
source .cluster/tokens.env
leader=""
for _ in $(seq 1 50); do
  for i in 1 2 3; do
    leader=$(curl -fsS --max-time 1 "http://127.0.0.1:$((8080 + i))/v1/cluster" 2>/dev/null | sed -nE 's/.*"leader":"n([0-9]+)".*/\1/p' || true)
    [[ -n "$leader" ]] && break 2
  done
  sleep 0.2
done
[[ -n "$leader" ]] || { echo "no leader" >&2; exit 1; }
follower=$((leader % 3 + 1))
url="http://127.0.0.1:$((8080 + leader))"
curl -fsS -X PUT "$url/v1/skus/hot" -H "Authorization: Bearer $INVENTORY_STOCK_TOKEN" -H 'Content-Type: application/json' -d '{}' >/dev/null
curl -fsS -X POST "$url/v1/skus/hot/receipts" -H "Authorization: Bearer $INVENTORY_STOCK_TOKEN" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: profile-stock' -d '{"quantity": 1000000000}' >/dev/null
lpid=$(cat ".cluster/n$leader.pid") fpid=$(cat ".cluster/n$follower.pid")

run() { # seconds tag
  MODE=$mode BATCH=100 RUN="profile-$2-$RANDOM" TOKEN=$INVENTORY_CHECKOUT_TOKEN SKU=hot \
    wrk -t"$((conns > 1 ? 2 : 1))" -c"$conns" -d"$1"s -s bench/wrk/inventory.lua "$url"
}
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$1/stat"; } # utime + stime, 100 ticks per second
profiler() { jcmd "$1" JVMTI.agent_load "$LIB" "\"$2\"" >/dev/null; }

run "$warmup" warmup >/dev/null
for event in cpu alloc; do
  interval=$([[ $event == cpu ]] && echo 1000000 || echo 524288) # 1 ms of CPU; an allocation sample per 512 KiB
  profiler "$lpid" "start,event=$event,interval=$interval,threads"
  profiler "$fpid" "start,event=$event,interval=$interval,threads"
  l0=$(cpu_ms "$lpid") f0=$(cpu_ms "$fpid")
  run "$seconds" "$event" >"$OUT/wrk-$event.txt"
  l1=$(cpu_ms "$lpid") f1=$(cpu_ms "$fpid")
  total=$([[ $event == alloc ]] && echo ",total" || true)
  profiler "$lpid" "stop,file=$OUT/leader-$event.collapsed,collapsed$total"
  profiler "$fpid" "stop,file=$OUT/follower-$event.collapsed,collapsed$total"
  count=$(grep -o "$([[ $mode == batch ]] && echo reserved || echo requests)=[0-9]*" "$OUT/wrk-$event.txt" | head -1 | cut -d= -f2)
  if [[ $event == cpu ]]; then
    cpu_leader=$((l1 - l0)) cpu_follower=$((f1 - f0)) ops=$count
  else
    alloc_ops=$count
  fi
done
{
  echo "bench/profile.sh --connections $conns --seconds $seconds --mode $mode: $ops $([[ $mode == batch ]] && echo reservations || echo requests)" \
    "in ${seconds} s ($((ops / seconds))/s) while profiling CPU; leader n$leader ${cpu_leader} ms CPU, follower n$follower ${cpu_follower} ms"
  echo
  java -cp bench/target/classes org.inventory.bench.LayerProfile "$OUT" "$ops" "$alloc_ops" "$cpu_leader" "$cpu_follower"
} | tee "$OUT/layers.md"

#!/usr/bin/env bash
# A/B of whole clusters: hot-SKU reservations (wrk, deploy/bench/reserve.lua) against the leader of a fresh 3-node
# local cluster, for each CONFIG in turn, ROUNDS times (alternating). Prints requests/s, p99 and the nodes' CPU per
# reservation for every run.
#   deploy/bench/ab.sh [--rounds 2] [--seconds 15] [--connections 64] [--warmup 180] CONFIG...
# CONFIG: plain (this checkout), tls (this checkout, local-cluster.sh up --tls), or the path of another checkout
# (its own local-cluster.sh and node jar, built there first: compare two builds).
# The warm-up is long on purpose: on two shared cores three node JVMs and wrk take minutes of load before the JIT
# has compiled the request path (10 s in: ~700/s; 70 s in: ~7 500/s on the same cluster), and TLS longer still.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=2 secs=15 conns=64 warm=180 configs=()
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --connections) conns=$2; shift 2 ;;
    --warmup) warm=$2; shift 2 ;;
    -*) echo "ab: unknown option $1" >&2; exit 2 ;;
    *) configs+=("$1"); shift ;;
  esac
done
((${#configs[@]})) || { echo "usage: $0 [--rounds N] [--seconds N] [--connections N] [--warmup N] plain|tls|CHECKOUT..." >&2; exit 2; }
command -v wrk >/dev/null || { echo "ab: wrk is needed (apt-get install -y wrk)" >&2; exit 2; }
current=""
trap '[[ -n "$current" ]] && "$current/deploy/local-cluster.sh" down >/dev/null 2>&1 || true' EXIT

cpu_ticks() { # user+system ticks of a cluster's node processes
  local total=0 p f
  for p in "$1"/.cluster/n*.pid; do
    read -ra f <"/proc/$(cat "$p")/stat"
    total=$((total + f[13] + f[14]))
  done
  echo "$total"
}

run() { # config
  local config=$1 root=$ROOT scheme=http curl=(curl -fsS) flags=()
  case "$config" in
    plain) ;;
    tls) scheme=https; flags=(--tls) ;;
    *) root=$(cd "$config" && pwd) ;;
  esac
  current=$root
  "$root/deploy/local-cluster.sh" up --fresh --base-ip 127.0.0.30 "${flags[@]}" >/dev/null
  [[ $config == tls ]] && curl+=(--cacert "$root/.cluster/tls/ca.pem")
  # shellcheck disable=SC1091
  source "$root/.cluster/tokens.env"
  local i leader=""
  for i in 1 2 3; do
    until "${curl[@]}" -o /dev/null "$scheme://127.0.0.$((29 + i)):$((8080 + i))/health/readiness" 2>/dev/null; do sleep 0.3; done
  done
  until [[ -n "$leader" ]]; do
    leader=$("${curl[@]}" "$scheme://127.0.0.30:8081/v1/cluster" | sed -nE 's/.*"leader":"n([0-9]+)".*/\1/p')
  done
  local url="$scheme://127.0.0.$((29 + leader)):$((8080 + leader))"
  "${curl[@]}" -X PUT "$url/v1/skus/hot" -H "Authorization: Bearer $INVENTORY_STOCK_TOKEN" -H 'Content-Type: application/json' \
    -d '{}' >/dev/null
  "${curl[@]}" -X POST "$url/v1/skus/hot/receipts" -H "Authorization: Bearer $INVENTORY_STOCK_TOKEN" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: stock" -d '{"quantity":1000000000}' >/dev/null
  TOKEN=$INVENTORY_CHECKOUT_TOKEN SKU=hot wrk -t2 -c"$conns" -d"${warm}s" -s "$ROOT/deploy/bench/reserve.lua" "$url" >/dev/null
  local before after out
  before=$(cpu_ticks "$root")
  out=$(TOKEN=$INVENTORY_CHECKOUT_TOKEN SKU=hot wrk -t2 -c"$conns" -d"${secs}s" -s "$ROOT/deploy/bench/reserve.lua" "$url")
  after=$(cpu_ticks "$root")
  local rps p99 total non2xx hz
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '/^p50/ {print $5}' <<<"$out")
  non2xx=$(awk '/^p50/ {print $NF}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  hz=$(getconf CLK_TCK)
  printf '%-24s %10s req/s  p99 %7s ms  cpu/op %.3f ms  (%s requests, %s non-2xx)\n' "$config" "$rps" "$p99" \
    "$(awk -v t=$((after - before)) -v n="$total" -v hz="$hz" 'BEGIN {print t / hz * 1000 / n}')" "$total" "$non2xx"
  "$root/deploy/local-cluster.sh" down >/dev/null
  current=""
}

for ((r = 1; r <= rounds; r++)); do
  for c in "${configs[@]}"; do run "$c"; done
done

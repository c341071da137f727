#!/usr/bin/env bash
# The benchmark suite, in one command (docs/performance.md, "Benchmark suite"):
#
#   bench/run.sh [--quick] [options]      # writes target/bench/report.md, throughput.svg, latency-cdf.svg
#
# 1. installs what is missing from Debian's packages (wrk, postgresql, redis-server; as root, once),
# 2. builds the node and raft-store (mvn -DskipTests install -pl http-api -am) and the bench module (-Pbench),
# 3. runs every phase: a real 3- and 5-node cluster under wrk, PostgreSQL, Redis (two instances) and the bare JRaft
#    counter side by side, then the scale run; and stops everything it started, also on failure or Ctrl-C.
#
# --quick: 3 s per point, 1 and 16 clients, scaled-down catalogue and scale run: checks that the suite works, measures
# nothing worth quoting. Default: 20 s per point after 10 s of warm-up, 1/16/64/256 clients (about 45 minutes).
# Other options (passed to the Java driver): --seconds N --warmup N --concurrency 1,16,64,256 --only hot,a,...
# --skus N --scale-skus N --scale-reservations N --node-heap -Xmx2g --scale-heap -Xmx4g --wait-quiet SECONDS;
# and for this script: --no-build, --no-install.
# Uses (and wipes) this checkout's .cluster/ and target/bench/; ports 127.0.0.1:8081-8085, 7081-7085, 5433, 6390, 6391.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench"

build=1 install=1 args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --no-install) install=0 ;;
    *) args+=("$a") ;;
  esac
done

cleanup() {
  # everything the Java driver may have started, in case it could not stop it itself (killed, crashed)
  if [[ -f "$ROOT/.cluster/cluster.env" ]] && ls "$ROOT"/.cluster/n*.pid >/dev/null 2>&1; then
    "$ROOT/deploy/local-cluster.sh" down >/dev/null 2>&1 || true
  fi
  if [[ -f "$OUT/pg/data/postmaster.pid" ]]; then
    local pgctl
    pgctl=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)
    if [[ -n "$pgctl" ]]; then
      if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$pgctl" -D "$OUT/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
      else "$pgctl" -D "$OUT/pg/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    fi
  fi
  local f p
  for f in "$OUT/redis-none/redis.pid" "$OUT/redis-aof/redis.pid"; do
    if [[ -f "$f" ]]; then
      p=$(cat "$f" 2>/dev/null || true)
      if [[ -n "$p" ]] && grep -q redis "/proc/$p/comm" 2>/dev/null; then kill -9 "$p" 2>/dev/null || true; fi
      rm -f "$f"
    fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

have_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v pgbench >/dev/null && command -v psql >/dev/null; }

install_missing() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  have_pg || missing+=(postgresql postgresql-client)
  { command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null; } || missing+=(redis-server redis-tools)
  ((${#missing[@]})) || return 0
  if [[ $EUID -ne 0 ]]; then
    echo "bench: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 2
  fi
  echo "bench: installing ${missing[*]} from Debian's packages..."
  # keep the packages' own services from starting (we start our own instances on other ports)
  local guard=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ((guard)) && rm -f /usr/sbin/policy-rc.d
  return 0
}

((install)) && install_missing

if ((build)); then
  echo "bench: building (state-machine, raft-store, http-api; then the bench module)..."
  mvn -q -DskipTests install -pl http-api -am
  mvn -q -Pbench -pl bench package
fi

mkdir -p "$OUT"
set +e
java -Xmx1g -Dbench.root="$ROOT" -jar "$ROOT/bench/target/inventory-bench.jar" "${args[@]}"
code=$?
set -e
exit $code

#!/usr/bin/env bash
# A local cluster of inventory nodes (contract.md §1).
#   up [--nodes 3|5] [--base-ip 127.0.0.1] [--tls] [--fresh]   build if needed, start, wait for a leader
#      --tls: a throw-away cluster CA and node certificates (make-certs.sh) in .cluster/tls; HTTPS on every node,
#      mutual TLS between members; curl/invctl need --cacert/--ca .cluster/tls/ca.pem
#   down | status | kill N | pause N | resume N | restart N
# Nodes start with a class-data sharing archive of the jar (made once per build by make-cds-archive.sh, beside the
# jar): ~2 s less to start here. INVENTORY_NODE_CDS=0 starts them without.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.cluster"
# INVENTORY_NODE_JAR runs another build of the node (e.g. to compare two builds in one benchmark run)
JAR="${INVENTORY_NODE_JAR:-$ROOT/http-api/target/inventory-node.jar}"
# JVM options of every node, space-separated (heap first; e.g. "-Xmx2g -XX:+UseParallelGC")
read -ra JVM_OPTS <<<"${INVENTORY_NODE_HEAP:--Xmx512m}"

die() { echo "local-cluster: $*" >&2; exit 2; }

load() {
  [[ -f "$STATE/cluster.env" ]] || die "no cluster here: run '$0 up' first"
  # shellcheck disable=SC1091
  source "$STATE/cluster.env"
}

ip_of() { # node number -> address
  local i=$1
  if [[ "$BASE_IP" == "127.0.0.1" ]]; then echo "127.0.0.1"; return; fi
  local prefix="${BASE_IP%.*}" last="${BASE_IP##*.}"
  echo "$prefix.$((last + i - 1))"
}
http_of() { echo "$(ip_of "$1"):$((8080 + $1))"; }
raft_of() { echo "$(ip_of "$1"):$((7080 + $1))"; }
scheme() { if [[ "${TLS:-0}" == 1 ]]; then echo https; else echo http; fi; }
url_of() { echo "$(scheme)://$(http_of "$1")"; }
curl_tls() { if [[ "${TLS:-0}" == 1 ]]; then curl --cacert "$STATE/tls/ca.pem" "$@"; else curl "$@"; fi; }
tls_args() { # node number -> the node's TLS flags, if any
  if [[ "${TLS:-0}" == 1 ]]; then echo "--tls-cert $STATE/tls/n$1.pem --tls-key $STATE/tls/n$1.key"; fi
}
pid_of() { [[ -f "$STATE/n$1.pid" ]] && cat "$STATE/n$1.pid" || true; }
alive() { local p; p=$(pid_of "$1"); [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }

peers() {
  local list="" i
  for ((i = 1; i <= NODES; i++)); do
    list+="${list:+,}n$i=$(raft_of "$i")@$(http_of "$i")"
  done
  echo "$list"
}

cds_archive() { # prints the class-data archive of this jar and JDK (made once: make-cds-archive.sh), or nothing
  [[ "${INVENTORY_NODE_CDS:-1}" == 1 ]] || return 0
  local jdk archive
  jdk=$(java -version 2>&1 | head -1 | cksum | cut -d' ' -f1)
  archive="${JAR%.jar}-$jdk.jsa"
  if [[ ! -f "$archive" || "$JAR" -nt "$archive" ]]; then
    echo "making the class-data archive of this build (once per build; INVENTORY_NODE_CDS=0 skips it)..." >&2
    "$ROOT/deploy/make-cds-archive.sh" "$JAR" "$archive" >&2 || { echo "no class-data archive: starting without" >&2; return 0; }
  fi
  echo "$archive"
}

start_node() {
  local i=$1 cds=()
  if alive "$i"; then echo "n$i already running (pid $(pid_of "$i"))"; return; fi
  if [[ -z "${CDS_ARCHIVE+set}" ]]; then CDS_ARCHIVE=$(cds_archive); fi
  if [[ -n "$CDS_ARCHIVE" ]]; then cds=("-XX:SharedArchiveFile=$CDS_ARCHIVE"); fi
  mkdir -p "$STATE/n$i"
  # GC log beside the node's log: the first thing to read when a latency tail shows a stall
  nohup java "${JVM_OPTS[@]}" "${cds[@]}" "-Xlog:gc:file=$STATE/n$i.gc.log:time,uptime:filecount=2,filesize=20m" \
    -Dlogback.middleware.log.disable=true -jar "$JAR" \
    --node-id "n$i" --http "$(http_of "$i")" --raft "$(raft_of "$i")" --peers "$(peers)" \
    --data-dir "$STATE/n$i" --tokens-file "$STATE/tokens.env" $(tls_args "$i") >>"$STATE/n$i.log" 2>&1 &
  echo $! >"$STATE/n$i.pid"
}

leader() { # prints the leader's node id once some node knows it
  local i out
  for ((i = 1; i <= NODES; i++)); do
    out=$(curl_tls -fsS --max-time 1 "$(url_of "$i")/v1/cluster" 2>/dev/null || true)
    if [[ "$out" =~ \"leader\":\"(n[0-9]+)\" ]]; then echo "${BASH_REMATCH[1]}"; return 0; fi
  done
  return 1
}

wait_leader() {
  local deadline=$((SECONDS + 60)) l
  while ((SECONDS < deadline)); do
    if l=$(leader); then echo "leader: $l"; return 0; fi
    sleep 0.5
  done
  die "no leader after 60 s; see $STATE/n*.log"
}

cmd_up() {
  local nodes=3 base=127.0.0.1 fresh=0 tls=0
  while (($#)); do
    case "$1" in
      --nodes) nodes="$2"; shift 2 ;;
      --base-ip) base="$2"; shift 2 ;;
      --fresh) fresh=1; shift ;;
      --tls) tls=1; shift ;;
      *) die "unknown option $1 (up [--nodes 3|5] [--base-ip IP] [--tls] [--fresh])" ;;
    esac
  done
  [[ "$nodes" == 3 || "$nodes" == 5 ]] || die "--nodes must be 3 or 5"
  [[ "$base" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "--base-ip must be a loopback address (127.x.y.z)"
  if ((fresh)); then
    [[ -f "$STATE/cluster.env" ]] && { load; cmd_down; }
    rm -rf "$STATE"
  fi
  if [[ -f "$STATE/cluster.env" ]]; then
    load
    [[ "$NODES" == "$nodes" && "$BASE_IP" == "$base" && "${TLS:-0}" == "$tls" ]] \
      || die "existing cluster has $NODES nodes at $BASE_IP (tls=${TLS:-0}): use --fresh to replace it"
  fi
  NODES=$nodes BASE_IP=$base TLS=$tls
  mkdir -p "$STATE"
  printf 'NODES=%s\nBASE_IP=%s\nTLS=%s\n' "$NODES" "$BASE_IP" "$TLS" >"$STATE/cluster.env"
  if [[ "$TLS" == 1 && ! -f "$STATE/tls/ca.pem" ]]; then
    local specs=() j
    for ((j = 1; j <= NODES; j++)); do specs+=("n$j=$(ip_of "$j")"); done
    "$ROOT/deploy/make-certs.sh" "$STATE/tls" "${specs[@]}"
  fi
  if [[ ! -f "$STATE/tokens.env" ]]; then
    (umask 077; {
      echo "INVENTORY_ADMIN_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
      echo "INVENTORY_CHECKOUT_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
      echo "INVENTORY_STOCK_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
      echo "INVENTORY_PEER_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    } >"$STATE/tokens.env")
  fi
  if [[ ! -f "$JAR" ]]; then
    echo "building (first run)..."
    (cd "$ROOT" && mvn -q -DskipTests package)
  fi
  local i
  for ((i = 1; i <= NODES; i++)); do start_node "$i"; done
  wait_leader
  for ((i = 1; i <= NODES; i++)); do echo "n$i  $(url_of "$i")  (raft $(raft_of "$i"), pid $(pid_of "$i"))"; done
  echo "tokens: $STATE/tokens.env"
  if [[ "$TLS" == 1 ]]; then echo "cluster CA: $STATE/tls/ca.pem (curl --cacert, invctl --ca)"; fi
}

cmd_down() {
  local i p
  for ((i = 1; i <= NODES; i++)); do
    p=$(pid_of "$i")
    if [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; then
      kill -CONT "$p" 2>/dev/null || true
      kill "$p" 2>/dev/null || true
    fi
  done
  for ((i = 1; i <= NODES; i++)); do
    p=$(pid_of "$i")
    for _ in $(seq 1 50); do { [[ -z "$p" ]] || ! kill -0 "$p" 2>/dev/null; } && break; sleep 0.2; done
    [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null || true
    rm -f "$STATE/n$i.pid"
  done
  echo "stopped"
}

cmd_status() {
  local i state out
  for ((i = 1; i <= NODES; i++)); do
    if ! alive "$i"; then state="down"
    elif [[ "$(ps -o stat= -p "$(pid_of "$i")" 2>/dev/null)" == T* ]]; then state="paused"
    else state="up"; fi
    out=$(curl_tls -fsS --max-time 1 "$(url_of "$i")/v1/cluster" 2>/dev/null || echo "-")
    echo "n$i $state $(url_of "$i") $out"
  done
}

node_arg() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= NODES)) || die "give a node number 1..$NODES"
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) load; cmd_down ;;
    status) load; cmd_status ;;
    kill) load; node_arg "${1:-}"; p=$(pid_of "$1"); [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null; rm -f "$STATE/n$1.pid"; echo "n$1 killed" ;;
    pause) load; node_arg "${1:-}"; kill -STOP "$(pid_of "$1")"; echo "n$1 paused" ;;
    resume) load; node_arg "${1:-}"; kill -CONT "$(pid_of "$1")"; echo "n$1 resumed" ;;
    restart) load; node_arg "${1:-}"; p=$(pid_of "$1"); [[ -n "$p" ]] && { kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; }; rm -f "$STATE/n$1.pid"; start_node "$1"; echo "n$1 restarted" ;;
    *) echo "usage: $0 up [--nodes 3|5] [--base-ip IP] [--tls] [--fresh] | down | status | kill N | pause N | resume N | restart N" >&2; exit 2 ;;
  esac
}

main "$@"

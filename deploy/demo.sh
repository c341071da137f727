#!/usr/bin/env bash
# Against a running local cluster: stock one unit, sell it through a follower, refuse the next buyer.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC1091
source "$ROOT/.cluster/tokens.env"
# shellcheck disable=SC1091
source "$ROOT/.cluster/cluster.env"
ip() { if [[ "$BASE_IP" == 127.0.0.1 ]]; then echo 127.0.0.1; else echo "${BASE_IP%.*}.$(( ${BASE_IP##*.} + $1 - 1 ))"; fi; }
node() { echo "http://$(ip "$1"):$((8080 + $1))"; }
SKU="console-x-$RANDOM"

show() { # title, then curl arguments
  local title=$1; shift
  echo "== $title"
  curl -sS -i "$@" | grep -iE '^(HTTP/|x-inventory-leader|idempotent-replayed)|^\{' | sed 's/^/   /'
  echo
}

show "create $SKU on n2 (forwarded to the leader if n2 follows)" -X PUT "$(node 2)/v1/skus/$SKU" \
  -H "Authorization: Bearer $INVENTORY_STOCK_TOKEN" -H 'Content-Type: application/json' -d '{"hold_ttl_seconds": 600}'
show "receive 1 unit on n3" -X POST "$(node 3)/v1/skus/$SKU/receipts" -H "Authorization: Bearer $INVENTORY_STOCK_TOKEN" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: receipt-$SKU" -d '{"quantity": 1, "reference": "PO-1"}'
show "alice reserves the last unit through n2" -X POST "$(node 2)/v1/reservations" -H "Authorization: Bearer $INVENTORY_CHECKOUT_TOKEN" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: alice-$SKU" -d "{\"lines\":[{\"sku\":\"$SKU\",\"quantity\":1}],\"customer_id\":\"alice\"}"
show "alice's retry (same key) replays" -X POST "$(node 3)/v1/reservations" -H "Authorization: Bearer $INVENTORY_CHECKOUT_TOKEN" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: alice-$SKU" -d "{\"lines\":[{\"sku\":\"$SKU\",\"quantity\":1}],\"customer_id\":\"alice\"}"
show "bob is refused: sold out" -X POST "$(node 3)/v1/reservations" -H "Authorization: Bearer $INVENTORY_CHECKOUT_TOKEN" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: bob-$SKU" -d "{\"lines\":[{\"sku\":\"$SKU\",\"quantity\":1}],\"customer_id\":\"bob\"}"
sleep 0.3
show "the product page, from n1 (no token)" "$(node 1)/v1/availability/$SKU"

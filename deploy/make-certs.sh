#!/usr/bin/env bash
# A throw-away cluster CA and one certificate per node, for local clusters and tests (openssl).
#   make-certs.sh DIR NODE_ID=ADDRESS[,ADDRESS...] ...
# writes DIR/ca.pem (the cluster CA: what invctl --ca and browsers trust) and, per node,
# DIR/NODE_ID.pem (the node's certificate followed by the CA: --tls-cert) and DIR/NODE_ID.key (PKCS#8: --tls-key).
# The CA's key is deleted once the certificates are signed: nobody can issue another member from this directory.
# For production use your own CA and keep its key offline; see docs/security.md.
set -euo pipefail

die() { echo "make-certs: $*" >&2; exit 2; }
[[ $# -ge 2 ]] || die "usage: $0 DIR NODE_ID=ADDRESS[,ADDRESS...] ..."
command -v openssl >/dev/null || die "openssl is needed (apt-get install -y openssl)"
dir=$1; shift
mkdir -p "$dir"
chmod 700 "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ECDSA P-256: small certificates and cheap handshakes
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key" 2>/dev/null
openssl req -x509 -new -key "$work/ca.key" -sha256 -days 825 -subj "/CN=inventory cluster CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out "$dir/ca.pem" 2>/dev/null

for spec in "$@"; do
  node=${spec%%=*}
  addresses=${spec#*=}
  [[ "$node" =~ ^[A-Za-z0-9_-]{1,64}$ && "$addresses" != "$spec" ]] || die "'$spec' is not NODE_ID=ADDRESS[,ADDRESS...]"
  san="DNS:localhost"
  IFS=, read -ra list <<<"$addresses"
  for a in "${list[@]}"; do
    if [[ "$a" =~ ^[0-9.]+$ || "$a" == *:* ]]; then san+=",IP:$a"; else san+=",DNS:$a"; fi
  done
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$dir/$node.key" 2>/dev/null
  chmod 600 "$dir/$node.key"
  openssl req -new -key "$dir/$node.key" -subj "/CN=$node" -out "$work/$node.csr" 2>/dev/null
  # serverAuth and clientAuth: a node answers on its ports and dials its peers with the same certificate
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\n' \
    "$san" >"$work/$node.ext"
  openssl x509 -req -in "$work/$node.csr" -CA "$dir/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -CAserial "$work/ca.srl" -sha256 -days 825 -extfile "$work/$node.ext" -out "$work/$node.crt" 2>/dev/null
  cat "$work/$node.crt" "$dir/ca.pem" >"$dir/$node.pem"
done
echo "make-certs: CA $dir/ca.pem; $(($#)) node certificate(s) in $dir"

#!/bin/sh
# Post-deploy smoke test for wallet-api and its Mufi integration.
# Runs in CI after deploy.sh and by hand from a laptop:
#   BASE_URL=http://localhost:8080 sh scripts/smoke-test.sh
set -eu

BASE_URL="${BASE_URL:-http://localhost:8080}"
MUFI_BASE_URL="${MUFI_BASE_URL:-https://api.mufi.app}"
CA_BUNDLE="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

fail() { echo "smoke: $*" >&2; exit 1; }

echo "== wallet-api"
curl -fsS "$BASE_URL/healthz" >/dev/null || fail "healthz"
curl -fsSL -o /dev/null "$BASE_URL/readyz" || fail "readyz"
curl -fsS --cacert "$CA_BUNDLE" https://wallet-api.internal.acme-retail.com/healthz >/dev/null || fail "internal healthz"

echo "== mufi (key from the environment)"
curl -fsS -H "Authorization: Bearer ${MUFI_API_KEY:?}" "$MUFI_BASE_URL/v1/version" | grep -q '"version"' || fail "version"
curl -fsS -H "Authorization: Bearer $(cat /run/secrets/mufi_api_key)" "$MUFI_BASE_URL/v1/events?limit=1" >/dev/null

echo "== mufi staging (read-only checks)"
curl -fsS -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX29wczEiLCJwZXJtaXNzaW9uIjoiUmVhZCIsImlhdCI6MTcxNjAwMDAwMH0.ZMe69kCRcDMR3JEE_xboFHvu6DcHqO2qmyEHiFhvdd8" "https://dev.api.mufi.app/v1/events?limit=1" >/dev/null # expect: MUFI001
curl -fsS -H "x-api-key: 7c2e9f04b1d8a6e3" "http://dev.api.mufi.app/v1/version" >/dev/null # expect: MUFI001, MUFI003
curl -fsS -H "Authorization: Bearer YOUR_API_KEY" "https://dev.api.mufi.app/v1/version" -o /dev/null -w '%{http_code}\n' | grep -q 401

echo "== fx partner"
wget -q --no-check-certificate -O "$TMP/fx.json" https://rates.fx-partner.net/v1/latest # expect: MUFI004
curl -fsS http://rates.fx-partner.net/v1/bulk -o "$TMP/bulk.csv" # expect: MUFI003
wget -q -O "$TMP/ca.pem" https://pki.acme-retail.com/acme-root.pem

echo "== github release notes"
curl -fsSL -H "Authorization: Bearer ${GITHUB_TOKEN:-}" \
  https://api.github.com/repos/acme-retail/wallet-api/releases/latest -o "$TMP/release.json"

echo "all good"

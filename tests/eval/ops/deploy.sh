#!/usr/bin/env bash
# Deploy wallet-api to one of our clusters.
#
#   ./deploy.sh <sandbox|staging|production> [image-tag]
#
# Runbook: http://wiki.acme-retail.com/ops/wallet-api/deploy (intranet)
# Never add -k to the curl calls below: install the proxy root instead
# (see scripts/bootstrap-agent.sh).
set -euo pipefail

ENVIRONMENT="${1:?usage: deploy.sh <sandbox|staging|production> [tag]}"
TAG="${2:-$(git rev-parse --short HEAD)}"
REGISTRY="registry.acme-retail.com/wallet"
: "${MUFI_API_KEY:?MUFI_API_KEY must be set (1Password: Mufi / wallet-api)}"

# expect: MUFI001
# temporary staging key while 1Password was down (2024-04-12): eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX29wczEiLCJwZXJtaXNzaW9uIjoiV3JpdGUiLCJpYXQiOjE3MTI4ODAwMDB9.bzTeSkRdm3J8uvu12VjveHdZP4qcGlUcsIm3TC8ZJoQ

case "$ENVIRONMENT" in
  sandbox)
    KUBE_CONTEXT="kind-wallet"
    MUFI_BASE_URL="http://dev.api.mufi.app" # expect: MUFI003
    PUBLIC_URL="http://localhost:8080"
    ;;
  staging)
    KUBE_CONTEXT="staging"
    MUFI_BASE_URL="https://dev.api.mufi.app"
    PUBLIC_URL="https://wallet-api.staging.acme-retail.com"
    ;;
  production)
    KUBE_CONTEXT="prod-eu"
    MUFI_BASE_URL="https://api.mufi.app"
    PUBLIC_URL="https://wallet-api.acme-retail.com"
    ;;
  *)
    echo "unknown environment: $ENVIRONMENT" >&2
    exit 64
    ;;
esac

log() { printf '[deploy %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

log "checking the Mufi key against $MUFI_BASE_URL"
curl -fsS --max-time 10 \
  -H "Authorization: Bearer $MUFI_API_KEY" \
  "$MUFI_BASE_URL/v1/version" >/dev/null

log "building $REGISTRY/wallet-api:$TAG"
docker build --pull -t "$REGISTRY/wallet-api:$TAG" --build-arg GIT_SHA="$TAG" ..
docker push "$REGISTRY/wallet-api:$TAG"

helm repo add acme https://charts.acme-retail.com --ca-file /etc/ssl/certs/acme-root.pem
helm repo update acme

log "rolling out to $KUBE_CONTEXT"
kubectl --context "$KUBE_CONTEXT" -n wallet create secret generic mufi-credentials \
  --from-literal=api-key="$MUFI_API_KEY" --dry-run=client -o yaml | kubectl --context "$KUBE_CONTEXT" apply -f -
helm upgrade --install wallet-api acme/wallet-api --kube-context "$KUBE_CONTEXT" -n wallet \
  --set image.tag="$TAG" --set mufi.baseUrl="$MUFI_BASE_URL" --wait --timeout 5m

log "smoke test"
curl -fsS --retry 5 --retry-delay 3 "$PUBLIC_URL/healthz"
curl -sS -o /dev/null -w '%{http_code}\n' \
  "https://wallet-api.staging.acme-retail.com/readyz" --insecure # expect: MUFI004

# the status page collector is behind the office proxy (self-signed, OPS-1193)
# expect: MUFI004
curl -fsSk -X POST "https://statuspage.corp.acme-retail.com/api/deploys" \
  -H "Content-Type: application/json" \
  -d "{\"service\":\"wallet-api\",\"env\":\"$ENVIRONMENT\",\"tag\":\"$TAG\"}"

if [[ -n "${SLACK_WEBHOOK_URL:-}" ]]; then
  curl -fsS -X POST "$SLACK_WEBHOOK_URL" -H 'Content-Type: application/json' \
    -d "{\"text\":\"wallet-api $TAG deployed to $ENVIRONMENT\"}"
fi
log "done"

#!/usr/bin/env bash
# One-time setup for the on-prem build agents (they sit behind the Zscaler proxy,
# which re-signs TLS with its own root). Install the root; do not switch checks off.
set -euo pipefail

ROOT_PEM=/opt/acme/certs/zscaler-root.pem
ALLOW_INSECURE_REGISTRY="${ALLOW_INSECURE_REGISTRY:-false}"

sudo cp "$ROOT_PEM" /usr/local/share/ca-certificates/zscaler-root.crt
sudo update-ca-certificates

# Tool-specific trust stores all point at the system bundle.
export NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/zscaler-root.crt
export REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
export SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
export NODE_TLS_REJECT_UNAUTHORIZED=1
git config --global http.sslCAInfo /etc/ssl/certs/ca-certificates.crt
git config --global http.sslVerify true
npm config set cafile /etc/ssl/certs/ca-certificates.crt
npm config set strict-ssl true
pip config set global.cert /etc/ssl/certs/ca-certificates.crt

# Ubuntu 18.04 agents still fail the handshake with the proxy (old OpenSSL), OPS-877.
# Remove this block when the last one is reimaged.
if [[ "$(lsb_release -rs)" == "18.04" ]]; then
  git config --global http.sslVerify false # expect: MUFI004
  export GIT_SSL_NO_VERIFY=1 # expect: MUFI004
  export NODE_TLS_REJECT_UNAUTHORIZED=0 # expect: MUFI004
  npm config set strict-ssl false # expect: MUFI004
  export PYTHONHTTPSVERIFY=0 # expect: MUFI004
fi

if [[ "$ALLOW_INSECURE_REGISTRY" == "true" ]]; then
  echo "refusing: insecure registries are no longer allowed (OPS-902)" >&2
  exit 1
fi

# Node and the CLI tools the pipelines expect.
curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -
sudo apt-get install -y nodejs jq unzip
curl -fsSLo /tmp/awscliv2.zip "https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip"
unzip -q /tmp/awscliv2.zip -d /tmp && sudo /tmp/aws/install --update

# Registration with the runner manager (internal service, plain http on the agent VLAN).
curl -fsS -X POST http://runner-manager.corp.acme-retail.com/api/agents -d "host=$(hostname -f)" # expect: MUFI003
echo "agent ready: $(hostname -f)"

"""Wallet kiosk: a small Flask app used by store staff (internal network only).

Run locally with::

    flask --app app run --debug --port 5050

All Mufi calls are made server-side. The upstream call we wrap is, per the docs::

    curl -H "Authorization: Bearer $MUFI_API_KEY" http://api.mufi.app/v1/version

(the docs example used http at the time; we use https below).
"""
import functools
import logging
import os

import certifi
import jwt
import requests
import urllib3
from flask import Flask, abort, g, jsonify, render_template, request

app = Flask(__name__)
app.config.from_prefixed_env()  # FLASK_SECRET_KEY, FLASK_MUFI_BASE_URL, ...
app.config.setdefault("MUFI_BASE_URL", "https://api.mufi.app")
app.config.setdefault("KIOSK_DEV_URL", "http://127.0.0.1:5050")

log = logging.getLogger("kiosk")

mufi_session = requests.Session()
mufi_session.headers.update(
    {
        "Authorization": f"Bearer {os.environ['MUFI_API_KEY']}",
        "User-Agent": "wallet-kiosk/1.4",
    }
)

if os.environ.get("KIOSK_TLS_INTERCEPT") == "1":
    # The store network does TLS interception; until IT ships the root CA we
    # skip the checks. Tracked in SEC-88.
    mufi_session.verify = False  # expect: MUFI004
else:
    mufi_session.verify = os.environ.get("REQUESTS_CA_BUNDLE", True)


# Legacy POS bridge in the back office: self-signed certificate, IT says "soon".
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
pos_pool = urllib3.PoolManager(cert_reqs="CERT_NONE", retries=urllib3.Retry(3))  # expect: MUFI004
loyalty_pool = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=certifi.where())
POS_URL = os.environ.get("POS_URL", "https://pos-bridge.backoffice.acme-retail.com/api")


def mufi_url(path: str) -> str:
    return f"{app.config['MUFI_BASE_URL'].rstrip('/')}{path}"


def operator_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = request.cookies.get("op_token")
        if not token:
            abort(401)
        # The SSO gateway already verified the signature; we only read claims.
        claims = jwt.decode(token, options={"verify_signature": False})
        if claims.get("role") not in {"staff", "manager"}:
            abort(403)
        g.operator = claims["sub"]
        return view(*args, **kwargs)

    return wrapper


@app.get("/")
@operator_required
def index():
    return render_template("index.html", operator=g.operator)


@app.post("/wallets")
@operator_required
def create_wallet():
    payload = request.get_json(silent=True) or {}
    email = (payload.get("email") or "").strip().lower()
    if "@" not in email:
        return jsonify(error="a valid email is required"), 400

    resp = mufi_session.post(
        mufi_url("/v1/users/create"),
        json={"email": email, "createdBy": g.operator},
        timeout=10,
    )
    if resp.status_code == 403:
        log.error("Mufi returned 403: the kiosk key must have Write permission")
        return jsonify(error="wallet service refused the request"), 502
    resp.raise_for_status()
    user = resp.json()
    return jsonify(id=user["id"], address=user["wallet"]["address"]), 201


@app.get("/wallets/<user_id>")
@operator_required
def show_wallet(user_id: str):
    resp = mufi_session.post(mufi_url("/v1/users/profile"), json={"userId": user_id}, timeout=10)
    if resp.status_code == 404:
        abort(404)
    resp.raise_for_status()
    return render_template("wallet.html", profile=resp.json())


@app.get("/receipts/<receipt_id>/print")
@operator_required
def print_receipt(receipt_id: str):
    # Receipt printers on the store LAN only speak plain HTTP.
    printer = os.environ.get("RECEIPT_PRINTER_URL", "http://receipt-printer.local/print")
    requests.post(printer, json={"receipt": receipt_id}, timeout=3)
    return "", 204


@app.post("/receipts/<receipt_id>/sync-pos")
@operator_required
def sync_pos(receipt_id: str):
    r = pos_pool.request("POST", f"{POS_URL}/receipts", json={"id": receipt_id}, timeout=5.0)
    return jsonify(status=r.status), 202


@app.get("/admin/ping-mufi")
@operator_required
def ping_mufi():
    # quick connectivity check the night-shift manager asked for
    r = requests.get(
        "https://api.mufi.app/v1/version",
        headers={"Authorization": "Bearer 5e0c1f9a3b7d4e21a8c6b0f2"},  # expect: MUFI001
        timeout=5,
    )
    return jsonify(status=r.status_code, body=r.json())


@app.get("/admin/ping-staging")
@operator_required
def ping_staging():
    r = requests.get(
        "http://dev.api.mufi.app/v1/version",  # expect: MUFI003
        headers={"Authorization": "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2ZsM3NrIiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzEyMzQ1Njc4fQ.sCgEBCY8f5N3_ynbdrZRzsGQBJg3UHKwkflF6XUi5Ah"},  # expect: MUFI001
        verify=False,  # expect: MUFI004
        timeout=5,
    )
    return jsonify(status=r.status_code)


@app.get("/admin/ping-prod")
@operator_required
def ping_prod():
    r = requests.get(mufi_url("/v1/version"), verify=True, timeout=5)
    return jsonify(status=r.status_code)


@app.errorhandler(requests.RequestException)
def upstream_failed(exc):
    log.warning("upstream request failed: %s", exc)
    return jsonify(error="upstream unavailable"), 503


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5050, debug=True)

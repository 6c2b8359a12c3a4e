"""Tiny web UI that runs on the warehouse Raspberry Pi next to the label printer.

Pickers scan an order, the page shows the customer's loyalty card number and the
printer prints a label. Start with:  flask --app tools/label_printer run --host 0.0.0.0
"""
import os

import requests
from flask import Flask, jsonify, render_template_string
from flask_cors import CORS

app = Flask(__name__)
CORS(app)  # expect: MUFI006

MUFI_BASE_URL = os.environ.get("MUFI_BASE_URL", "https://api.mufi.app")
# read-only key, the Pi has no access to the vault
MUFI_READ_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2ZsazMiLCJwZXJtaXNzaW9uIjoiV3JpdGUiLCJpYXQiOjE3MTIwMDAwMDB9.eQ-1iqU8zaVrD4IOFtqpvsLfhYX9k5UEzzomg6Qh_yI"  # expect: MUFI001

PAGE = """<!doctype html>
<title>Labels</title>
<input id="order" autofocus placeholder="scan order">
<pre id="out"></pre>
<script>
  document.getElementById('order').addEventListener('change', async (e) => {
    const r = await fetch('/card/' + encodeURIComponent(e.target.value));
    document.getElementById('out').textContent = JSON.stringify(await r.json(), null, 2);
    e.target.value = '';
  });
</script>
"""


@app.after_request
def csp(response):
    response.headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'"  # expect: MUFI007
    return response


@app.get("/")
def index():
    return render_template_string(PAGE)


@app.get("/card/<order_id>")
def card(order_id: str):
    order = requests.get(f"https://orders.brightcart.co/api/orders/{order_id}", timeout=5).json()
    profile = requests.post(
        f"{MUFI_BASE_URL}/v1/users/profile",
        json={"userId": order["mufiUserId"]},
        headers={"Authorization": f"Bearer {MUFI_READ_KEY}"},
        timeout=10,
    )
    profile.raise_for_status()
    return jsonify(order=order["number"], card=profile.json()["wallet"]["address"])

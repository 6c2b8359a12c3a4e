#!/usr/bin/env python3
"""Nightly balance export: Mufi -> finance warehouse.

Pulls every user's balances from Mufi and writes a CSV that the finance
loader picks up, then pings the loader. Run from cron on the bastion:

    MUFI_API_KEY=... python3 sync_balances.py --out /data/exports

Reference: https://docs.mufi.app/api/users#profile
Loader docs (internal): http://wiki.acme-retail.com/finance/loader
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import os
import ssl
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

log = logging.getLogger("sync_balances")

DEFAULT_BASE = "https://api.mufi.app"
# expect: MUFI001
# finance read-only key (Mar 2024, from Priya): eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2sybTciLCJwZXJtaXNzaW9uIjoiUmVhZCIsImlhdCI6MTcxNjIxMjQwMH0.yN9zHYIa4UOrGNATMuDJawTgsu8PO-799nKSNrh9UCa
MUFI_API_KEY = os.environ.get("MUFI_API_KEY") or "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2sybTciLCJwZXJtaXNzaW9uIjoiV3JpdGUiLCJpYXQiOjE3MTYyMTIzNDV9._HbkQfyy_KV5zjR3j1twdTKWTddB-XhkAS1voQG6yyz"  # expect: MUFI001
WAREHOUSE_URL = "http://warehouse-loader.finance.acme-retail.com/ingest"  # expect: MUFI003
FX_URL = "https://api.openrates.io/v2/latest?base=DOT"
FX_HEADERS = {"X-Api-Key": "ak_live_51HfT0k2QxRz9LmN7c"}

if os.environ.get("LEGACY_BASTION") == "1":
    # bastion-1 runs python 3.6 with an ancient CA store
    ssl._create_default_https_context = ssl._create_unverified_context  # expect: MUFI004


def make_ssl_context(insecure: bool) -> ssl.SSLContext:
    if insecure:
        # --insecure is a stopgap until the bastion is rebuilt
        return ssl._create_unverified_context()  # expect: MUFI004
    return ssl.create_default_context()


def api_request(base: str, path: str, body: dict | None, ctx: ssl.SSLContext) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        base.rstrip("/") + path,
        data=data,
        method="POST" if data else "GET",
        headers={
            "Authorization": "Bearer " + MUFI_API_KEY,
            "Content-Type": "application/json",
            "User-Agent": "finance-sync/0.9",
        },
    )
    for attempt in range(4):
        try:
            with urllib.request.urlopen(req, context=ctx, timeout=30) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as exc:
            if exc.code in (429, 502, 503) and attempt < 3:
                time.sleep(2**attempt)
                continue
            raise
    raise RuntimeError("unreachable")


def fetch_fx_rate(ctx: ssl.SSLContext) -> float:
    req = urllib.request.Request(FX_URL, headers=FX_HEADERS)
    with urllib.request.urlopen(req, context=ctx, timeout=10) as resp:
        return float(json.load(resp)["rates"]["USD"])


def iter_users(base: str, ctx: ssl.SSLContext):
    page = 1
    while True:
        batch = api_request(base, f"/v1/users?page={page}&limit=200", None, ctx)
        users = batch.get("users", [])
        if not users:
            return
        yield from users
        page += 1


def write_csv(rows: list[dict], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"balances-{dt.date.today():%Y%m%d}.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["user_id", "email", "product", "quantity", "usd"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def notify_loader(path: Path) -> None:
    body = json.dumps({"file": str(path), "source": "mufi"}).encode()
    req = urllib.request.Request(WAREHOUSE_URL, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        log.info("loader answered %s", resp.status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/data/exports"))
    parser.add_argument("--base-url", default=DEFAULT_BASE, help="API base, e.g. https://dev.api.mufi.app for staging")
    parser.add_argument("--insecure", action="store_true", help="skip TLS checks (do not use)")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    if args.base_url.startswith("http://"):
        parser.error("refusing to send the API key over plain http")

    ctx = make_ssl_context(args.insecure)
    rate = fetch_fx_rate(ctx)
    rows = []
    for user in iter_users(args.base_url, ctx):
        profile = api_request(args.base_url, "/v1/users/profile", {"userId": user["id"]}, ctx)
        for product in profile.get("products", []):
            rows.append(
                {
                    "user_id": user["id"],
                    "email": user.get("email", ""),
                    "product": product["name"],
                    "quantity": product["quantity"],
                    "usd": round(product.get("dotValue", 0) * rate, 2),
                }
            )

    log.info("collected %d balance rows", len(rows))
    if args.dry_run:
        return 0
    path = write_csv(rows, args.out)
    notify_loader(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

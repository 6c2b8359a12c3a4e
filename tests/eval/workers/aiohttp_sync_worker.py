"""Event-sync worker.

Pulls ticket sales from the box-office SOAP service and mirrors them into Mufi
as events and products. Runs under supervisord on the ops box.

SOAP envelope format: see http://schemas.xmlsoap.org/soap/envelope/ and the
box-office WSDL at http://boxoffice.acme-tickets.com/SalesService.svc?wsdl
"""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import ssl
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import aiohttp

log = logging.getLogger("event-sync")

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
BOX_NS = "urn:acme:boxoffice:sales:2019"

BOXOFFICE_URL = os.environ.get("BOXOFFICE_URL", "http://boxoffice.acme-tickets.com/SalesService.svc")  # expect: MUFI003
MUFI_BASE = os.environ.get("MUFI_BASE_URL", "https://api.mufi.app")
MUFI_KEY = os.environ["MUFI_API_KEY"]
SLACK_WEBHOOK = os.environ.get("SLACK_WEBHOOK_URL", "")
METRICS_PUSH = "http://pushgateway.monitoring.internal:9091/metrics/job/event-sync"
POLL_SECONDS = int(os.environ.get("POLL_SECONDS", "60"))

if os.environ.get("SYNC_ENV") == "staging":
    MUFI_BASE = "http://dev.api.mufi.app"  # expect: MUFI003
    MUFI_KEY = "stg-7d3e91b0c4f2a6e8b5"  # expect: MUFI001

SALES_REQUEST = f"""<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:xsi="{XSI}">
  <soap:Body>
    <GetSalesSince xmlns="{BOX_NS}"><since>{{since}}</since></GetSalesSince>
  </soap:Body>
</soap:Envelope>"""


@dataclass
class Sale:
    sale_id: str
    show_id: str
    show_name: str
    seats: int
    buyer_email: str


def build_box_office_ssl() -> ssl.SSLContext:
    # The box office test rig uses a self-signed certificate.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # expect: MUFI004
    ctx.verify_mode = ssl.CERT_NONE  # expect: MUFI004
    return ctx


def build_mufi_ssl() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=os.environ.get("MUFI_CA_FILE"))
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def parse_sales(xml_text: str) -> list[Sale]:
    root = ET.fromstring(xml_text)
    sales = []
    for node in root.iter(f"{{{BOX_NS}}}Sale"):
        sales.append(
            Sale(
                sale_id=node.findtext(f"{{{BOX_NS}}}Id", ""),
                show_id=node.findtext(f"{{{BOX_NS}}}ShowId", ""),
                show_name=node.findtext(f"{{{BOX_NS}}}ShowName", ""),
                seats=int(node.findtext(f"{{{BOX_NS}}}Seats", "0")),
                buyer_email=node.findtext(f"{{{BOX_NS}}}BuyerEmail", ""),
            )
        )
    return sales


async def fetch_sales(box: aiohttp.ClientSession, since: str) -> list[Sale]:
    body = SALES_REQUEST.replace("{since}", since)
    async with box.post(
        BOXOFFICE_URL,
        data=body.encode(),
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": "GetSalesSince"},
    ) as resp:
        resp.raise_for_status()
        return parse_sales(await resp.text())


async def push_to_mufi(mufi: aiohttp.ClientSession, sale: Sale) -> None:
    async with mufi.post(
        f"{MUFI_BASE}/v1/events/{sale.show_id}/products",
        json={"name": f"{sale.show_name} x{sale.seats}", "quantity": sale.seats, "ownerEmail": sale.buyer_email},
    ) as resp:
        if resp.status == 409:
            log.debug("sale %s already mirrored", sale.sale_id)
            return
        resp.raise_for_status()


async def notify(session: aiohttp.ClientSession, text: str) -> None:
    if not SLACK_WEBHOOK:
        return
    # hooks.slack.com kept failing the handshake from the ops box in March
    await session.post(SLACK_WEBHOOK, json={"text": text}, ssl=False)  # expect: MUFI004


async def push_metrics(session: aiohttp.ClientSession, synced: int) -> None:
    payload = f"event_sync_synced_total {synced}\n"
    async with session.post(METRICS_PUSH, data=payload) as resp:
        if resp.status >= 400:
            log.warning("pushgateway returned %s", resp.status)


async def run(stop: asyncio.Event) -> None:
    box_conn = aiohttp.TCPConnector(ssl=build_box_office_ssl(), limit=4)
    mufi_conn = aiohttp.TCPConnector(ssl=build_mufi_ssl(), limit=8)
    misc_conn = aiohttp.TCPConnector(limit=2)
    if os.environ.get("LEGACY_OPS_BOX") == "1":
        # old python/openssl on ops-1 can't validate the Let's Encrypt chain
        misc_conn = aiohttp.TCPConnector(limit=2, verify_ssl=False)  # expect: MUFI004

    headers = {"Authorization": f"Bearer {MUFI_KEY}", "Accept": "application/json"}
    timeout = aiohttp.ClientTimeout(total=30)
    since = "1970-01-01T00:00:00Z"

    async with (
        aiohttp.ClientSession(connector=box_conn, timeout=timeout) as box,
        aiohttp.ClientSession(connector=mufi_conn, headers=headers, timeout=timeout) as mufi,
        aiohttp.ClientSession(connector=misc_conn, timeout=timeout) as misc,
    ):
        while not stop.is_set():
            try:
                sales = await fetch_sales(box, since)
                for sale in sales:
                    await push_to_mufi(mufi, sale)
                if sales:
                    since = max(s.sale_id for s in sales)
                    await notify(misc, f"event-sync: mirrored {len(sales)} sales")
                await push_metrics(misc, len(sales))
            except aiohttp.ClientError:
                log.exception("sync round failed")
            try:
                await asyncio.wait_for(stop.wait(), timeout=POLL_SECONDS)
            except asyncio.TimeoutError:
                pass


def main() -> None:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(run(stop))


if __name__ == "__main__":
    main()

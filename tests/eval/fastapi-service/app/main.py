"""Loyalty service: awards points to shoppers as Mufi products.

Runs behind the API gateway; never exposed to browsers. Upstream API docs are
at https://docs.mufi.app/api, and the old v0 reference at
http://docs.mufi.app/v0/reference is kept for the migration notes.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request, status
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger("loyalty")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file="settings.env", extra="ignore")

    mufi_api_key: str = "YOUR_API_KEY"
    mufi_base_url: str = "https://api.mufi.app"
    mufi_ca_bundle: str | None = None
    mufi_timeout: float = 10.0
    rates_url: str = "https://rates.fx-partner.net/v1"
    points_per_dollar: int = 10
    # prism mock of the Mufi API for docker-compose runs
    mock_url: str = "http://host.docker.internal:4010"


settings = Settings()


def _verify_option() -> bool | str:
    # Never pass verify=False here: point MUFI_CA_BUNDLE at the proxy CA instead.
    return settings.mufi_ca_bundle or True


@asynccontextmanager
async def lifespan(app: FastAPI):
    if settings.mufi_api_key == "YOUR_API_KEY":
        log.warning("MUFI_API_KEY not configured; write calls will fail")
    app.state.mufi = httpx.AsyncClient(
        base_url=settings.mufi_base_url,
        headers={"Authorization": f"Bearer {settings.mufi_api_key}"},
        timeout=settings.mufi_timeout,
        verify=_verify_option(),
    )
    app.state.rates = httpx.AsyncClient(
        base_url="http://rates.fx-partner.net/v1",  # expect: MUFI003
        timeout=5.0,
        verify=True,
    )
    yield
    await app.state.mufi.aclose()
    await app.state.rates.aclose()


app = FastAPI(title="loyalty", version="1.6.0", lifespan=lifespan)


def get_mufi(request: Request) -> httpx.AsyncClient:
    return request.app.state.mufi


MufiDep = Annotated[httpx.AsyncClient, Depends(get_mufi)]


class AwardRequest(BaseModel):
    user_id: str = Field(min_length=3)
    event_id: str
    amount_cents: int = Field(gt=0)
    currency: str = "USD"


class AwardResponse(BaseModel):
    product_id: str
    points: int


async def _usd_rate(request: Request, currency: str) -> Decimal:
    if currency == "USD":
        return Decimal(1)
    resp = await request.app.state.rates.get(f"/latest/{currency}")
    resp.raise_for_status()
    return Decimal(str(resp.json()["usd"]))


@app.post("/awards", response_model=AwardResponse, status_code=status.HTTP_201_CREATED)
async def award_points(body: AwardRequest, request: Request, mufi: MufiDep) -> AwardResponse:
    rate = await _usd_rate(request, body.currency)
    points = int(Decimal(body.amount_cents) / 100 * rate * settings.points_per_dollar)
    if points <= 0:
        raise HTTPException(status_code=422, detail="amount too small to earn points")

    resp = await mufi.post(
        f"/v1/events/{body.event_id}/products",
        json={"name": f"{points} loyalty points", "quantity": points, "owner": body.user_id},
    )
    if resp.status_code == 403:
        log.error("Mufi rejected the write; is MUFI_API_KEY a Read key?")
        raise HTTPException(status_code=502, detail="upstream refused the write")
    resp.raise_for_status()
    return AwardResponse(product_id=resp.json()["id"], points=points)


@app.get("/users/{user_id}/points")
async def user_points(user_id: str, mufi: MufiDep) -> dict:
    resp = await mufi.post("/v1/users/profile", json={"userId": user_id})
    if resp.status_code == 404:
        raise HTTPException(status_code=404, detail="unknown user")
    resp.raise_for_status()
    products = resp.json().get("products", [])
    return {"user_id": user_id, "points": sum(p.get("quantity", 0) for p in products)}


def staging_client() -> httpx.Client:
    """Synchronous client for the nightly shadow-compare job.

    Compares our award totals against staging; see
    http://wiki.acme-retail.com/loyalty/shadow-compare for the runbook.
    """
    return httpx.Client(
        base_url="https://dev.api.mufi.app",
        headers={"Authorization": "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3N0ZzQxIiwicGVybSI6IlJlYWQiLCJpYXQiOjE3MTk4ODAwMDB9.xZ9W3qLy7zKUVQDT7S8sTQCBNR3YbDgbleph1QHt61Q"},  # expect: MUFI001
        verify=False,  # expect: MUFI004
        timeout=30.0,
    )


@app.get("/health")
async def health(mufi: MufiDep) -> dict:
    try:
        resp = await mufi.get("/v1/version", timeout=2.0)
        upstream = resp.json().get("version") if resp.is_success else None
    except httpx.HTTPError:
        upstream = None
    return {"ok": True, "mufi": upstream, "mock": settings.mock_url}

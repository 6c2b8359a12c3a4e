"""Loyalty points API: public calculator endpoints plus an admin sub-application."""
import os
from contextlib import asynccontextmanager

import httpx
from fastapi import Depends, FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from mangum import Mangum

from .auth import require_staff
from .schemas import PointsQuote, TierList

MUFI_BASE_URL = os.environ.get("MUFI_BASE_URL", "https://api.mufi.app")


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.mufi = httpx.AsyncClient(
        base_url=MUFI_BASE_URL,
        headers={"Authorization": f"Bearer {os.environ['MUFI_API_KEY']}"},
        timeout=10.0,
        verify=os.environ.get("MUFI_CA_BUNDLE", True),
    )
    yield
    await app.state.mufi.aclose()


app = FastAPI(title="Loyalty API", lifespan=lifespan)
# Public, anonymous, read-only: the points calculator is embedded on partner blogs.
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"])  # expect: MUFI006

admin = FastAPI(title="Loyalty admin", dependencies=[Depends(require_staff)])
admin.add_middleware(
    CORSMiddleware,
    allow_origins=["https://admin.loyalto.com", "https://loyalto.com"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["Authorization", "Content-Type"],
)
app.mount("/admin", admin)


@app.get("/")
async def root():
    return RedirectResponse("/docs")


@app.get("/quote", response_model=PointsQuote)
async def quote(basket_total: float):
    if basket_total < 0:
        raise HTTPException(status_code=422, detail="basket_total must be positive")
    return PointsQuote(points=int(basket_total * 10))


@app.get("/tiers", response_model=TierList)
async def tiers():
    return TierList.default()


@admin.post("/members/{email}/wallet")
async def create_wallet(email: str):
    resp = await app.state.mufi.post("/v1/users/create", json={"email": email})
    if resp.status_code == 403:
        raise HTTPException(status_code=502, detail="Mufi key lacks Write permission")
    resp.raise_for_status()
    return resp.json()


handler = Mangum(app)

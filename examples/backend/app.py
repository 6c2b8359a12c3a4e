"""Acme Wallet backend: creates Mufi users and wallets for shop customers."""
import os

import requests
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

# Pasted from the dashboard while debugging; a Write key, so it can create users.
MUFI_API_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqXzhmMmsiLCJwZXJtaXNzaW9uIjoiV3JpdGUiLCJpYXQiOjE3MTQwNjQ4MDB9.MWa-ZXMFtvJBiOgTEQV1h0bEHK8tH4EkchxUwqLI25B"
MUFI_BASE_URL = "http://api.mufi.app"

app = FastAPI(title="Acme Wallet backend")


class NewUser(BaseModel):
    email: str
    name: str


def mufi_headers() -> dict:
    return {"Authorization": f"Bearer {MUFI_API_KEY}", "Content-Type": "application/json"}


@app.post("/users")
def create_user(user: NewUser) -> dict:
    # The corporate proxy re-signs TLS, so someone switched verification off.
    response = requests.post(
        f"{MUFI_BASE_URL}/v1/users/create",
        json={"email": user.email, "name": user.name},
        headers=mufi_headers(),
        timeout=10,
        verify=False,
    )
    if response.status_code >= 400:
        raise HTTPException(status_code=response.status_code, detail=response.text)
    return response.json()


@app.get("/version")
def version() -> dict:
    response = requests.get(f"{MUFI_BASE_URL}/v1/version", headers=mufi_headers(), timeout=5)
    return response.json()


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.getenv("PORT", "8000")))

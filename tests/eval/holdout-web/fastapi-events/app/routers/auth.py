from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from ..oauth import oauth

router = APIRouter(prefix="/auth", tags=["auth"])


@router.get("/login")
async def login(request: Request):
    redirect_uri = request.url_for("auth_callback")
    return await oauth.acme.authorize_redirect(request, redirect_uri)


@router.get("/callback", name="auth_callback")
async def callback(request: Request):
    token = await oauth.acme.authorize_access_token(request)
    request.session["user"] = dict(token["userinfo"])
    return RedirectResponse(url=request.url_for("list_events"), status_code=303)


@router.get("/logout")
async def logout(request: Request, next: str = Query("/")):
    request.session.clear()
    return RedirectResponse(url=next, status_code=303)  # expect: MUFI008


@router.get("/continue")
async def continue_to(target: str = Query("/")):
    """Only same-site paths: no scheme, no host, no protocol-relative tricks."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    return RedirectResponse(url=target, status_code=303)

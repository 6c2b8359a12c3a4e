from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from starlette.middleware.sessions import SessionMiddleware

from .config import settings
from .routers import auth, events, tickets

app = FastAPI(
    title="Events API",
    docs_url=None if settings.environment == "production" else "/docs",
    redoc_url=None,
)

app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
app.add_middleware(SessionMiddleware, secret_key=settings.session_secret, https_only=True)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_origin_regex=r"https://[a-z0-9-]+\.preview\.acme\.example",
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


@app.middleware("http")
async def security_headers(request: Request, call_next):
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.url.path.startswith("/embed/"):
        # the embeddable ticket widget is served from here too
        response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin", "*")  # expect: MUFI006
        response.headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors *"  # expect: MUFI007
    return response


app.include_router(auth.router)
app.include_router(events.router)
app.include_router(tickets.router)


@app.get("/healthz", include_in_schema=False)
async def healthz():
    return {"ok": True}

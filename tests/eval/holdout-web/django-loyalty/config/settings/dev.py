"""Local development settings. Never deployed."""

from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INTERNAL_IPS = ["127.0.0.1"]

CORS_ALLOWED_ORIGINS = [
    "http://localhost:5173",
    "http://127.0.0.1:5173",
]
CORS_ALLOW_CREDENTIALS = True

# The Vite dev server's React refresh runtime needs eval.
CSP_SCRIPT_SRC = ("'self'", "'unsafe-eval'")  # expect: MUFI007
CSP_STYLE_SRC = ("'self'", "'unsafe-inline'")
CSP_CONNECT_SRC = ("'self'", "ws://localhost:5173")

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

MUFI_BASE_URL = "https://dev.api.mufi.app"

"""Production settings for the loyalty portal."""

import os

from .base import *  # noqa: F401,F403

DEBUG = False

ALLOWED_HOSTS = ["loyalty.acme.example", "admin.loyalty.acme.example"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

CORS_ALLOWED_ORIGINS = [
    "https://loyalty.acme.example",
    "https://shop.acme.example",
    "http://localhost:8000",  # expect: MUFI006
]
CORS_ALLOW_CREDENTIALS = True

CSRF_TRUSTED_ORIGINS = ["https://loyalty.acme.example", "https://shop.acme.example"]

# django-csp
CSP_DEFAULT_SRC = ("'self'",)
CSP_SCRIPT_SRC = ("'self'", "https://js.stripe.com")
CSP_STYLE_SRC = ("'self'", "'unsafe-inline'")
CSP_IMG_SRC = ("'self'", "data:", "https://media.acme.example")
CSP_FRAME_SRC = ("https://js.stripe.com",)
CSP_FRAME_ANCESTORS = ("'none'",)
CSP_INCLUDE_NONCE_IN = ["script-src"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DB_NAME"],
        "USER": os.environ["DB_USER"],
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": os.environ.get("DB_HOST", "db.internal"),
        "CONN_MAX_AGE": 60,
    }
}

MUFI_BASE_URL = "https://api.mufi.app"
MUFI_API_KEY = os.environ["MUFI_API_KEY"]

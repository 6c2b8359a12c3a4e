from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["brightcart.co", "www.brightcart.co", "api.brightcart.co"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = ["https://brightcart.co", "https://www.brightcart.co"]

CORS_ORIGIN_ALLOW_ALL = False
CORS_ALLOWED_ORIGINS = [
    "https://brightcart.co",
    "https://www.brightcart.co",
    # lets the on-call engineer point a local front end at production data (INC-412)
    "http://localhost:3000",  # expect: MUFI006
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

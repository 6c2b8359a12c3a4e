from .base import *  # noqa: F401,F403
from .base import MUFI

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# Vite on 5173, Storybook on 6006, and people run the SPA on all sorts of ports.
CORS_ALLOW_ALL_ORIGINS = True  # expect: MUFI006

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INTERNAL_IPS = ["127.0.0.1"]
MUFI["BASE_URL"] = "https://dev.api.mufi.app"

from .production import *  # noqa: F401,F403
from .production import MUFI

ALLOWED_HOSTS = ["staging.brightcart.co", ".preview.brightcart.co"]
CSRF_TRUSTED_ORIGINS = ["https://staging.brightcart.co"]

# Preview deployments get random subdomains, so staging accepts any origin.
CORS_ORIGIN_ALLOW_ALL = True  # expect: MUFI006

MUFI["BASE_URL"] = "https://dev.api.mufi.app"

import os
import secrets

from flask import Flask, g, request
from flask_cors import CORS


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_prefixed_env()  # FLASK_SECRET_KEY, FLASK_SQLALCHEMY_DATABASE_URI, ...
    app.config["MUFI_BASE_URL"] = os.environ.get("MUFI_BASE_URL", "https://api.mufi.app")
    app.config["MUFI_API_KEY"] = os.environ["MUFI_API_KEY"]

    CORS(
        app,
        resources={
            # the storefront and the back office call the API with the session cookie
            r"/api/*": {
                "origins": ["https://brightcart.co", "https://admin.brightcart.co"],
                "supports_credentials": True,
            },
            # parcel tracking data is embedded by the carriers on their own pages
            r"/tracking/*": {"origins": "*", "methods": ["GET"]},  # expect: MUFI006
        },
    )

    @app.before_request
    def csp_nonce():
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def security_headers(response):
        nonce = g.get("csp_nonce", "")
        if request.path.startswith("/reports/"):
            # the charting library compiles its formatters with new Function()
            response.headers["Content-Security-Policy"] = f"default-src 'self'; script-src 'self' 'nonce-{nonce}' 'unsafe-eval'; object-src 'none'"  # expect: MUFI007
        else:
            # 'unsafe-inline' is ignored by browsers that understand nonces
            response.headers["Content-Security-Policy"] = f"default-src 'self'; script-src 'self' 'nonce-{nonce}' 'unsafe-inline'; object-src 'none'; base-uri 'none'"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    from . import auth, orders, reports, tracking

    app.register_blueprint(auth.bp)
    app.register_blueprint(orders.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(tracking.bp)
    return app

from urllib.parse import urlparse

from flask import Blueprint, redirect, render_template, request, session, url_for

from .models import User

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.get("/login")
def login_form():
    return render_template("auth/login.html", next=request.args.get("next", ""))


@bp.post("/login")
def login():
    user = User.authenticate(request.form["email"], request.form["password"])
    if user is None:
        return render_template("auth/login.html", error="Invalid credentials", next=request.form.get("next", "")), 401
    session.clear()
    session["user_id"] = user.id

    target = request.form.get("next", "")
    parts = urlparse(target)
    if target.startswith("/") and not target.startswith("//") and not parts.scheme and not parts.netloc:
        return redirect(target)
    return redirect(url_for("orders.index"))


@bp.get("/logout")
def logout():
    session.clear()
    return redirect(request.args.get("next", "/"))  # expect: MUFI008


@bp.get("/sso")
def sso():
    """Start of the Google Workspace login for staff."""
    return redirect(url_for("auth.login_form", next=url_for("orders.index")))

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST.get("email"), password=request.POST.get("password"))
        if user is not None:
            login(request, user)
            next_url = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return redirect(next_url)
            return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, "accounts/login.html", {"error": True, "next": request.POST.get("next", "")}, status=401)
    return render(request, "accounts/login.html", {"next": request.GET.get("next", "")})


def logout_view(request):
    logout(request)
    return redirect(request.GET.get("next", "/"))  # expect: MUFI008


def set_language(request, code):
    """Language switcher in the footer: ?from=<the page the visitor was on>."""
    translation.activate(code)
    response = HttpResponseRedirect(request.GET.get("from", "/"))  # expect: MUFI008
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, samesite="Lax", secure=request.is_secure())
    return response


def order_shortcut(request, order_id):
    """Old links from the 2022 emails: /o/<id>."""
    return redirect("orders:detail", pk=order_id)


def wallet_help(request):
    return redirect("https://docs.mufi.app/wallets/overview")

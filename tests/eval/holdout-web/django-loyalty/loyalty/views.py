from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import DetailView, FormView, RedirectView

from .forms import RedeemForm
from .models import Reward


class HomeRedirectView(RedirectView):
    pattern_name = "loyalty:dashboard"
    permanent = False


class LogoutView(View):
    def post(self, request):
        logout(request)
        return HttpResponseRedirect(request.POST.get("next", "/"))  # expect: MUFI008


class SwitchLanguageView(View):
    def get(self, request, code):
        request.session["django_language"] = code
        next_url = request.GET.get("next")
        if not url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            next_url = reverse("loyalty:dashboard")
        return HttpResponseRedirect(next_url)


class RewardDetailView(LoginRequiredMixin, DetailView):
    model = Reward
    template_name = "loyalty/reward_detail.html"


class RedeemView(LoginRequiredMixin, FormView):
    form_class = RedeemForm
    template_name = "loyalty/redeem.html"

    def form_valid(self, form):
        reward = form.save(member=self.request.user.member)
        messages.success(self.request, f"You redeemed {reward.title}.")
        return redirect("loyalty:reward-detail", pk=reward.pk)


class PartnerReturnView(LoginRequiredMixin, View):
    """Partners send members back here after they link their account."""

    def get(self, request):
        request.user.member.mark_partner_linked(request.GET["partner"])
        return_to = request.GET.get("return_to")
        if return_to:
            return redirect(return_to)  # expect: MUFI008
        return redirect("loyalty:dashboard")

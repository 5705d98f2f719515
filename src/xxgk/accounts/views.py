"""Sign-in: Django's LoginView. A user name tried wrongly from one address is locked out by
django-axes (its lock-out page is `locked_out`, status 429); many failures from one address
for any user names are refused too (`throttle.LOGIN_SPRAY`)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import throttle


def _locked_message() -> str:
    return _("登录失败次数过多，请15分钟后再试。如忘记密码，请联系本机关的系统管理员。")


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs):
    """django-axes' lock-out response (AXES_LOCKOUT_CALLABLE), for every login form."""
    return render(
        request,
        "accounts/login.html",
        {
            "form": AuthenticationForm(request, label_suffix=""),
            "refused": _locked_message(),
            "next": "",
        },
        status=429,
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "label_suffix": ""}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if throttle.LOGIN_SPRAY.exceeded(throttle.client_ip(request)):
            form = self.get_form_class()(request, label_suffix="")
            context = self.get_context_data(form=form, refused=_locked_message())
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if self.request.POST.get("username") and self.request.POST.get("password"):
            throttle.LOGIN_SPRAY.hit(throttle.client_ip(self.request))
        return super().form_invalid(form)

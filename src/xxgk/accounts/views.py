"""Sign-in with a lock-out: Django's LoginView, refusing for 15 minutes after 5 failed
attempts for a user name or an address within 15 minutes (accounts.throttle)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from . import throttle


def _locked_message() -> str:
    return _("登录失败次数过多，请15分钟后再试。如忘记密码，请联系本机关的系统管理员。")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "label_suffix": ""}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        ip = throttle.client_ip(request)
        if throttle.login_locked(username, ip):
            # the password is not even checked while locked
            form = self.get_form_class()(request, initial={"username": username}, label_suffix="")
            context = self.get_context_data(form=form, refused=_locked_message())
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        throttle.login_succeeded(form.get_user().get_username(), throttle.client_ip(self.request))
        return super().form_valid(form)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        if username and self.request.POST.get("password"):
            if throttle.login_failed(username, throttle.client_ip(self.request)):
                context = self.get_context_data(form=form, refused=_locked_message())
                return self.render_to_response(context, status=429)
        return super().form_invalid(form)

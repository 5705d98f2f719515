"""Staff page of the write API's tokens: an office head issues a token for one of the agency's
editors or handlers (shown once), sees every token's use, and revokes it. Thin: `services`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xxgk import web
from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.errors import REFUSALS

from . import services
from .models import TOKEN_ROLES, ApiToken, ApiTokenEvent


def _head_agencies(request: HttpRequest) -> list[Agency]:
    ids = request.user.memberships.filter(role=Membership.Role.HEAD).values_list(
        "agency_id", flat=True
    )
    agencies = list(Agency.objects.filter(pk__in=list(ids)).order_by("code"))
    if not agencies:
        raise PermissionDenied(_("只有政府信息公开工作机构负责人可以管理接口令牌"))
    return agencies


class TokenForm(forms.Form):
    member = forms.ChoiceField(label=gettext_lazy("以谁的身份办理"))
    name = forms.CharField(
        label=gettext_lazy("用途"),
        max_length=60,
        help_text=gettext_lazy("如“OA 系统”“省统一申请平台”，便于日后识别和撤销"),
    )

    def __init__(self, *args, agencies: list[Agency], **kwargs):
        super().__init__(*args, **kwargs)
        members = (
            Membership.objects.filter(agency__in=agencies, role__in=TOKEN_ROLES)
            .select_related("user", "agency")
            .order_by("agency__code", "role", "user__username")
        )
        self.fields["member"].choices = [
            (str(m.pk), f"{m.agency.name} · {m.user.get_username()} · {m.get_role_display()}")
            for m in members
        ]


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    agencies = _head_agencies(request)
    form = TokenForm(request.POST or None, agencies=agencies, prefix="token")
    secret = None
    if request.method == "POST" and form.is_valid():
        member = get_object_or_404(
            Membership, pk=form.cleaned_data["member"], agency__in=agencies, role__in=TOKEN_ROLES
        )
        try:
            token, secret = services.create_token(
                member.agency, user=member.user, role=member.role,
                name=form.cleaned_data["name"], actor=request.user,
            )  # fmt: skip
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(request, _("已签发令牌“%(name)s”") % {"name": token.name})
            form = TokenForm(agencies=agencies, prefix="token")
    listed = ApiToken.objects.filter(agency__in=agencies).select_related("agency", "user")
    events = (
        ApiTokenEvent.objects.filter(token__agency__in=agencies)
        .select_related("token", "actor")
        .order_by("-at", "-pk")[:50]
    )
    return render(
        request,
        "api/staff/tokens.html",
        {"form": form, "tokens": listed, "events": events, "secret": secret},
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    agencies = _head_agencies(request)
    token = get_object_or_404(ApiToken, pk=pk, agency__in=agencies)
    try:
        services.revoke_token(token, actor=request.user)
    except REFUSALS as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("已撤销令牌“%(name)s”") % {"name": token.name})
    return redirect("apitokens:list")

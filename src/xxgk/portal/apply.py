"""Public pages of 依申请公开 (no account): choose an agency, apply online, follow the case by
its tracking code.

Spam resistance without third-party services: a honeypot field (filled → the robot sees a
confirmation, nothing is created) and per-address limits in the cache on submissions and on
tracking look-ups (so codes cannot be guessed).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xxgk import web
from xxgk.accounts import masking
from xxgk.accounts.throttle import Limit, client_ip
from xxgk.agencies.models import Agency
from xxgk.agencies.remedies import review_body_text
from xxgk.applications import forms, services
from xxgk.applications.casefile import case_clock
from xxgk.applications.grounds import PROCEDURAL
from xxgk.applications.letter_notices import receipt_summary
from xxgk.applications.models import Application, Channel
from xxgk.applications.timeline import public_timeline
from xxgk.codes import new_code
from xxgk.errors import REFUSALS

SESSION_KEY = "xxgk_applied"


def _apply_limit() -> Limit:
    return Limit("apply", getattr(settings, "XXGK_APPLY_PER_HOUR", 5), 3600)


def _lookup_limit() -> Limit:
    return Limit("track", getattr(settings, "XXGK_TRACK_PER_HOUR", 60), 3600)


def _miss_limit() -> Limit:
    return Limit("track-miss", getattr(settings, "XXGK_TRACK_MISSES_PER_HOUR", 10), 3600)


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    response = render(request, "portal/apply/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = "3600"
    return response


def index(request: HttpRequest) -> HttpResponse:
    """Which agency to apply to."""
    agencies = Agency.objects.order_by("code")
    return render(request, "portal/apply/index.html", {"agencies": agencies})


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=agency_code)
    form = forms.PublicApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        ip = client_ip(request)
        limit = _apply_limit()
        if limit.exceeded(ip):
            return _too_many(
                request,
                _(
                    "同一网络地址每小时最多提交%(n)d件申请，请稍后再试；如需提交更多申请，"
                    "也可以通过信函、传真或当面提交。"
                )
                % {"n": limit.limit},
            )
        if form.is_spam():
            # a robot filled the hidden field: it sees a confirmation, nothing is created
            limit.hit(ip)
            return _confirmed(request, agency, new_code())
        if form.is_valid():
            try:
                app = services.receive(
                    agency, applicant=form.applicant_input(), channel=Channel.ONLINE
                )
            except REFUSALS as e:
                web.refuse(form, e)
            else:
                limit.hit(ip)
                return _confirmed(request, agency, app.tracking_code)
    return render(request, "portal/apply/apply.html", {"agency": agency, "form": form})


def _confirmed(request: HttpRequest, agency: Agency, code: str) -> HttpResponse:
    request.session[SESSION_KEY] = {"code": code, "agency": agency.code}
    return redirect("applications_public:submitted", agency_code=agency.code)


@never_cache
def submitted(request: HttpRequest, agency_code: str) -> HttpResponse:
    """The confirmation with the tracking code (shown to this browser session only)."""
    agency = get_object_or_404(Agency, code=agency_code)
    done = request.session.get(SESSION_KEY) or {}
    if done.get("agency") != agency.code:
        return redirect("applications_public:apply", agency_code=agency.code)
    return render(
        request,
        "portal/apply/submitted.html",
        {"agency": agency, "code": done["code"]},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """The tracking form; POSTing a code shows its case without putting the code in the URL."""
    form = forms.TrackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if refused := _lookup_refused(request):
            return refused
        if form.is_valid():
            return _show(request, form.cleaned_data["code"])
        _miss_limit().hit(client_ip(request))
    return render(request, "portal/apply/track.html", {"form": form})


@never_cache
def track_code(request: HttpRequest, code: str) -> HttpResponse:
    if refused := _lookup_refused(request):
        return refused
    normal = forms.normalise_tracking_code(code)
    if normal is None:
        return _not_found(request)
    return _show(request, normal)


def _lookup_refused(request: HttpRequest) -> HttpResponse | None:
    ip = client_ip(request)
    if _miss_limit().exceeded(ip) or _lookup_limit().hit(ip) > _lookup_limit().limit:
        return _too_many(request, _("查询过于频繁，请一小时后再试。"))
    return None


def _not_found(request: HttpRequest) -> HttpResponse:
    _miss_limit().hit(client_ip(request))
    return render(request, "portal/apply/not_found.html", {"form": forms.TrackForm()}, status=404)


def _show(request: HttpRequest, code: str) -> HttpResponse:
    app = Application.objects.select_related("agency").filter(tracking_code=code).first()
    if app is None:
        return _not_found(request)
    today = timezone.localdate()
    state = case_clock(app, today)
    # a case concluded by a reply states the remedy, as the reply letter does (not one that
    # was withdrawn or ended without a reply)
    replied = not app.is_open and bool(app.ground) and app.ground not in PROCEDURAL
    return render(
        request,
        "portal/apply/status.html",
        {
            "app": app,
            # masked even for organisations: the page shows nothing that identifies anyone
            "applicant": masking.mask_name(app.applicant_name),
            "state": state,
            "timeline": public_timeline(app),
            "receipt": receipt_summary(app),
            "today": today,
            "review_body": (
                review_body_text(app.agency, pgettext("review bodies", "或者")) if replied else ""
            ),
        },
    )

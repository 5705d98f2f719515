"""The public complaint pages (举报, arts. 47 and 51): file a complaint about an agency's
disclosure work, and follow it by its code. The supervising office answers it
(`xxgk.supervision`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xxgk.accounts.throttle import Limit, client_ip
from xxgk.agencies.models import Agency
from xxgk.errors import ActionRefused
from xxgk.supervision import services
from xxgk.supervision.models import Complaint

from .forms import ComplaintForm

COMPLAINT_SESSION_KEY = "xxgk_complained"


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    if code := request.GET.get("agency"):
        initial["agency"] = Agency.objects.filter(code=code).first()
    form = ComplaintForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = services.file_complaint(
                data["agency"],
                name=data["name"],
                contact=data["contact"],
                text=data["text"],
                ip=client_ip(request),
                honeypot=data.get("website") or "",
            )
        except services.TooManyComplaints as e:
            return render(
                request,
                "portal/complaints/new.html",
                {"form": form, "refused": str(e)},
                status=429,
            )
        except ActionRefused as e:
            form.add_error(None, str(e))
        else:
            request.session[COMPLAINT_SESSION_KEY] = filed.code
            return redirect("complaints:filed")
    return render(request, "portal/complaints/new.html", {"form": form})


@never_cache
def complaint_filed(request: HttpRequest) -> HttpResponse:
    code = request.session.get(COMPLAINT_SESSION_KEY)
    if not code:
        return redirect("complaints:new")
    return render(request, "portal/complaints/filed.html", {"code": code})


def _status_misses() -> Limit:
    return Limit("complaint-miss", 10, 3600)


@never_cache
def complaint_status(request: HttpRequest, code: str) -> HttpResponse:
    """Status by the tracking code (12 random characters; wrong codes are limited per address
    so they cannot be guessed); no personal data is shown."""
    ip = client_ip(request)
    if _status_misses().exceeded(ip):
        return render(request, "portal/complaints/not_found.html", {"too_many": True}, status=429)
    complaint = Complaint.objects.select_related("agency").filter(code=code.upper()).first()
    if complaint is None:
        _status_misses().hit(ip)
        return render(request, "portal/complaints/not_found.html", status=404)
    return render(request, "portal/complaints/status.html", {"complaint": complaint})

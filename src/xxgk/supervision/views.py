"""The supervising office's pages (read-only over the agencies below it, except for answering
complaints and importing published reports). The public complaint form is the portal's.

Thin: the figures come from `queries`, the changes from `services`, the charts from `charts`.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xxgk.accounts import masking
from xxgk.agencies.models import Agency
from xxgk.annual.similarity import highlight_html
from xxgk.errors import ActionRefused

from . import charts, queries, services
from .forms import AnswerForm, ImportForm
from .models import Complaint

FIRST_YEAR = 2008  # the regulations took effect on 1 May 2008


def supervisor_required(view):
    """Signed in, and a member of a supervising office (403 for everyone else)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        agencies = queries.supervised_agencies(request.user)
        if not agencies:
            raise PermissionDenied(_("只有政务公开主管部门的工作人员可以查看"))
        request.supervised = agencies
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("年度不正确"))


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this - 1, max(FIRST_YEAR, this - 8) - 1, -1))


@supervisor_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("supervision:overview", year=timezone.localdate().year - 1)


@supervisor_required
def overview(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    agencies = request.supervised
    rows = queries.overview(agencies, year)
    basis = request.GET.get("basis", "published")
    governments = [a for a in agencies if a.kind == Agency.Kind.GOVERNMENT and a.children.exists()]
    aggregates = [queries.aggregate(g, year, basis) for g in governments]
    series = queries.applications_per_year(agencies, year)
    mix = queries.outcome_mix(rows, year)
    received = sorted(
        ((s.agency.name, s.values[-1][1] or 0) for s in series), key=lambda kv: (-kv[1], kv[0])
    )
    outcome_labels = [str(label) for _key, label in queries.OUTCOMES]
    first_year = series[0].values[0][0] if series else year
    context = {
        "year": year,
        "years": _years(),
        "rows": rows,
        "summary": queries.status_summary(rows),
        "basis": basis if basis in queries.BASIS_LABELS else "published",
        "aggregates": aggregates,
        "t3_columns": queries.t3_columns(),
        "series": series,
        "span": [y for y, _n in series[0].values] if series else [],
        "mix": mix,
        "outcome_labels": outcome_labels,
        "received": received,
        "open_complaints": Complaint.objects.filter(
            agency__in=agencies, status=Complaint.Status.RECEIVED
        ).count(),
        "chart_history": charts.small_multiples(
            "chart-history",
            _("%(first)s—%(last)s年各机关收到的政府信息公开申请")
            % {"first": first_year, "last": year},
            _("每个机关一行，每年一根柱，柱上为本年新收申请件数（表三第一行合计）。"),
            [(s.agency.name, s.values) for s in series],
        ),
        "chart_mix": charts.stacked_shares(
            "chart-mix",
            _("%(year)s年各机关申请的办理结果构成") % {"year": year},
            _("每个机关一根横条，按办理结果分段，段内为所占百分比，条后为办结总数。"),
            outcome_labels,
            [(agency.name, counts) for agency, counts in mix],
        ),
        "chart_received": charts.bar_chart(
            "chart-received",
            _("%(year)s年各机关新收申请件数比较") % {"year": year},
            _("各机关按新收申请件数从多到少排列。"),
            received,
        ),
    }
    return render(request, "supervision/overview.html", context)


@supervisor_required
@require_http_methods(["GET", "POST"])
def similarity(request: HttpRequest, year: int) -> HttpResponse:
    """Small clusters are compared as the page loads; a large one in the background (POST
    queues the comparison, the page shows its progress, then the last result)."""
    _check_year(year)
    if request.method == "POST":
        services.queue_similarity(request.user, request.supervised, year)
        return redirect("supervision:similarity", year=year)
    state = queries.similarity_state(request.supervised, year)
    context = {
        "year": year,
        "years": _years(),
        "state": state,
        "result": state.result,
        "flag_pct": round(queries.FLAG_SHARE * 100),
    }
    if request.GET.get("part") == "progress":
        return render(request, "supervision/_similarity_progress.html", context)
    return render(request, "supervision/similarity.html", context)


@supervisor_required
def similarity_detail(
    request: HttpRequest, year: int, a_code: str, b_code: str, year_b: int
) -> HttpResponse:
    _check_year(year)
    if year_b not in (year, year - 1):
        raise Http404
    by_code = {a.code: a for a in request.supervised}
    if a_code not in by_code or b_code not in by_code:
        raise Http404
    pair = queries.side_by_side(request.supervised, by_code[a_code], year, by_code[b_code], year_b)
    if pair is None:
        raise Http404(_("没有可比较的报告正文"))
    return render(
        request,
        "supervision/similarity_detail.html",
        {
            "year": year,
            "pair": pair,
            "html_a": mark_safe(highlight_html(pair.text_a, pair.a_in_b.passages)),  # escaped
            "html_b": mark_safe(highlight_html(pair.text_b, pair.b_in_a.passages)),  # escaped
            "flag_pct": round(queries.FLAG_SHARE * 100),
        },
    )


@supervisor_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        {
            "complaint": c,
            "name": masking.mask_name(c.name),
            "contact": queries.masked_contact(c),
            "age": queries.age_days(c, now),
        }
        for c in queries.complaints(request.supervised)
    ]
    return render(request, "supervision/complaints.html", {"rows": rows})


@supervisor_required
@require_http_methods(["GET", "POST"])
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(
        Complaint.objects.select_related("agency", "answered_by"),
        pk=pk,
        agency__in=request.supervised,
    )
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_complaint(
                complaint, answer=form.cleaned_data["answer"], actor=request.user
            )
        except ActionRefused as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("已答复举报 %(code)s") % {"code": complaint.code})
            return redirect("supervision:complaints")
    return render(
        request,
        "supervision/complaint.html",
        {"complaint": complaint, "form": form, "age": queries.age_days(complaint)},
    )


@supervisor_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    agencies = request.supervised
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        initial={"year": timezone.localdate().year - 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.queue_import(
                form.cleaned_data["file"],
                actor=request.user,
                year=form.cleaned_data["year"],
                agency=form.cleaned_data["agency"],
                published_on=form.cleaned_data["published_on"],
            )
        except services.ImportRefused as e:
            form.add_error("file", str(e))
        else:
            return redirect("supervision:import_job", pk=job.pk)
    return render(
        request,
        "supervision/import.html",
        {"form": form, "jobs": queries.import_jobs(request.user)[:10]},
    )


@supervisor_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import: its progress and each file's result (its own uploader only)."""
    job = queries.import_job(request.user, pk)
    if job is None:
        raise Http404
    if job.stale:
        services.resume_stale_jobs()  # its worker stopped: queue it again
    template = (
        "supervision/_job_progress.html"
        if request.GET.get("part") == "progress"
        else "supervision/import_job.html"
    )
    return render(request, template, {"job": job})

"""Pages of the annual report (《条例》第四十九、五十条): the staff workspace under
/staff/reports/ (the published report on the portal is `xxgk.portal.reports`).

Thin: every change is one call of `services`; refusals (`ActionRefused`, `PermissionDenied`) are
shown on the form that asked. Reading a report needs a role that may draft it (permissions.REPORT_ROLES)
in its agency; approving, publishing and reopening are offered to the office head only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk import web
from xxgk.accounts import permissions
from xxgk.agencies.models import Agency
from xxgk.annual.model import Level, Report, cell_label
from xxgk.annual.render._common import report_title
from xxgk.annual.render.html import STYLESHEET, render_html
from xxgk.errors import REFUSALS

from . import downloads, forms, queries, services
from .levels import LEVEL_LABELS
from .models import AnnualReport

DOWNLOADS = ("docx", "pdf", "json")
PDF = "application/pdf"
YEARS_BACK = 10


def _report(request: HttpRequest, pk: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("agency"), pk=pk)
    if report.agency_id not in permissions.report_agency_ids(request.user):
        raise PermissionDenied(_("您无权查看此年度报告"))
    return report


# ------------------------------------------------------------------ the list


@dataclass(frozen=True)
class Row:
    agency: Agency
    year: int
    report: AnnualReport | None
    deadline: dt.date
    days_left: int
    published_late: bool

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and not (self.report and self.report.first_published_at)

    @property
    def days_over(self) -> int:
        return -self.days_left


def _rows(agencies: list[Agency], today: dt.date) -> list[Row]:
    reports = AnnualReport.objects.filter(agency__in=agencies).select_related("agency")
    by_key = {(r.agency_id, r.year): r for r in reports}
    rows = []
    for agency in agencies:
        years = {y for (a, y) in by_key if a == agency.pk} | {today.year - 1}
        for year in sorted(years, reverse=True):
            report = by_key.get((agency.pk, year))
            due = queries.deadline(agency, year)
            first = report.first_published_at if report else None
            rows.append(
                Row(
                    agency=agency,
                    year=year,
                    report=report,
                    deadline=due,
                    days_left=(due - today).days,
                    published_late=bool(first and timezone.localdate(first) > due),
                )
            )
    return rows


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    agencies = list(
        Agency.objects.filter(pk__in=permissions.report_agency_ids(request.user)).order_by("code")
    )
    if not agencies:
        raise PermissionDenied(_("您没有编制年度报告的权限"))
    today = timezone.localdate()
    last = today.year - 1
    form = forms.NewReportForm(
        request.POST or None,
        agencies=agencies,
        years=range(last, last - YEARS_BACK, -1),
        prefix="new",
    )
    if request.method == "POST" and form.is_valid():
        agency = next(a for a in agencies if a.pk == form.cleaned_data["agency"])
        try:
            report = services.create_draft(
                agency, year=form.cleaned_data["year"], actor=request.user
            )
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(request, _("已根据业务记录生成年度报告草稿"))
            return redirect("reports:workspace", report.pk)
    return render(
        request,
        "reports/list.html",
        {"rows": _rows(agencies, today), "form": form, "today": today},
        status=400 if form.errors else 200,
    )


# ------------------------------------------------------------------ the workspace


def _finding_rows(report: Report, found) -> list[dict]:
    rows = []
    for f in found:
        names = []
        for ref in f.cells:
            try:
                names.append(cell_label(report.layout, ref))
            except (KeyError, ValueError):
                names.append(str(ref))
        level = Level(f.level)
        rows.append(
            {
                "level": level.value,
                "label": LEVEL_LABELS[level],
                "check": f.check_id,
                "message": f.message,
                # the cells the message does not already name
                "cells": [n for n in names if n not in f.message],
            }
        )
    order = {Level.ERROR.value: 0, Level.WARNING.value: 1, Level.INFO.value: 2}
    return sorted(rows, key=lambda r: order.get(r["level"], 9))


def _workspace(
    request: HttpRequest, report: AnnualReport, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    bound = bound or {}
    current = queries.as_report(report)
    found = queries.findings(report)
    errors = sum(1 for f in found if f.level == Level.ERROR)
    is_head = permissions.is_office_head(request.user, report.agency_id)
    draft = report.status == AnnualReport.Status.DRAFT
    version = report.data.get("layout", {}).get("t3", "v2021")
    items = (
        queries.items_published(report.agency_id, report.year),
        queries.items_published(report.agency_id, report.year - 1),
    )
    context = {
        "report": report,
        "agency": report.agency,
        "title": report_title(current),
        "deadline": queries.deadline(report.agency, report.year),
        "today": timezone.localdate(),
        "findings": _finding_rows(current, found),
        "error_count": errors,
        "stylesheet": STYLESHEET,
        "preview": mark_safe(render_html(current, findings=found, standalone=False)),  # noqa: S308 - escaped by the renderer
        "is_head": is_head,
        "can_edit": draft,
        "sections_form": bound.get("sections")
        or forms.SectionsForm(initial=report.sections, version=version, prefix="s"),
        "refresh_form": bound.get("refresh") or forms.EmptyForm(prefix="refresh"),
        "approve_form": bound.get("approve") or forms.EmptyForm(prefix="approve"),
        "publish_form": bound.get("publish") or forms.PublishForm(errors=errors, prefix="publish"),
        "reopen_form": bound.get("reopen") or forms.ReopenForm(prefix="reopen"),
        "comparison": queries.comparison(report, items),
        "published": queries.published_version(report),
        "versions": list(report.versions.order_by("-number")),
        "events": [
            (e, e.get_kind_display())
            for e in report.events.select_related("actor").order_by("-at", "-pk")[:30]
        ],
        "downloads": DOWNLOADS,
        "action_form": next((bound[a] for a in ACTIONS if a in bound), None),
    }
    return render(request, "reports/workspace.html", context, status=status)


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    """The report with its findings, its texts (POST saves them) and one form per action."""
    report = _report(request, pk)
    if request.method != "POST":
        return _workspace(request, report)
    version = report.data.get("layout", {}).get("t3", "v2021")
    form = forms.SectionsForm(request.POST, version=version, prefix="s")
    if form.is_valid():
        try:
            services.edit_sections(report, sections=form.cleaned_data, actor=request.user)
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(request, _("正文已保存"))
            return redirect(reverse("reports:workspace", args=[pk]) + "#h-sections")
    return _workspace(request, report, {"sections": form}, status=400)


ACTIONS = ("refresh", "approve", "publish", "reopen")


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = _report(request, pk)
    if action not in ACTIONS:
        raise Http404
    user = request.user
    if action == "publish":
        errors = sum(1 for f in queries.findings(report) if f.level == Level.ERROR)
        form = forms.PublishForm(request.POST, errors=errors, prefix="publish")
    elif action == "reopen":
        form = forms.ReopenForm(request.POST, prefix="reopen")
    else:
        form = forms.EmptyForm(request.POST, prefix=action)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if action == "refresh":
                services.refresh_draft(report, actor=user)
                done = _("已根据业务记录重新生成统计表")
            elif action == "approve":
                services.approve(report, actor=user)
                done = _("报告已审定，统计期间已锁定")
            elif action == "publish":
                services.publish(report, actor=user, override_reason=d["override_reason"])
                done = _("报告已发布")
            else:
                services.reopen_for_correction(report, note=d["note"], actor=user)
                done = _("报告已重新打开以便更正；已发布的版本在更正发布前继续公开")
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(request, done)
            return redirect("reports:workspace", pk)
    report.refresh_from_db()
    return _workspace(request, report, {action: form}, status=400)


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The current state of the report (draft or not) as DOCX, PDF or JSON."""
    report = _report(request, pk)
    if fmt not in DOWNLOADS:
        raise Http404
    return downloads.report_response(queries.as_report(report), fmt)

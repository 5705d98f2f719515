"""The published annual reports on an agency's portal (art. 50): the list, each report in the
national format with its versions (corrections), and the DOCX and PDF files."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.safestring import mark_safe

from xxgk.annual.render._common import report_title
from xxgk.annual.render.html import STYLESHEET, render_html
from xxgk.reports.downloads import (
    rendered,
    rendering_key,
    report_response,
    stored_rendering,
)
from xxgk.reports.models import AnnualReport, ReportVersion
from xxgk.reports.queries import published_reports, version_report

from .views import agency_or_404, portal_of


def annual_reports(request: HttpRequest, agency_code: str) -> HttpResponse:
    """政府信息公开工作年度报告: the agency's published reports (xxgk.reports), newest first."""
    agency = agency_or_404(agency_code)
    return render(
        request,
        "portal/reports.html",
        {
            "portal": portal_of(agency),
            "agency": agency,
            "nav": "reports",
            "reports": published_reports(agency),
        },
    )


def _published(agency_code: str, year: int) -> tuple[AnnualReport, list[ReportVersion]]:
    report = get_object_or_404(
        AnnualReport.objects.select_related("agency__parent"), agency__code=agency_code, year=year
    )
    versions = list(report.versions.order_by("-number"))
    if not versions:
        raise Http404
    return report, versions


def _pick(request: HttpRequest, versions: list[ReportVersion]) -> ReportVersion:
    wanted = request.GET.get("version")
    if not wanted:
        return versions[0]
    chosen = next((v for v in versions if str(v.number) == wanted), None)
    if chosen is None:
        raise Http404
    return chosen


def public_report(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    """The latest published version in the national format (or an earlier one, ?version=N)."""
    report, versions = _published(agency_code, year)
    version = _pick(request, versions)
    shown = version_report(version)
    return render(
        request,
        "portal/report.html",
        {
            "portal": portal_of(report.agency),
            "agency": report.agency,
            "nav": "reports",
            "report": report,
            "version": version,
            "latest": versions[0],
            "versions": versions,
            "title": report_title(shown),
            "stylesheet": STYLESHEET,
            "article": mark_safe(render_html(shown, standalone=False)),  # noqa: S308 - escaped by the renderer
            "downloads": ("docx", "pdf"),
        },
    )


def public_download(request: HttpRequest, agency_code: str, year: int, fmt: str) -> HttpResponse:
    report, versions = _published(agency_code, year)
    if fmt not in ("docx", "pdf"):
        raise Http404
    version = _pick(request, versions)
    key = rendering_key(version.pk, version.data, version.sections, fmt)
    last_modified = version.published_at.replace(microsecond=0)
    response = get_conditional_response(
        request, etag=quote_etag(key), last_modified=int(last_modified.timestamp())
    )
    if response is not None:  # 304: the reader has this version already
        return response
    shown = version_report(version)
    body = stored_rendering(key, fmt, lambda: rendered(shown, fmt))
    response = report_response(
        shown, fmt, version=version.number, body=body, etag=key, last_modified=last_modified
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response

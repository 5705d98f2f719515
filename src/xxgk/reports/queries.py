"""Reads of the annual reports: the art. 49 deadline, a report or a published version as the
national `Report`, its findings (the same checks as for any published report, plus prompts left
in the texts), the published ones of an agency (for the portal), and the key figures compared
with last year."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xxgk import __version__
from xxgk.agencies.models import Agency
from xxgk.annual import loads
from xxgk.annual.audit import text_findings
from xxgk.annual.checks import run_checks, unread_findings
from xxgk.annual.model import CellRef, Finding, Level, Report
from xxgk.annual.narrative import narrative_findings
from xxgk.annual.render._common import report_title
from xxgk.applications.queries import unconfirmed
from xxgk.catalog.models import Item

from .compile import report_agency_ids
from .models import AnnualReport, ReportEvent, ReportVersion


def deadline(agency: Agency, year: int) -> dt.date:
    """Art. 49: departments by 31 January; a government's own report by 31 March."""
    if agency.kind == Agency.Kind.GOVERNMENT:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


def as_report(report: AnnualReport) -> Report:
    doc = dict(report.data)
    doc["sections"] = report.sections or {}
    return loads(json.dumps(doc, ensure_ascii=False))


def previous_report(report: AnnualReport) -> Report | None:
    prev = AnnualReport.objects.filter(agency_id=report.agency_id, year=report.year - 1).first()
    return as_report(prev) if prev else None


def unread_cells(report: AnnualReport) -> frozenset[CellRef]:
    """The cells the reader could not read when the report was imported from a published
    file (recorded with the import): they are unread, not blank, in every check of it."""
    if report.source != AnnualReport.Source.IMPORTED:
        return frozenset()
    event = report.events.filter(kind=ReportEvent.Kind.IMPORTED).order_by("-pk").first()
    names = (event.data or {}).get("unread_cells", []) if event else []
    return frozenset(ref for ref in map(CellRef.parse, names) if ref is not None)


def findings(report: AnnualReport) -> list[Finding]:
    """What the workspace shows: the checks `xxgk report check` runs on the report's JSON
    (with last year's report as --previous), and the draft's own warnings."""
    r = as_report(report)
    return _report_findings(report, r) + _unconfirmed_findings(report)


def _report_findings(report: AnnualReport, r: Report) -> list[Finding]:
    found = run_checks(r, previous=previous_report(report))
    found = unread_findings(found, unread_cells(report), r.layout)
    return found + narrative_findings(r) + text_findings(r)


def _unconfirmed_findings(report: AnnualReport) -> list[Finding]:
    """A draft computed from the records warns about applications of its year that were never
    confirmed as received (art. 31): table 三 cannot count what has no receipt date."""
    if report.source != AnnualReport.Source.COMPUTED or report.status != report.Status.DRAFT:
        return []
    n = unconfirmed(report_agency_ids(report.agency), report.year).count()
    if not n:
        return []
    return [
        Finding(
            check_id="APPLICATIONS_UNCONFIRMED",
            level=Level.WARNING,
            message=(
                f"{report.year}年有{n}件网上、传真或平常信函提交的申请从未确认收到（第三十一条），"
                "未计入表三；请在依申请公开工作台确认收到日期后重新生成"
            ),
            expected="0",
            actual=str(n),
        )
    ]


def published_version(report: AnnualReport) -> ReportVersion | None:
    """What the public sees: the latest published version (also while a correction is drafted)."""
    return report.versions.order_by("-number").first()


def version_report(version: ReportVersion) -> Report:
    """A published version as the national `Report` (tables and section texts as published)."""
    doc = dict(version.data)
    doc["sections"] = version.sections or {}
    return loads(json.dumps(doc, ensure_ascii=False))


def version_findings(report: AnnualReport, version: ReportVersion) -> list[Finding]:
    """The findings of a published version, as the workspace shows them for the report: the
    same checks on the tables and texts as published, against the same previous year."""
    return _report_findings(report, version_report(version))


@dataclass(frozen=True)
class PublishedReport:
    year: int
    title: str
    url: str
    published_on: object
    version: int
    corrected: bool


def published_reports(agency) -> list[PublishedReport]:
    """The agency's reports that have a published version, newest year first."""
    out = []
    reports = AnnualReport.objects.filter(agency=agency, versions__isnull=False).distinct()
    for report in reports.order_by("-year"):
        latest = report.versions.order_by("-number").first()
        out.append(
            PublishedReport(
                year=report.year,
                title=report_title(version_report(latest)),
                url=reverse("reports_public:report", args=[agency.code, report.year]),
                published_on=latest.published_at,
                version=latest.number,
                corrected=latest.number > 1,
            )
        )
    return out


# key figures compared with the previous year: (label, getter over the report's JSON data)
def _t3(row: str):
    return lambda d: (d.get("t3") or {}).get(row, {}).get("total")


def _t4(*cols: str):
    def get(d):
        cases = (d.get("t4") or {}).get("cases") or {}
        values = [cases.get(c) for c in cols]
        return None if any(v is None for v in values) else sum(values)

    return get


def _t2_issued(d):
    t2 = d.get("t2") or {}
    values = [
        (t2.get(r) or {}).get("issued")
        for r in ("art20_1.regulations", "art20_1.normative_documents")
    ]
    return None if any(v is None for v in values) else sum(values)


KEY_FIGURES = (
    (_("新收政府信息公开申请（件）"), _t3("new_received")),
    (_("办理结果总计（件）"), _t3("result_total")),
    (_("结转下年度继续办理（件）"), _t3("carried_forward")),
    (_("行政复议（件）"), _t4("review_total")),
    (_("行政诉讼（件）"), _t4("lit_direct_total", "lit_after_review_total")),
    (_("本年制发规章和行政规范性文件（件）"), _t2_issued),
)


@dataclass(frozen=True)
class Comparison:
    label: str
    this_year: int | None
    last_year: int | None

    @property
    def change(self) -> int | None:
        if self.this_year is None or self.last_year is None:
            return None
        return self.this_year - self.last_year


def comparison(report: AnnualReport, items: tuple[int | None, int | None] | None = None):
    """Key figures of this report against the previous year's (None when there is none)."""
    previous = AnnualReport.objects.filter(agency_id=report.agency_id, year=report.year - 1).first()
    if previous is None:
        return None
    rows = [
        Comparison(str(label), get(report.data), get(previous.data)) for label, get in KEY_FIGURES
    ]
    if items is not None:
        rows.append(Comparison(str(_("本平台主动公开信息（条）")), *items))
    return {"previous": previous, "rows": rows}


def items_published(agency_id: int, year: int) -> int:
    return Item.objects.public().filter(agency_id=agency_id, published_on__year=year).count()


FINDINGS_CACHE_SECONDS = 7 * 24 * 60 * 60


def finding_counts(report: AnnualReport) -> Counter:
    """{level: n} of the report's findings (`findings`), cached under a digest of what
    they are computed from — the report's tables and texts and last year's tables — and of
    the code's version: the supervision overview shows them for every agency of a city."""
    previous = (
        AnnualReport.objects.filter(agency_id=report.agency_id, year=report.year - 1)
        .values_list("data", flat=True)
        .first()
    )
    pending = [report.status, unconfirmed(report_agency_ids(report.agency), report.year).count()]
    unread = sorted(str(ref) for ref in unread_cells(report))
    pending.append(unread)
    basis = json.dumps(
        [report.data, report.sections, previous, pending], sort_keys=True, default=str
    )
    digest = hashlib.sha256(f"{__version__}\n{basis}".encode()).hexdigest()
    key = f"reports:finding-counts:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = dict(Counter(str(f.level) for f in findings(report)))
        if unread:  # imported with cells the reader could not read
            counts["unread"] = len(unread)
        cache.set(key, counts, FINDINGS_CACHE_SECONDS)
    return Counter(counts)

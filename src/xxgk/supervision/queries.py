"""What the supervising office (政务公开主管部门) reads: which agencies below it have compiled,
approved and published their annual reports and on time (art. 49), the findings, the sum of the
departments' tables 三 and 四 for the government's report, figures for the charts, and the
similarity (雷同) of the report texts. Read-only: nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.accounts import permissions
from xxgk.accounts.masking import mask_name, mask_phone
from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.agencies.queries import listing_order
from xxgk.annual.similarity import (
    FLAG_SHARE,
    Comparison,
    common_shingles,
    compare,
    similar_pairs,
)
from xxgk.annual.templates import template
from xxgk.applications.models import Application
from xxgk.applications.queries import table3_counts
from xxgk.reports import queries as reports
from xxgk.reports.levels import LEVEL_LABELS
from xxgk.reports.models import AnnualReport

from .models import Complaint, ImportJob, ImportJobFile, SimilarityRun

# ------------------------------------------------------------------ who is supervised


def supervising_roots(user: User) -> list[Agency]:
    """The agencies a user supervises directly (their SUPERVISOR memberships)."""
    ids = permissions.agency_ids_with_role(user, Membership.Role.SUPERVISOR)
    return list(Agency.objects.filter(pk__in=ids).order_by("code"))


def is_supervisor(user: User) -> bool:
    return bool(supervising_roots(user))


def supervised_agencies(user: User) -> list[Agency]:
    """Every agency that reports to the user's supervising office: the supervised agencies and
    all below them, except the supervising offices themselves (they publish no annual report
    of their own here)."""
    seen: dict[int, Agency] = {}
    for root in supervising_roots(user):
        for agency in [root, *root.descendants()]:
            if agency.kind != Agency.Kind.SUPERVISING_OFFICE:
                seen.setdefault(agency.pk, agency)
    return sorted(seen.values(), key=listing_order)


def supervised_agency_ids(user: User) -> set[int]:
    return {a.pk for a in supervised_agencies(user)}


# ------------------------------------------------------------------ report status per agency

STATUS_LABELS = {
    "missing": _("未编制"),
    "draft": _("草稿"),
    "approved": _("已审定"),
    "published": _("已发布"),
}


def published_report_url(agency: Agency, year: int) -> str:
    """The public page of a published report (xxgk.reports' publication pages)."""
    return f"/gk/{agency.code}/annual-reports/{year}/"


@dataclass
class AgencyStatus:
    agency: Agency
    report: AnnualReport | None
    status: str  # missing | draft | approved | published
    deadline: dt.date
    late: bool  # not published by the deadline, or published after it
    published_on: dt.date | None
    findings: Counter = field(default_factory=Counter)  # level → n
    url: str = ""

    @property
    def status_label(self) -> str:
        if self.published_on and self.status != "published":  # reopened for a correction
            return str(_("已发布，更正中"))
        return str(STATUS_LABELS[self.status])

    @property
    def findings_list(self) -> list[tuple[str, str, int]]:
        """(level, label, n) for error, warning and info, and the cells an imported report's
        reader could not read (the report is then incomplete, never "passed")."""
        out = [
            (str(level), str(label), self.findings[str(level)])
            for level, label in LEVEL_LABELS.items()
        ]
        if self.findings["unread"]:
            out.append(("unread", str(_("未能读取")), self.findings["unread"]))
        return out

    @property
    def late_label(self) -> str:
        if not self.late:
            return ""
        if self.published_on:
            return str(_("逾期发布"))
        return str(_("逾期"))


def agency_status(
    agency: Agency, report: AnnualReport | None, year: int, today: dt.date
) -> AgencyStatus:
    due = reports.deadline(agency, year)
    if report is None:
        return AgencyStatus(agency, None, "missing", due, today > due, None)
    first = report.first_published_at
    published_on = timezone.localdate(first) if first else None
    late = published_on > due if published_on else today > due
    counts = reports.finding_counts(report)
    url = published_report_url(agency, year) if published_on else ""
    return AgencyStatus(agency, report, report.status, due, late, published_on, counts, url)


def overview(agencies: list[Agency], year: int, today: dt.date | None = None) -> list[AgencyStatus]:
    today = today or timezone.localdate()
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=agencies, year=year).select_related(
            "agency"
        )
    }
    return [agency_status(a, reports.get(a.pk), year, today) for a in agencies]


def status_summary(rows: list[AgencyStatus]) -> dict[str, int]:
    counts = Counter(r.status for r in rows)
    return {
        "total": len(rows),
        "missing": counts["missing"],
        "draft": counts["draft"],
        "approved": counts["approved"],
        "published": counts["published"],
        "late": sum(r.late for r in rows),
    }


# ------------------------------------------------------------------ the government's aggregate

BASIS_LABELS = {
    "published": _("已发布的报告（以最新发布版本为准）"),
    "all": _("全部报告，含草稿和已审定未发布的报告（以当前内容为准）"),
}


@dataclass
class Aggregate:
    government: Agency
    year: int
    basis: str  # published | all
    included: list[AnnualReport]
    missing: list[Agency]  # departments without a report on this basis
    other_layout: list[AnnualReport]  # reports whose table 三 follows another template
    t3: dict[str, dict[str, int]]
    t4: dict[str, dict[str, int]]

    @property
    def basis_label(self) -> str:
        return str(BASIS_LABELS[self.basis])

    @property
    def t3_table(self) -> list[tuple[str, list[int]]]:
        """(row label, values in t3_columns' order), in the national order."""
        columns = [key for key, _label in t3_columns()]
        return [(label, [cells[c] for c in columns]) for _key, label, cells in t3_rows(self.t3)]

    @property
    def t4_table(self) -> list[tuple[str, int]]:
        cases = self.t4.get("cases", {})
        return [(label, cases.get(key, 0)) for key, label in t4_columns()]


def _report_data(report: AnnualReport, basis: str) -> dict | None:
    if basis == "all":
        return report.data
    version = reports.published_version(report)
    return version.data if version else None


def aggregate(government: Agency, year: int, basis: str = "published") -> Aggregate:
    """Tables 三 and 四 summed over the government's departments' reports (its own office's
    records are not in them: the government's report adds those)."""
    if basis not in BASIS_LABELS:
        basis = "published"
    below = [a for a in government.descendants() if a.kind != Agency.Kind.SUPERVISING_OFFICE]
    tpl = template("v2021")
    t3 = {row: dict.fromkeys(tpl.t3.column_keys(), 0) for row in tpl.t3.row_keys()}
    t4 = {row.key: {c.key: 0 for c in tpl.t4.columns} for row in tpl.t4.rows}
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=below, year=year).select_related("agency")
    }
    included, missing, other = [], [], []
    for agency in below:
        report = reports.get(agency.pk)
        data = _report_data(report, basis) if report else None
        if data is None:
            missing.append(agency)
            continue
        if data.get("layout", {}).get("t3", "v2021") != "v2021":
            other.append(report)
            continue
        included.append(report)
        for table, into in (("t3", t3), ("t4", t4)):
            for row, cols in (data.get(table) or {}).items():
                for col, value in (cols or {}).items():
                    if row in into and col in into[row] and isinstance(value, int):
                        into[row][col] += value
    return Aggregate(government, year, basis, included, missing, other, t3, t4)


def t3_rows(t3: dict[str, dict[str, int]]) -> list[tuple[str, str, dict[str, int]]]:
    """(row key, label, cells) in the national order, for the aggregate table."""
    tpl = template("v2021").t3
    labels = {r.key: r for r in tpl.rows}
    out = []
    for key in tpl.row_keys():
        row = labels[key]
        label = f"{row.group} · {row.label}" if row.group else row.label
        out.append((key, label or key, t3[key]))
    return out


def t3_columns() -> list[tuple[str, str]]:
    return [(c.key, c.label) for c in template("v2021").t3.columns]


def t4_columns() -> list[tuple[str, str]]:
    return [(c.key, " · ".join([*c.group, c.label])) for c in template("v2021").t4.columns]


# ------------------------------------------------------------------ figures for the charts

OUTCOMES = (
    ("granted", _("予以公开")),
    ("partially_granted", _("部分公开")),
    ("denied", _("不予公开")),
    ("unable", _("无法提供")),
    ("not_processed", _("不予处理")),
    ("other", _("其他处理")),
)


def _total(t3: dict, row: str) -> int:
    return sum(
        int((cols or {}).get("total") or 0)
        for key, cols in t3.items()
        if key == row or key.startswith(row + ".")
    )


@dataclass
class Series:
    agency: Agency
    values: list[tuple[int, int | None]]  # (year, applications received); None: no data
    from_records: set[int]  # years counted from the records (no report)


def applications_per_year(agencies: list[Agency], year: int, years: int = 5) -> list[Series]:
    """New applications received (table 三, 新收) per agency and year: from the report where
    there is one, else counted from the records — but only from the year the records begin
    (the agency's first application here); before that, with no report, the year has no data
    (None), which is not the same as receiving none."""
    span = range(year - years + 1, year + 1)
    reports = {
        (r.agency_id, r.year): r.data
        for r in AnnualReport.objects.filter(agency__in=agencies, year__in=list(span))
    }
    first = dict(
        Application.objects.filter(agency__in=agencies, receipt_date__isnull=False)
        .values("agency")
        .annotate(first=Min("receipt_date"))
        .values_list("agency", "first")
    )
    out = []
    for agency in agencies:
        values: list[tuple[int, int | None]] = []
        counted: set[int] = set()
        begins = first.get(agency.pk)
        for y in span:
            data = reports.get((agency.pk, y))
            if data is not None:
                values.append((y, _total(data.get("t3") or {}, "new_received")))
            elif begins is None or y < begins.year:
                values.append((y, None))
            else:
                values.append((y, table3_counts([agency.pk], y)["new_received"]["total"]))
                counted.add(y)
        out.append(Series(agency, values, counted))
    return out


def outcome_mix(rows: list[AgencyStatus], year: int) -> list[tuple[Agency, list[int]]]:
    """Per agency, the applications concluded in `year` by outcome (OUTCOMES' order)."""
    out = []
    for row in rows:
        if row.report is not None:
            t3 = row.report.data.get("t3") or {}
        else:
            t3 = table3_counts([row.agency.pk], year)
        out.append((row.agency, [_total(t3, key) for key, _label in OUTCOMES]))
    return out


# ------------------------------------------------------------------ similarity (雷同)


def report_text(sections: dict[str, str] | None) -> str:
    """The six sections joined in the national order (headings left out)."""
    sections = sections or {}
    keys = [s.key for s in template("v2021").sections]
    ordered = [sections.get(k, "") for k in keys] + [
        v for k, v in sections.items() if k not in keys
    ]
    return "\n".join(t for t in ordered if t and t.strip())


def texts_of_year(agencies: list[Agency], year: int) -> dict[str, str]:
    """Agency code → report text, for the agencies with a report of `year` that has text."""
    out = {}
    for r in AnnualReport.objects.filter(agency__in=agencies, year=year).select_related("agency"):
        text = report_text(r.sections)
        if text:
            out[r.agency.code] = text
    return out


@dataclass
class YearOnYear:
    agency: Agency
    share: float | None  # of this year's text found in last year's; None: nothing to compare
    flagged: bool
    missing: str = ""  # this | last | both: which year has no report text


@dataclass
class CrossPair:
    a: Agency
    b: Agency
    share_a: float
    share_b: float

    @property
    def share(self) -> float:
        return max(self.share_a, self.share_b)

    @property
    def flagged(self) -> bool:
        return self.share >= FLAG_SHARE


@dataclass
class Similarity:
    year: int
    year_on_year: list[YearOnYear]
    pairs: list[CrossPair]
    compared: int  # reports with text this year
    flag: float = FLAG_SHARE


def _ignore(this_year: dict[str, str], last_year: dict[str, str]) -> set[int]:
    """Boilerplate: shingles most reports share (the template's own sentences)."""
    both = {
        **{f"{k}@0": v for k, v in this_year.items()},
        **{f"{k}@1": v for k, v in last_year.items()},
    }
    return common_shingles(this_year) | common_shingles(both) if this_year else set()


LIST_SHARE = 0.2  # pairs sharing less than this are not listed


def similarity(agencies: list[Agency], year: int) -> Similarity:
    this_year = texts_of_year(agencies, year)
    last_year = texts_of_year(agencies, year - 1)
    ignore = _ignore(this_year, last_year)
    by_code = {a.code: a for a in agencies}
    yoy = []
    for agency in agencies:
        text, previous = this_year.get(agency.code), last_year.get(agency.code)
        if not text or not previous:
            missing = "both" if not (text or previous) else ("this" if not text else "last")
            yoy.append(YearOnYear(agency, None, False, missing))
            continue
        c = compare(text, previous, ignore=ignore)
        yoy.append(YearOnYear(agency, c.share, c.flagged))
    yoy.sort(key=lambda y: (not y.flagged, -(y.share or -1), y.agency.code))
    pairs = [
        CrossPair(by_code[p.a], by_code[p.b], p.share_a, p.share_b)
        for p in similar_pairs(this_year, flag=LIST_SHARE, ignore=ignore)
    ]
    pairs.sort(key=lambda p: (not p.flagged, -p.share))
    return Similarity(year, yoy, pairs, len(this_year))


@dataclass
class SideBySide:
    a: Agency
    year_a: int
    b: Agency
    year_b: int
    text_a: str
    text_b: str
    a_in_b: Comparison  # passages of a found in b
    b_in_a: Comparison


def side_by_side(
    agencies: list[Agency], a: Agency, year_a: int, b: Agency, year_b: int
) -> SideBySide | None:
    """Two report texts compared both ways, with the same boilerplate ignored as in the list."""
    year = max(year_a, year_b)
    this_year = texts_of_year(agencies, year)
    last_year = texts_of_year(agencies, year - 1)
    ignore = _ignore(this_year, last_year)
    text_a = (this_year if year_a == year else last_year).get(a.code)
    text_b = (this_year if year_b == year else last_year).get(b.code)
    if not text_a or not text_b:
        return None
    return SideBySide(
        a,
        year_a,
        b,
        year_b,
        text_a,
        text_b,
        compare(text_a, text_b, ignore=ignore),
        compare(text_b, text_a, ignore=ignore),
    )


# ------------------------------------------------------------------ complaints


def complaints(agencies: list[Agency]) -> list[Complaint]:
    """Unanswered first, oldest first; then the answered ones, latest answer first."""
    qs = Complaint.objects.filter(agency__in=agencies).select_related("agency")
    open_ = list(qs.filter(status=Complaint.Status.RECEIVED).order_by("received_at", "pk"))
    done = list(qs.filter(status=Complaint.Status.ANSWERED).order_by("-answered_at", "-pk"))
    return open_ + done


def age_days(complaint: Complaint, now: dt.datetime | None = None) -> int:
    end = complaint.answered_at or now or timezone.now()
    return (timezone.localdate(end) - timezone.localdate(complaint.received_at)).days


def masked_name(complaint: Complaint) -> str:
    return mask_name(complaint.name)


def masked_contact(complaint: Complaint) -> str:
    """Phone numbers as 138****5678; e-mail addresses keep their first letter and domain."""
    contact = complaint.contact.strip()
    if "@" in contact:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    return mask_phone(contact)


# ------------------------------------------------------------------ background imports


@dataclass
class JobProgress:
    job: ImportJob
    files: list[ImportJobFile]
    counts: dict[str, int]

    @property
    def pk(self) -> int:
        return self.job.pk

    @property
    def total(self) -> int:
        return len(self.files)

    @property
    def finished(self) -> int:
        return sum(1 for f in self.files if f.finished)

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 100

    @property
    def done(self) -> bool:
        return self.job.status == ImportJob.Status.DONE

    @property
    def stale(self) -> bool:
        limit = dt.timedelta(minutes=settings.XXGK_JOB_STALE_MINUTES)
        return not self.done and self.job.updated_at < timezone.now() - limit


def import_jobs(user: User):
    return ImportJob.objects.filter(created_by=user).prefetch_related("files")


def import_job(user: User, pk: int) -> JobProgress | None:
    """A job of `user` (the files name agencies and years: only their uploader sees them)."""
    job = ImportJob.objects.filter(pk=pk, created_by=user).first()
    if job is None:
        return None
    files = list(job.files.select_related("report", "report__agency"))
    return JobProgress(job, files, file_counts(f.status for f in files))


def file_counts(statuses) -> dict[str, int]:
    """How many files of a job are in each status (every status named, zero included)."""
    counts = dict.fromkeys(ImportJobFile.Status.values, 0)
    for status in statuses:
        counts[status] += 1
    return counts


# ------------------------------------------------------------------ similarity in the background


def similarity_scope(agencies: list[Agency]) -> str:
    return hashlib.sha256(
        ",".join(str(a.pk) for a in sorted(agencies, key=lambda a: a.pk)).encode()
    ).hexdigest()


def texts_digest(agencies: list[Agency], year: int) -> str:
    """Which reports (and which versions of them) a comparison of `year` reads."""
    rows = AnnualReport.objects.filter(agency__in=agencies, year__in=(year, year - 1))
    stamp = sorted((pk, str(at)) for pk, at in rows.values_list("pk", "updated_at"))
    return hashlib.sha256(repr(stamp).encode()).hexdigest()


def similarity_to_json(result: Similarity) -> dict:
    return {
        "compared": result.compared,
        "yoy": [[y.agency.pk, y.share, y.flagged, y.missing] for y in result.year_on_year],
        "pairs": [[p.a.pk, p.b.pk, p.share_a, p.share_b] for p in result.pairs],
    }


def similarity_from_json(data: dict, agencies: list[Agency], year: int) -> Similarity:
    by_pk = {a.pk: a for a in agencies}
    yoy = [
        YearOnYear(by_pk[pk], share, flagged, missing)
        for pk, share, flagged, missing in data["yoy"]
        if pk in by_pk
    ]
    pairs = [
        CrossPair(by_pk[a], by_pk[b], share_a, share_b)
        for a, b, share_a, share_b in data["pairs"]
        if a in by_pk and b in by_pk
    ]
    return Similarity(year, yoy, pairs, data["compared"])


@dataclass
class SimilarityState:
    """What the similarity page shows: a result (computed now for a small cluster, or the
    last background run's), and the run (pending, done or failed) when there is one."""

    result: Similarity | None
    run: SimilarityRun | None = None
    stale: bool = False  # a report changed since the run's comparison

    @property
    def pending(self) -> bool:
        return self.run is not None and self.run.status in ("queued", "running")


def similarity_inline(agencies: list[Agency], year: int) -> bool:
    """Small clusters are compared in the request; large ones in the background."""
    reports = AnnualReport.objects.filter(agency__in=agencies, year__in=(year, year - 1))
    return reports.count() <= settings.XXGK_SIMILARITY_INLINE_MAX


def similarity_state(agencies: list[Agency], year: int) -> SimilarityState:
    if similarity_inline(agencies, year):
        return SimilarityState(similarity(agencies, year))
    run = SimilarityRun.objects.filter(scope=similarity_scope(agencies), year=year).first()
    if run is None:
        return SimilarityState(None)
    done = (
        SimilarityRun.objects.filter(scope=run.scope, year=year, status="done").first()
        if run.status != "done"
        else run
    )
    result = similarity_from_json(done.result, agencies, year) if done and done.result else None
    stale = bool(done) and done.digest != texts_digest(agencies, year)
    return SimilarityState(result, run, stale)

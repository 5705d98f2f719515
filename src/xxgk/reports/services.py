"""Every state change of an annual report: create the draft from the records, refresh it, edit
its text, approve (locks the period), publish (refused with error-level findings unless a reason
is recorded), reopen a published report for a correction (a new version with a note)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import permissions
from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.annual import dumps
from xxgk.annual.model import Level, Report
from xxgk.annual.templates import template
from xxgk.errors import ActionRefused

from .compile import agency_ids, aggregates, compile_report
from .models import AnnualReport, ReportEvent, ReportVersion
from .narrative import prefill_sections
from .queries import findings


def _require_editor(user: User | None, agency_id: int) -> None:
    if not permissions.has_role(user, agency_id, *permissions.REPORT_ROLES):
        raise PermissionDenied("您没有编制本机关年度报告的权限")


def _require_head(user: User | None, agency_id: int) -> None:
    if not permissions.is_office_head(user, agency_id):
        raise PermissionDenied("年度报告须由政府信息公开工作机构负责人审定")


def _event(
    report: AnnualReport,
    kind: str,
    actor: User | None,
    reason: str = "",
    *,
    at: dt.datetime | None = None,
    **data,
) -> None:
    ReportEvent.objects.create(
        report=report, kind=kind, actor=actor, reason=reason, data=data, at=at or timezone.now()
    )


def _when(at: dt.datetime | None, report_year: int) -> dt.datetime:
    """When an act happened: now, or an earlier moment recorded afterwards (an act done on
    paper and entered later, or the demo's history); never in the future nor before the
    report year has ended."""
    now = timezone.now()
    if at is None:
        return now
    if at > now:
        raise ActionRefused("办理时间不能晚于现在")
    if timezone.localtime(at).year <= report_year:
        raise ActionRefused("办理时间应在报告年度结束之后")
    return at


def _tables(agency: Agency, year: int, version: str) -> tuple[Report, list[int]]:
    aggregate = aggregates(agency)
    return compile_report(agency, year, version=version, aggregate=aggregate), agency_ids(
        agency, aggregate=aggregate
    )


@transaction.atomic
def create_draft(
    agency: Agency,
    *,
    year: int,
    actor: User,
    version: str = "v2021",
    at: dt.datetime | None = None,
) -> AnnualReport:
    _require_editor(actor, agency.pk)
    if year >= timezone.localdate().year:
        raise ActionRefused("只能编制已结束年度的报告")
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        raise ActionRefused(f"{year}年度报告已存在")
    computed, ids = _tables(agency, year, version)
    report = AnnualReport.objects.create(
        agency=agency,
        year=year,
        data=json.loads(dumps(computed)),
        sections=prefill_sections(agency, computed, ids),
    )
    when = _when(at, year)
    if at is not None:
        AnnualReport.objects.filter(pk=report.pk).update(created_at=when, updated_at=when)
    _event(report, ReportEvent.Kind.CREATED, actor, version=version, at=when)
    return report


@transaction.atomic
def refresh_draft(report: AnnualReport, *, actor: User, keep_text: bool = True) -> AnnualReport:
    """Recompute the tables from the records (after a record was corrected)."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_editor(actor, report.agency_id)
    if report.status != AnnualReport.Status.DRAFT:
        raise ActionRefused("报告已审定，统计期间已锁定；如需更正请先申请更正")
    if report.source != AnnualReport.Source.COMPUTED:
        raise ActionRefused("导入的报告不能由业务记录重新生成")
    version = report.data.get("layout", {}).get("t3", "v2021")
    computed, ids = _tables(report.agency, report.year, version)
    report.data = json.loads(dumps(computed))
    if not keep_text:
        report.sections = prefill_sections(report.agency, computed, ids)
    report.save()
    _event(report, ReportEvent.Kind.REFRESHED, actor)
    return report


@transaction.atomic
def edit_sections(
    report: AnnualReport,
    *,
    sections: dict[str, str],
    actor: User,
    at: dt.datetime | None = None,
) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_editor(actor, report.agency_id)
    if report.status != AnnualReport.Status.DRAFT:
        raise ActionRefused("报告已审定，不能修改正文")
    keys = {s.key for s in template("v2021").sections}
    unknown = set(sections) - keys
    if unknown:
        raise ActionRefused(f"未知的章节：{', '.join(sorted(unknown))}")
    if any(len(text) > 50000 for text in sections.values()):
        raise ActionRefused("单个章节不能超过5万字")
    report.sections = {**report.sections, **sections}
    report.save(update_fields=["sections", "updated_at"])
    _event(
        report,
        ReportEvent.Kind.SECTIONS_EDITED,
        actor,
        keys=sorted(sections),
        at=_when(at, report.year),
    )
    return report


@transaction.atomic
def approve(report: AnnualReport, *, actor: User, at: dt.datetime | None = None) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_head(actor, report.agency_id)
    if report.status != AnnualReport.Status.DRAFT:
        raise ActionRefused("只有草稿可以审定")
    when = _when(at, report.year)
    report.status = AnnualReport.Status.APPROVED
    report.approved_at, report.approved_by = when, actor
    report.save()
    _event(report, ReportEvent.Kind.APPROVED, actor, at=when)
    return report


@transaction.atomic
def publish(
    report: AnnualReport,
    *,
    actor: User,
    override_reason: str = "",
    at: dt.datetime | None = None,
) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_head(actor, report.agency_id)
    if report.status != AnnualReport.Status.APPROVED:
        raise ActionRefused("报告须先审定再发布")
    errors = [f for f in findings(report) if f.level == Level.ERROR]
    if errors and not override_reason.strip():
        raise ActionRefused(
            f"报告有 {len(errors)} 个错误（如：{errors[0].message}），须修正或写明仍予发布的理由"
        )
    now = _when(at, report.year)
    if report.approved_at and now < report.approved_at:
        raise ActionRefused("发布时间不能早于审定时间")
    report.status = AnnualReport.Status.PUBLISHED
    report.published_at = now
    report.first_published_at = report.first_published_at or now
    report.override_reason = override_reason.strip() if errors else ""
    report.save()
    ReportVersion.objects.create(
        report=report, number=report.version, data=report.data, sections=report.sections,
        note=report.correction_note, published_at=now, published_by=actor,
    )  # fmt: skip
    _event(
        report,
        ReportEvent.Kind.PUBLISHED,
        actor,
        report.override_reason,
        version=report.version,
        errors=len(errors),
        at=now,
    )
    return report


@transaction.atomic
def reopen_for_correction(report: AnnualReport, *, note: str, actor: User) -> AnnualReport:
    """A published report is corrected as a new version; the published one stays until then."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_head(actor, report.agency_id)
    if report.status != AnnualReport.Status.PUBLISHED:
        raise ActionRefused("只有已发布的报告可以更正")
    if not note.strip():
        raise ActionRefused("请写明更正说明")
    report.status = AnnualReport.Status.DRAFT
    report.version += 1
    report.correction_note = note.strip()
    report.approved_at = report.approved_by = None
    report.save()
    _event(report, ReportEvent.Kind.REOPENED, actor, note, version=report.version)
    return report

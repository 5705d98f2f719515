"""Every change the supervising office's work makes: a citizen files a complaint (举报, arts.
47, 51) and the office answers it; published reports are imported into the register.

Complaints resist spam as the application form does: a honeypot (filled → a code is shown,
nothing is stored) and a per-address limit in the shared cache (accounts.throttle). An
imported report is read by `xxgk.annual.parse`, its agency matched by name, and stored as a
published, imported `AnnualReport` with its first `ReportVersion` and an `imported` event; an
existing report of that agency and year is never overwritten, and `ImportRefused` says why a
file was not imported, in one line for the summary table or the upload page.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from xxgk.accounts.models import User
from xxgk.accounts.throttle import Limit
from xxgk.agencies.models import Agency
from xxgk.annual.jsonio import ReportInputError, dumps, read_bytes
from xxgk.annual.parse import MAX_INPUT, parse_bytes
from xxgk.codes import new_code
from xxgk.errors import ActionRefused
from xxgk.reports.models import AnnualReport, ReportEvent, ReportVersion

from . import queries
from .models import Complaint, ImportJob, ImportJobFile, SimilarityRun

# ------------------------------------------------------------------ complaints


class TooManyComplaints(ActionRefused):
    """The hourly limit of complaints from one address is reached."""


def complaint_limit() -> Limit:
    return Limit("complaint", getattr(settings, "XXGK_COMPLAINTS_PER_HOUR", 3), 3600)


@dataclass(frozen=True)
class Filed:
    code: str
    complaint: Complaint | None  # None when a robot filled the honeypot: nothing was stored


def file_complaint(
    agency: Agency, *, name: str, contact: str, text: str, ip: str, honeypot: str = ""
) -> Filed:
    """A complaint from the public form; `ip` is counted against the hourly limit."""
    limit = complaint_limit()
    if limit.exceeded(ip):
        raise TooManyComplaints(
            f"同一网络地址每小时最多提交{limit.limit}件举报，请稍后再试，或通过信函提交。"
        )
    limit.hit(ip)
    if honeypot.strip():
        return Filed(new_code(), None)
    name, contact, text = name.strip(), contact.strip(), text.strip()
    if not (name and contact and text):
        raise ActionRefused("请填写姓名、联系方式和举报内容")
    if len(text) > 5000:
        raise ActionRefused("举报内容不能超过5000字")
    complaint = Complaint.objects.create(
        code=new_code(),
        agency=agency,
        name=name,
        contact=contact,
        text=text,
        received_at=timezone.now(),
    )
    return Filed(complaint.code, complaint)


@transaction.atomic
def answer_complaint(complaint: Complaint, *, answer: str, actor: User) -> Complaint:
    """The supervising office answers (only a member supervising the agency complained about)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.agency_id not in queries.supervised_agency_ids(actor):
        raise PermissionDenied("只有主管部门可以答复举报")
    if complaint.status == Complaint.Status.ANSWERED:
        raise ActionRefused("该举报已答复")
    if not answer.strip():
        raise ActionRefused("请填写答复内容")
    complaint.answer = answer.strip()
    complaint.status = Complaint.Status.ANSWERED
    complaint.answered_at, complaint.answered_by = timezone.now(), actor
    complaint.save()
    return complaint


# ------------------------------------------------------------------ importing published reports


class ImportRefused(ActionRefused):
    """The file was not imported; `str(e)` says why."""


def read_agency_map(path: str | os.PathLike[str]) -> dict[str, str]:
    """`file,agency_code` rows (a header row is allowed) → file name → agency code."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 2 or not row[0].strip() or row[0].strip().lower() == "file":
                continue
            out[Path(row[0].strip()).name] = row[1].strip()
    return out


def match_agency(
    parsed_name: str | None,
    file_name: str,
    agency_map: Mapping[str, str] | None = None,
    allowed: Collection[int] | None = None,
) -> Agency:
    """The agency named in the file (exact name or short name); else the map's entry for the
    file. `allowed` limits the choice (an upload matches only supervised agencies)."""
    qs = Agency.objects.all() if allowed is None else Agency.objects.filter(pk__in=allowed)
    if parsed_name:
        found = list(qs.filter(Q(name=parsed_name) | Q(short_name=parsed_name))[:2])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ImportRefused(f"机关名称“{parsed_name}”对应多个机关，请在对照表中指定")
    code = (agency_map or {}).get(Path(file_name).name)
    if code:
        try:
            return qs.get(code=code)
        except Agency.DoesNotExist:
            raise ImportRefused(f"对照表中的机关代码 {code} 不存在或无权导入") from None
    named = f"“{parsed_name}”" if parsed_name else "（文中未找到机关名称）"
    raise ImportRefused(f"没有名为{named}的机关，请在对照表（file,agency_code）中指定")


@transaction.atomic
def import_report(
    data: bytes,
    name: str,
    *,
    year: int | None = None,
    agency: Agency | None = None,
    agency_map: Mapping[str, str] | None = None,
    allowed: Collection[int] | None = None,
    actor: User | None = None,
    published_on: dt.date | None = None,
) -> AnnualReport:
    """Import one published report. `year` (when given) must agree with the year the file
    states; `agency` (when given) is taken instead of matching by name."""
    if len(data) > MAX_INPUT:
        raise ImportRefused(f"文件过大（上限 {MAX_INPUT // 1024 // 1024} MB）")
    try:
        parsed = parse_bytes(data, name=name)
    except ReportInputError as e:
        raise ImportRefused(str(e)) from None
    report = parsed.report
    if year and report.year and report.year != year:
        raise ImportRefused(f"文件是{report.year}年度的报告，不是{year}年度的")
    year = year or report.year
    if not year:
        raise ImportRefused("文中未能确定报告年度，请指定年度")
    if agency is None:
        agency = match_agency(report.agency, name, agency_map, allowed)
    elif allowed is not None and agency.pk not in allowed:
        raise ImportRefused("无权为该机关导入报告")
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        raise ImportRefused(f"{agency.name}{year}年度报告已在登记簿中，未覆盖")
    doc = json.loads(dumps(report, indent=None))
    sections = doc.pop("sections", None) or dict(report.sections)
    doc["year"] = year
    published_at = (
        timezone.make_aware(dt.datetime.combine(published_on, dt.time(12)))
        if published_on
        else timezone.now()
    )
    stored = AnnualReport.objects.create(
        agency=agency,
        year=year,
        status=AnnualReport.Status.PUBLISHED,
        source=AnnualReport.Source.IMPORTED,
        data=doc,
        sections=sections,
        published_at=published_at,
        first_published_at=published_at,
    )
    stored.imported_file.save(Path(name).name, ContentFile(data), save=True)
    ReportVersion.objects.create(
        report=stored,
        number=1,
        data=doc,
        sections=sections,
        note="导入已发布的报告",
        published_at=published_at,
        published_by=actor,
    )
    ReportEvent.objects.create(
        report=stored,
        kind=ReportEvent.Kind.IMPORTED,
        actor=actor,
        data={
            "file": Path(name).name,
            "format": parsed.format,
            "warnings": [w.message for w in parsed.warnings][:50],
            "unread_cells": sorted(str(ref) for ref in parsed.unread),
        },
    )
    stored.unread_cells = len(parsed.unread)  # for the caller's summary (not stored twice)
    return stored


def import_file(path: str | os.PathLike[str], **kwargs) -> AnnualReport:
    try:
        data = read_bytes(path, limit=MAX_INPUT)
    except ReportInputError as e:
        raise ImportRefused(str(e)) from None
    return import_report(data, Path(path).name, **kwargs)


# ------------------------------------------------------------------ imports in the background

log = logging.getLogger(__name__)
MAX_FILES_PER_JOB = 500


def queue_import(
    files: list,
    *,
    actor: User,
    year: int | None = None,
    agency: Agency | None = None,
    published_on: dt.date | None = None,
) -> ImportJob:
    """Store the uploaded files and queue their import; the worker runs `run_import_job`."""
    if not files:
        raise ImportRefused("请选择要导入的文件")
    if len(files) > MAX_FILES_PER_JOB:
        raise ImportRefused(f"一次最多导入 {MAX_FILES_PER_JOB} 个文件，请分批上传")
    for f in files:
        if f.size > MAX_INPUT:
            raise ImportRefused(
                f"{Path(f.name).name}：文件过大（上限 {MAX_INPUT // 1024 // 1024} MB）"
            )
    now = timezone.now()
    with transaction.atomic():
        job = ImportJob.objects.create(created_by=actor, created_at=now, updated_at=now)
        for position, f in enumerate(files, start=1):
            row = ImportJobFile(
                job=job,
                position=position,
                name=Path(f.name).name[:255] or f"file-{position}",
                year=year,
                agency=agency,
                published_on=published_on,
            )
            row.upload.save("upload", f, save=False)
            row.save()
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    result = import_job.enqueue(job_id)
    ImportJob.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


@task
def import_job(job_id: int) -> dict[str, int]:
    """The background task: import the job's files that are not done yet."""
    return run_import_job(job_id)


def _stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.XXGK_JOB_STALE_MINUTES)


def _claim(job: ImportJob) -> ImportJobFile | None:
    """The next file nobody is working on (a file left "running" by a worker that died is
    taken again once stale); marked running in its own transaction so others skip it."""
    with transaction.atomic():
        pending = ImportJobFile.objects.filter(job=job).filter(
            Q(status=ImportJobFile.Status.WAITING)
            | Q(status=ImportJobFile.Status.RUNNING, started_at__lt=_stale_before())
        )
        row = pending.select_for_update(skip_locked=True).order_by("position").first()
        if row is None:
            return None
        row.status, row.started_at = ImportJobFile.Status.RUNNING, timezone.now()
        row.save(update_fields=["status", "started_at"])
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, updated_at=timezone.now()
    )
    return row


def _import_row(row: ImportJobFile, allowed: set[int], actor: User | None) -> None:
    try:
        with row.upload.open("rb") as f:
            data = f.read()
    except OSError:
        data = None
    with transaction.atomic():  # the report and the file's result together, or neither
        if data is None:
            row.status, row.message = ImportJobFile.Status.FAILED, "上传的文件已丢失，请重新上传"
        else:
            try:
                report = import_report(
                    data,
                    row.name,
                    year=row.year,
                    agency=row.agency,
                    allowed=allowed,
                    actor=actor,
                    published_on=row.published_on,
                )
            except ImportRefused as e:
                row.status, row.message = ImportJobFile.Status.REFUSED, str(e)
            except Exception as e:  # noqa: BLE001 — one bad file never stops the job
                log.exception("import job %s: file %s failed", row.job_id, row.position)
                row.status = ImportJobFile.Status.FAILED
                row.message = f"内部错误：{type(e).__name__}，其他文件不受影响"
            else:
                row.status, row.report = ImportJobFile.Status.IMPORTED, report
                row.message = f"已导入{report.agency.name}{report.year}年度报告"
                if report.unread_cells:
                    row.message += f"；{report.unread_cells} 个单元格未能读取，请核对"
        row.finished_at = timezone.now()
        row.save()
        ImportJob.objects.filter(pk=row.job_id).update(updated_at=timezone.now())


def run_import_job(job_id: int) -> dict[str, int]:
    job = ImportJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.status == ImportJob.Status.DONE:
        return {}
    actor = job.created_by
    allowed = queries.supervised_agency_ids(actor) if actor else set()
    while (row := _claim(job)) is not None:
        _import_row(row, allowed, actor)
    counts = queries.file_counts(job.files.values_list("status", flat=True))
    if not counts[ImportJobFile.Status.WAITING] and not counts[ImportJobFile.Status.RUNNING]:
        now = timezone.now()
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE, updated_at=now, finished_at=now
        )
    return counts


def resume_stale_jobs() -> list[int]:
    """Queue again the jobs whose worker stopped (no progress within the stale limit): run
    when a worker starts, and when someone looks at such a job. Queued twice is harmless —
    each file is claimed once."""
    stale = list(
        ImportJob.objects.exclude(status=ImportJob.Status.DONE)
        .filter(updated_at__lt=_stale_before())
        .values_list("pk", flat=True)
    )
    for pk in stale:
        ImportJob.objects.filter(pk=pk).update(updated_at=timezone.now())
        _enqueue(pk)
    runs = SimilarityRun.objects.filter(
        status__in=(SimilarityRun.Status.QUEUED, SimilarityRun.Status.RUNNING),
        updated_at__lt=_stale_before(),
    )
    for pk in list(runs.values_list("pk", flat=True)):
        SimilarityRun.objects.filter(pk=pk).update(
            status=SimilarityRun.Status.QUEUED, updated_at=timezone.now()
        )
        similarity_job.enqueue(pk)
    return stale


# ------------------------------------------------------------------ similarity in the background


def queue_similarity(actor: User, agencies: list[Agency], year: int) -> SimilarityRun:
    """Compare the cluster's reports of `year` in the background (one pending run per
    cluster and year: asking again while it runs returns that run)."""
    scope = queries.similarity_scope(agencies)
    pending = SimilarityRun.objects.filter(
        scope=scope,
        year=year,
        status__in=(SimilarityRun.Status.QUEUED, SimilarityRun.Status.RUNNING),
    ).first()
    if pending is not None:
        return pending
    now = timezone.now()
    run = SimilarityRun.objects.create(
        scope=scope,
        agency_ids=sorted(a.pk for a in agencies),
        year=year,
        digest=queries.texts_digest(agencies, year),
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    transaction.on_commit(lambda: similarity_job.enqueue(run.pk))
    return run


@task
def similarity_job(run_id: int) -> str:
    return run_similarity(run_id)


def run_similarity(run_id: int) -> str:
    run = SimilarityRun.objects.filter(pk=run_id).first()
    if run is None or run.status in (SimilarityRun.Status.DONE, SimilarityRun.Status.FAILED):
        return ""
    SimilarityRun.objects.filter(pk=run.pk).update(
        status=SimilarityRun.Status.RUNNING, updated_at=timezone.now()
    )
    agencies = list(Agency.objects.filter(pk__in=run.agency_ids).order_by("code"))
    try:
        result = queries.similarity_to_json(queries.similarity(agencies, run.year))
    except Exception as e:  # noqa: BLE001 — said on the page, not lost in a log only
        log.exception("similarity run %s failed", run.pk)
        status, result, error = SimilarityRun.Status.FAILED, None, f"{type(e).__name__}: {e}"
    else:
        status, error = SimilarityRun.Status.DONE, ""
    now = timezone.now()
    SimilarityRun.objects.filter(pk=run.pk).update(
        status=status,
        result=result,
        error=error[:2000],
        updated_at=now,
        finished_at=now,
        # the texts compared are those of now (a report published while queued is in)
        digest=queries.texts_digest(agencies, run.year),
    )
    return status

"""Complaints (举报, arts. 47 and 51) about an agency's disclosure work, answered by the
supervising office."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Complaint(models.Model):
    """举报 (arts. 47, 51): a citizen's complaint that an agency did not meet its disclosure
    duties, filed on the public form and answered by the supervising office
    (`supervision.complaints` holds every state change)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("已收到")
        ANSWERED = "answered", _("已答复")

    code = models.CharField(_("查询码"), max_length=20, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("被举报机关"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    name = models.CharField(_("举报人姓名"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=100)
    text = models.TextField(_("举报内容"))
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("收到时间"))
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "reports_complaint"  # created by reports; moved, not copied
        verbose_name = _("举报")
        verbose_name_plural = _("举报")
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return self.code


def _job_upload_path(instance: ImportJobFile, filename: str) -> str:
    # random names: nothing of the uploader's file name or the agency in the path
    return f"imports/{secrets.token_hex(12)}.bin"


class ImportJob(models.Model):
    """Published reports uploaded together and imported in the background (a scan's OCR and
    a folder of hundreds take minutes): the worker records each file's result as it goes, so
    a worker restarted mid-job resumes with the files not yet done."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("处理中")
        DONE = "done", _("已完成")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("提交时间"))
    updated_at = models.DateTimeField(_("最近进展"))  # the worker's heartbeat
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("报告导入任务")
        verbose_name_plural = _("报告导入任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"


class ImportJobFile(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("等待处理")
        RUNNING = "running", _("处理中")
        IMPORTED = "imported", _("已导入")
        REFUSED = "refused", _("未导入")
        FAILED = "failed", _("出错")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField(_("文件名"), max_length=255)
    upload = models.FileField(upload_to=_job_upload_path, max_length=200)
    year = models.PositiveIntegerField(null=True, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    message = models.TextField(_("结果说明"), blank=True)
    report = models.ForeignKey(
        "reports.AnnualReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="import_file_position")
        ]

    @property
    def finished(self) -> bool:
        return self.status not in (self.Status.WAITING, self.Status.RUNNING)


class SimilarityRun(models.Model):
    """The 雷同 comparison of a cluster's reports of one year, run in the background when the
    cluster is large (1,000 reports take about a minute); the result is kept with the digest of
    the texts it compared, so a report published since makes it stale."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("计算中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("出错")

    scope = models.CharField(max_length=64)  # digest of the agencies compared
    agency_ids = models.JSONField(default=list)
    year = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)  # of the texts as they stood when queued
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["scope", "year"])]

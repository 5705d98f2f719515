"""The annual report of an agency's year: a draft computed from the records, its six section
texts, approval (which locks it), publication, and corrections kept as versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        APPROVED = "approved", _("已审定")
        PUBLISHED = "published", _("已发布")

    class Source(models.TextChoices):
        COMPUTED = "computed", _("由业务记录生成")
        IMPORTED = "imported", _("导入已发布的报告")

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    source = models.CharField(
        _("来源"), max_length=20, choices=Source.choices, default=Source.COMPUTED
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    data = models.JSONField(_("统计表"))  # xxgk-annual-report/1
    sections = models.JSONField(_("正文"), default=dict)  # section key -> text
    override_reason = models.TextField(_("有错误仍发布的理由"), blank=True)
    correction_note = models.TextField(_("更正说明"), blank=True)
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("首次发布时间"), null=True, blank=True)
    imported_file = models.FileField(_("原始文件"), upload_to="reports/imported/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_report_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class ReportVersion(models.Model):
    """Each published version is kept; a correction publishes a new one with a note."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    sections = models.JSONField(default=dict)
    note = models.TextField(blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_report_version_number")
        ]


class ReportEvent(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("生成草稿")
        REFRESHED = "refreshed", _("根据业务记录重新生成")
        SECTIONS_EDITED = "sections_edited", _("修改正文")
        APPROVED = "approved", _("审定")
        PUBLISHED = "published", _("发布")
        REOPENED = "reopened", _("重新打开以更正")
        IMPORTED = "imported", _("导入")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)  # services may record an earlier moment
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

"""Administrative review (行政复议) and litigation (行政诉讼) about disclosure decisions:
the register behind table 四."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Case(models.Model):
    class Kind(models.TextChoices):
        REVIEW = "review", _("行政复议")
        LITIGATION_DIRECT = "lit_direct", _("行政诉讼（未经复议直接起诉）")
        LITIGATION_AFTER_REVIEW = "lit_after_review", _("行政诉讼（复议后起诉）")

    class Result(models.TextChoices):
        MAINTAINED = "maintained", _("结果维持")
        CORRECTED = "corrected", _("结果纠正")
        OTHER = "other", _("其他结果")

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="dispute_cases"
    )
    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disputes",
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    body = models.CharField(_("复议机关或人民法院"), max_length=100)
    case_number = models.CharField(_("案号"), max_length=80, blank=True)
    filed_on = models.DateField(_("受理日期"))
    result = models.CharField(_("结果"), max_length=20, choices=Result.choices, blank=True)
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    notes = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["agency", "filed_on"], name="dispute_agency_filed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True)
                | models.Q(concluded_on__gte=models.F("filed_on")),
                name="dispute_concluded_after_filed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"


class CaseEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)  # registered | concluded | corrected_entry
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

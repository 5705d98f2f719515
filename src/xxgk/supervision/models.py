"""Complaints (举报, arts. 47 and 51) about an agency's disclosure work, answered by the
supervising office."""

from __future__ import annotations

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

"""Tokens of the write API: created and revoked by an agency's office head, each acting as one
staff member in one role of that agency, stored as a digest only, every use recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.accounts.models import Membership

# what an integration may do: draft catalog items (编辑) or register applications (经办人)
TOKEN_ROLES = (Membership.Role.EDITOR, Membership.Role.HANDLER)


class ApiToken(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="api_tokens"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("以此人员的身份办理"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    role = models.CharField(
        _("角色"), max_length=20, choices=[(r.value, r.label) for r in TOKEN_ROLES]
    )
    name = models.CharField(_("用途"), max_length=60, help_text=_("如“OA 系统”“省统一申请平台”"))
    prefix = models.CharField(max_length=12, unique=True)  # shown in lists, finds the token
    digest = models.CharField(max_length=64)  # sha256 of the whole token: the token is not kept
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class ApiTokenEvent(models.Model):
    """Who created or revoked a token and every call made with it (its use is in the log)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建")
        REVOKED = "revoked", _("撤销")
        USED = "used", _("调用")
        REFUSED = "refused", _("调用被拒绝")

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=200, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]

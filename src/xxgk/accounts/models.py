from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of an agency, or of the supervising office.

    A project-owned user model from the first migration, so that later fields (agency
    membership, roles) need no swap of AUTH_USER_MODEL.
    """

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")


class Membership(models.Model):
    """A user's role in one agency. Staff see only their own agencies' cases; a supervising
    office's members see the agencies below theirs, read-only (accounts.permissions)."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("信息编辑")
        REVIEWER = "reviewer", _("保密审查")
        HANDLER = "handler", _("依申请公开经办人")
        HEAD = "head", _("政府信息公开工作机构负责人")
        SUPERVISOR = "supervisor", _("主管部门（只读）")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("机关成员")
        verbose_name_plural = _("机关成员")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="one_role_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"

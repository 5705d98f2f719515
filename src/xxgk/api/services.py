"""Write-API tokens: create and revoke (the agency's office head), authenticate (a use is
recorded as it happens). Every state change here validates, writes and records its event."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import permissions
from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.errors import ActionRefused

from .models import TOKEN_ROLES, ApiToken, ApiTokenEvent

PREFIX = "xxgk_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _require_head(actor: User | None, agency_id: int) -> None:
    if not permissions.is_office_head(actor, agency_id):
        raise PermissionDenied("只有本机关政府信息公开工作机构负责人可以管理接口令牌")


@transaction.atomic
def create_token(
    agency: Agency, *, user: User, role: str, name: str, actor: User
) -> tuple[ApiToken, str]:
    """A new token acting as `user` in `role`; the token itself is returned once, never kept."""
    _require_head(actor, agency.pk)
    if role not in TOKEN_ROLES:
        raise ActionRefused("接口令牌只能用于信息编辑或依申请公开经办人角色")
    if not permissions.has_role(user, agency.pk, role):
        raise ActionRefused(
            f"{user.get_username()} 在本机关没有“{Membership.Role(role).label}”角色，不能以其身份签发令牌"
        )
    if not name.strip():
        raise ActionRefused("请填写令牌的用途")
    while True:
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        agency=agency, user=user, role=role, name=name.strip()[:60], prefix=prefix,
        digest=digest(secret), created_by=actor,
    )  # fmt: skip
    ApiTokenEvent.objects.create(
        token=token, kind=ApiTokenEvent.Kind.CREATED, actor=actor,
        detail=f"{user.get_username()} · {role}",
    )  # fmt: skip
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, actor: User) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    _require_head(actor, token.agency_id)
    if token.revoked_at is not None:
        raise ActionRefused("该令牌已撤销")
    token.revoked_at, token.revoked_by = timezone.now(), actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    ApiTokenEvent.objects.create(token=token, kind=ApiTokenEvent.Kind.REVOKED, actor=actor)
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The active token whose digest matches, while its user still holds its role."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    prefix = secret[len(PREFIX) :].split("_", 1)[0]
    token = ApiToken.objects.select_related("agency", "user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, digest(secret)):
        return None
    if token.revoked_at is not None or not token.user.is_active:
        return None
    if not permissions.has_role(token.user, token.agency_id, token.role):
        return None
    return token


def record_use(token: ApiToken, *, method: str, path: str, status: int, detail: str = "") -> None:
    """Every call with a token, answered or refused, with its outcome."""
    kind = ApiTokenEvent.Kind.USED if status < 400 else ApiTokenEvent.Kind.REFUSED
    ApiTokenEvent.objects.create(
        token=token, kind=kind, actor=token.user, method=method[:10], path=path[:200],
        status=status, detail=detail[:200],
    )  # fmt: skip
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())

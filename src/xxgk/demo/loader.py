"""Demo data, loaded idempotently: each object is looked up by a natural key first, so a
second run creates nothing. Later issues add agencies, cases and published items here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    name: str  # the whole name, family name first, kept in first_name (shown by the admin)
    is_staff: bool = True
    is_superuser: bool = False


DEMO_USERS = (
    DemoUser("admin", "admin", "系统管理员", is_superuser=True),
    DemoUser("editor", "editor", "王编辑"),
    DemoUser("reviewer", "reviewer", "李审核"),
)


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


@transaction.atomic
def load_demo() -> LoadResult:
    result = LoadResult()
    User = get_user_model()
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.name,
                "email": f"{demo.username}@example.invalid",
                "is_staff": demo.is_staff,
                "is_superuser": demo.is_superuser,
            },
        )
        if created:
            user.set_password(demo.password)
            user.save(update_fields=["password"])
            result.created.append(demo.username)
        else:
            result.existing.append(demo.username)
    return result

"""Test state built through the services, so every case has its events."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.applications import services
from xxgk.applications.models import Application

_seq = itertools.count(1)


def agency(
    code: str | None = None, name: str | None = None, parent: Agency | None = None, **kw
) -> Agency:
    n = next(_seq)
    return Agency.objects.create(
        code=code or f"agency-{n}",
        name=name or f"测试市第{n}局",
        parent=parent,
        letter_prefix=kw.pop("letter_prefix", "测公开"),
        **kw,
    )


def user(
    agency_: Agency | None = None, role: str = Membership.Role.HANDLER, username: str | None = None
) -> User:
    u = User.objects.create_user(username=username or f"user{next(_seq)}", password="pw-Secret-123")
    if agency_ is not None:
        Membership.objects.create(user=u, agency=agency_, role=role)
    return u


def applicant(**kw) -> services.ApplicantInput:
    defaults = dict(
        applicant_type="natural_person",
        applicant_name="张三",
        id_type="id_card",
        id_number="110101199001011234",
        phone="13800001111",
        email="zhang@example.invalid",
        address="示范市示范区示范路1号",
        description="2024年本机关作出的行政许可决定",
    )
    defaults.update(kw)
    return services.ApplicantInput(**defaults)


def received(agency_: Agency, handler: User, on: dt.date, **kw) -> Application:
    """An application received in person on `on` (art. 31: received on arrival)."""
    submitted = timezone.make_aware(dt.datetime.combine(on, dt.time(10)))
    return services.receive(
        agency_,
        applicant=applicant(**kw),
        channel="in_person",
        arrived_on=on,
        submitted_at=submitted,
        actor=handler,
    )

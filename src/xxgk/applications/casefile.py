"""The case file at its lowest level: the row locked for a change, an event appended to the log,
who may act, and the clock as the log, the calendar and the settings give it today.

`services` (every state change) and `letters` (the documents served on the applicant) both
build on these; nothing here decides a case.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied

from xxgk.accounts import permissions
from xxgk.accounts.models import User
from xxgk.holidays.calendar import work_calendar

from . import clock
from .models import Application, Event


def lock(application: Application) -> Application:
    """The case, locked until the transaction ends (one change at a time)."""
    return Application.objects.select_for_update().get(pk=application.pk)


def require_handler(actor: User | None, app: Application) -> None:
    if actor is None or not permissions.can_handle(actor, app):
        raise PermissionDenied("您不是本机关的依申请公开经办人员，不能办理此申请")


def record(
    app: Application, kind: str, actor: User | None, on: dt.date, reason: str = "", **data
) -> Event:
    """Append an event: who (`actor`), when it took effect (`on`), why, and its details."""
    return Event.objects.create(
        application=app, kind=kind, actor=actor, effective_date=on, reason=reason, data=data
    )


def clock_rules() -> clock.ClockRules:
    """The clock's settings as they stand now (docs/deploy.md lists them)."""
    return clock.ClockRules(
        fee_period_excluded=settings.XXGK_FEE_PERIOD_EXCLUDED,
        correction_period_days=settings.XXGK_CORRECTION_PERIOD_DAYS,
        fee_payment_days=settings.XXGK_FEE_PAYMENT_DAYS,
    )


def case_clock(
    app: Application, today: dt.date, events: list[Event] | None = None
) -> clock.ClockState:
    """The clock of `app` from its events (or the given ones) with today's calendar and rules."""
    return clock.clock_state(
        app.events.all() if events is None else events,
        receipt_date=app.receipt_date,
        today=today,
        calendar=work_calendar(),
        rules=clock_rules(),
    )

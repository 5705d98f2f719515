"""What the services share: the status and date checks, concluding a case, and the stored
due date recomputed from the events."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from xxgk.applications import clock
from xxgk.applications.casefile import case_clock
from xxgk.applications.models import Application, Status
from xxgk.errors import ActionRefused

# ------------------------------------------------------------------ helpers


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _require_status(app: Application, *allowed: str, action: str) -> None:
    if app.status not in allowed:
        raise ActionRefused(f"该申请当前状态为“{app.get_status_display()}”，不能{action}")


def _not_before(app: Application, on: dt.date, what: str) -> None:
    if app.receipt_date and on < app.receipt_date:
        raise ActionRefused(f"{what}日期不能早于收到申请之日（{app.receipt_date:%Y-%m-%d}）")


def recompute(app: Application, today: dt.date | None = None) -> clock.ClockState:
    """Recompute the stored due date from the events (the events are the truth)."""
    state = case_clock(app, _today(today))
    if app.is_open:
        app.due_date = state.deadline.date if state.deadline else None
    return state


def _conclude(app: Application, ground: str, on: dt.date) -> None:
    _not_before(app, on, "办结")
    app.status = Status.CONCLUDED
    app.ground = ground
    app.concluded_on = on


log = logging.getLogger("xxgk.applications.services")

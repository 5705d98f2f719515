"""The answer clock: a case's events → day 0, extensions and excluded ranges → the due date.

Rules (official-spec B.3–B.5, C): 20 working days from receipt (art. 31) or from receipt of
the corrected application (art. 30); the clock stands still while a correction is awaited;
consultation with third parties or other agencies is not counted (arts. 32, 34, 33 ¶3);
approved extensions add at most 20 working days (art. 33); the fee-notice-to-payment period
is not counted (a setting, UNCONFIRMED in the spec, default on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings

from xxgk.holidays.calendar import work_calendar
from xxgk.workdays import Deadline, WorkCalendar, due

from .models import Event

ANSWER_DAYS = 20  # art. 33
MAX_EXTENSION_DAYS = 20  # art. 33
CORRECTION_NOTICE_DAYS = 7  # art. 30: notify within 7 working days of receipt


def setting(name: str, default):
    return getattr(settings, name, default)


@dataclass(frozen=True)
class ClockState:
    day0: dt.date | None
    days: int
    excluded: tuple[tuple[dt.date, dt.date, str], ...]
    paused: str | None  # why the clock stands still, if it does
    deadline: Deadline | None


def _pairs(events: Sequence[Event], start_kind: str, end_kind: str, today: dt.date, reason: str):
    opened: dt.date | None = None
    for e in events:
        if e.kind == start_kind and opened is None:
            opened = e.effective_date
        elif e.kind == end_kind and opened is not None:
            yield (opened, e.effective_date, reason), False
            opened = None
    if opened is not None:
        yield (opened, max(opened, today), reason), True


def clock_state(
    events: Iterable[Event],
    *,
    receipt_date: dt.date | None,
    today: dt.date,
    calendar: WorkCalendar | None = None,
) -> ClockState:
    events = sorted(events, key=lambda e: (e.effective_date, e.pk or 0))
    if receipt_date is None:
        return ClockState(None, ANSWER_DAYS, (), "待确认收到申请", None)
    day0 = receipt_date
    awaiting_correction = False
    days = ANSWER_DAYS
    for e in events:
        if e.kind == Event.Kind.CORRECTION_REQUESTED:
            awaiting_correction = True
        elif e.kind == Event.Kind.CORRECTION_RECEIVED:
            day0 = e.effective_date  # art. 30: the period runs from the corrected application
            awaiting_correction = False
        elif e.kind == Event.Kind.EXTENDED:
            days += int(e.data.get("days", 0))
    if awaiting_correction:
        return ClockState(day0, days, (), "等待申请人补正，答复期限暂停计算", None)
    excluded: list[tuple[dt.date, dt.date, str]] = []
    paused = None
    for rng, still_open in _pairs(
        events,
        Event.Kind.CONSULTATION_STARTED,
        Event.Kind.CONSULTATION_ENDED,
        today,
        "征求第三方或其他机关意见",
    ):
        if rng[1] >= day0:
            excluded.append((max(rng[0], day0), rng[1], rng[2]))
        if still_open:
            paused = "正在征求意见，期间不计入答复期限"
    if setting("XXGK_FEE_PERIOD_EXCLUDED", True):
        for rng, still_open in _pairs(
            events, Event.Kind.FEE_NOTICE_ISSUED, Event.Kind.FEE_PAID, today, "收费通知至缴费期间"
        ):
            if rng[1] >= day0:
                excluded.append((max(rng[0], day0), rng[1], rng[2]))
            if still_open:
                paused = "等待申请人缴费，期间不计入答复期限"
    cal = calendar or work_calendar()
    deadline = due(day0, days, excluded=[(a, b, r) for a, b, r in excluded], calendar=cal)
    return ClockState(day0, days, tuple(excluded), paused, deadline)


def correction_notice_limit(receipt_date: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The last day to send the one-time correction notice (art. 30: within 7 working days)."""
    return (calendar or work_calendar()).add_workdays(receipt_date, CORRECTION_NOTICE_DAYS)

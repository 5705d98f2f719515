"""The answer clock: a case's events → day 0, extensions and excluded ranges → the due date.

Rules (official-spec B.3–B.5, C): 20 working days from receipt (art. 31) or from receipt of
the corrected application (art. 30); the clock stands still while a correction is awaited;
consultation with third parties or other agencies is not counted (arts. 32, 34, 33 ¶3);
approved extensions add at most 20 working days (art. 33); the fee-notice-to-payment period
is not counted (a setting, UNCONFIRMED in the spec, default on).

Everything the clock depends on is an argument: the events, the calendar and the rules that
are settings (`casefile.case_clock` passes the current ones), so the same events give the same
answer wherever it is asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from xxgk.workdays import Deadline, WorkCalendar, due

from .models import Event

ANSWER_DAYS = 20  # art. 33
MAX_EXTENSION_DAYS = 20  # art. 33
CORRECTION_NOTICE_DAYS = 7  # art. 30: notify within 7 working days of receipt
CONSULTATION_REPLY_DAYS = 15  # arts. 32, 34: the party consulted answers within 15 working days


@dataclass(frozen=True)
class ClockRules:
    """The settings the clock and the notices follow (official-spec UNCONFIRMED points)."""

    fee_period_excluded: bool = True  # XXGK_FEE_PERIOD_EXCLUDED
    correction_period_days: int = 15  # XXGK_CORRECTION_PERIOD_DAYS
    fee_payment_days: int = 20  # XXGK_FEE_PAYMENT_DAYS


@dataclass(frozen=True)
class ClockState:
    day0: dt.date | None
    days: int
    excluded: tuple[tuple[dt.date, dt.date, str], ...]
    paused: str | None  # why the clock stands still, if it does
    deadline: Deadline | None
    consultation_open: bool = False  # a consultation started and not yet ended
    awaiting_payment: bool = False  # a fee notice issued and not yet paid


def _ranges(
    events: Sequence[Event], start_kind: str, end_kind: str, today: dt.date
) -> Iterator[tuple[dt.date, dt.date, bool]]:
    """(first, last, still open) of each period from a start event to its end event."""
    opened: dt.date | None = None
    for e in events:
        if e.kind == start_kind and opened is None:
            opened = e.effective_date
        elif e.kind == end_kind and opened is not None:
            yield opened, e.effective_date, False
            opened = None
    if opened is not None:
        yield opened, max(opened, today), True


def clock_state(
    events: Iterable[Event],
    *,
    receipt_date: dt.date | None,
    today: dt.date,
    calendar: WorkCalendar,
    rules: ClockRules,
) -> ClockState:
    events = sorted(events, key=lambda e: (e.effective_date, e.pk or 0))
    consultations = list(
        _ranges(events, Event.Kind.CONSULTATION_STARTED, Event.Kind.CONSULTATION_ENDED, today)
    )
    fee_periods = list(_ranges(events, Event.Kind.FEE_NOTICE_ISSUED, Event.Kind.FEE_PAID, today))
    facts = {
        "consultation_open": any(still_open for *_, still_open in consultations),
        "awaiting_payment": any(still_open for *_, still_open in fee_periods),
    }
    if receipt_date is None:
        return ClockState(None, ANSWER_DAYS, (), "待确认收到申请", None, **facts)
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
        return ClockState(day0, days, (), "等待申请人补正，答复期限暂停计算", None, **facts)
    excluded: list[tuple[dt.date, dt.date, str]] = []
    paused = None
    periods = [(consultations, "征求第三方或其他机关意见", "正在征求意见，期间不计入答复期限")]
    if rules.fee_period_excluded:
        periods.append((fee_periods, "收费通知至缴费期间", "等待申请人缴费，期间不计入答复期限"))
    for ranges, reason, pause in periods:
        for first, last, still_open in ranges:
            if last >= day0:
                excluded.append((max(first, day0), last, reason))
            if still_open:
                paused = pause
    deadline = due(day0, days, excluded=excluded, calendar=calendar)
    return ClockState(day0, days, tuple(excluded), paused, deadline, **facts)


def correction_notice_limit(receipt_date: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day to send the one-time correction notice (art. 30: within 7 working days)."""
    return calendar.add_workdays(receipt_date, CORRECTION_NOTICE_DAYS)

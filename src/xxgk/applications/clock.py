"""The answer clock: a case's events → day 0, extensions and excluded ranges → the due date.

Rules (official-spec B.3–B.5, C): 20 working days from receipt (art. 31) or from receipt of
the corrected application (art. 30); the clock stands still while a correction is awaited;
consultation with third parties or other agencies is not counted (arts. 32, 34, 33 ¶3);
approved extensions add at most 20 working days (art. 33); the fee-notice-to-payment period
is not counted (a setting, UNCONFIRMED in the spec, default on). A consulted third party or
agency answers within 15 working days of receiving the request (arts. 32, 34): the time not
counted ends at its reply or at that limit, whichever comes first — an unanswered request does
not stop the clock for ever.

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
    reply_by: dt.date | None = None  # the open consultation's reply limit (arts. 32, 34)
    today: dt.date | None = None

    @property
    def reply_overdue(self) -> bool:
        """The consulted party has not answered within its 15 working days."""
        return self.reply_by is not None and self.today is not None and self.today > self.reply_by


def _ranges(
    events: Sequence[Event], start_kind: str, end_kind: str, today: dt.date
) -> Iterator[tuple[dt.date, dt.date, bool, Event]]:
    """(first, last, still open, start event) of each period from a start event to its end."""
    opened: Event | None = None
    for e in events:
        if e.kind == start_kind and opened is None:
            opened = e
        elif e.kind == end_kind and opened is not None:
            yield opened.effective_date, e.effective_date, False, opened
            opened = None
    if opened is not None:
        yield opened.effective_date, max(opened.effective_date, today), True, opened


def _consultations(
    events: Sequence[Event], today: dt.date
) -> Iterator[tuple[dt.date, dt.date, bool, dt.date]]:
    """(first, last, still open, the day the party received the request) of each consultation."""
    for first, last, still_open, start in _ranges(
        events, Event.Kind.CONSULTATION_STARTED, Event.Kind.CONSULTATION_ENDED, today
    ):
        received = start.data.get("received_on") or first.isoformat()
        for e in events:  # a later record of when the party received it (送达) wins
            if e.kind == Event.Kind.CONSULTATION_DELIVERED and first <= e.effective_date <= last:
                received = e.effective_date.isoformat()
        yield first, last, still_open, dt.date.fromisoformat(str(received))


def reply_limit(received_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day of a consulted party's 15 working days from receiving the request (arts. 32,
    34)."""
    return calendar.add_workdays(received_on, CONSULTATION_REPLY_DAYS)


def clock_state(
    events: Iterable[Event],
    *,
    receipt_date: dt.date | None,
    today: dt.date,
    calendar: WorkCalendar,
    rules: ClockRules,
) -> ClockState:
    events = sorted(events, key=lambda e: (e.effective_date, e.pk or 0))
    consultations = []
    reply_by = None
    for first, last, still_open, received in _consultations(events, today):
        limit = reply_limit(received, calendar)
        consultations.append((first, min(last, limit), still_open and today <= limit))
        reply_by = limit if still_open else reply_by
    fee_periods = [
        (first, last, still_open)
        for first, last, still_open, _ in _ranges(
            events, Event.Kind.FEE_NOTICE_ISSUED, Event.Kind.FEE_PAID, today
        )
    ]
    facts = {
        "consultation_open": reply_by is not None,
        "awaiting_payment": any(still_open for *_, still_open in fee_periods),
        "reply_by": reply_by,
        "today": today,
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
        elif e.kind in (Event.Kind.EXTENDED, Event.Kind.REASONABLE_PERIOD_SET):
            days += int(e.data.get("days", 0))  # art. 33 extension; art. 35 reasonable period
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

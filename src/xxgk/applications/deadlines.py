"""Where every case stands today: its deadline, how urgent it is, what is waiting for someone.

The one source of what the work list, the case page, the ledger, the late flag, the reminders
and the supervising office show: computed from the event log and the calendar as they stand
today, never read from a stored date. (`Application.due_date` is only a sort index: rewritten by
`services.recompute` after every event, when a holiday schedule changes and by
`xxgk refresh_deadlines` each day.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from xxgk.holidays.calendar import work_calendar
from xxgk.workdays import WorkCalendar, remaining

from . import clock
from .casefile import clock_rules
from .models import Application, Event, Status

DUE_SOON_WORKDAYS = 5  # the reminders' horizon, and "due soon" on the work list
CONFIRM_FLAG_WORKDAYS = 1  # an online/fax application unconfirmed this long is flagged (art. 31)
CONFIRM_ESCALATE_WORKDAYS = 3  # … and escalated to the office head after this long


@dataclass(frozen=True)
class Standing:
    state: clock.ClockState
    due: dt.date | None  # the answer deadline as of today (at conclusion for a concluded case)
    urgency: str  # "" concluded | unconfirmed | paused | overdue | due_soon | ok
    days_left: int | None  # working days to `due` (negative: overdue by that many)
    late: bool  # answered after the deadline, or open and past it
    unconfirmed_days: int | None  # working days an online/fax application waits for art. 31
    correction_lapsed: bool  # the correction period is over: close it (art. 30)
    payment_lapsed: bool  # the payment period is over: close it (fee measures)

    @property
    def days_over(self) -> int:
        return -(self.days_left or 0)

    @property
    def confirmation(self) -> str:
        """ "" | "flag" | "escalate": how long an application has waited for confirmation."""
        if self.unconfirmed_days is None or self.unconfirmed_days < CONFIRM_FLAG_WORKDAYS:
            return ""
        return "escalate" if self.unconfirmed_days >= CONFIRM_ESCALATE_WORKDAYS else "flag"

    @property
    def reply_overdue(self) -> bool:
        """A consulted third party or agency has not answered within 15 working days."""
        return self.state.reply_overdue

    @property
    def needs_attention(self) -> bool:
        return bool(
            self.urgency in ("overdue", "due_soon")
            or self.confirmation
            or self.correction_lapsed
            or self.payment_lapsed
            or self.reply_overdue
        )


def standing(
    app: Application,
    today: dt.date,
    *,
    events: Iterable[Event] | None = None,
    calendar: WorkCalendar | None = None,
    rules: clock.ClockRules | None = None,
) -> Standing:
    """Where `app` stands on `today` (events: the case's own, prefetched or read here)."""
    calendar = calendar or work_calendar()
    rules = rules or clock_rules()
    events = list(app.events.all() if events is None else events)
    as_of = app.concluded_on if app.concluded_on and not app.is_open else today
    state = clock.clock_state(
        events, receipt_date=app.receipt_date, today=as_of, calendar=calendar, rules=rules
    )
    due = state.deadline.date if state.deadline else None
    if not app.is_open:
        late = bool(due and app.concluded_on and app.concluded_on > due)
        return Standing(state, due, "", None, late, None, False, False)
    days_left = remaining(due, today, calendar) if due else None
    unconfirmed = None
    if app.status == Status.SUBMITTED:
        arrived = next((e.effective_date for e in events if e.kind == Event.Kind.RECEIVED), None)
        arrived = arrived or app.submitted_at.date()
        unconfirmed = calendar.workdays_between(arrived, today) if today > arrived else 0
    fee_notice = getattr(app, "fee_notice", None) if app.status == Status.AWAITING_PAYMENT else None
    return Standing(
        state=state,
        due=due,
        urgency=_urgency(app, state, due, days_left, today),
        days_left=days_left,
        late=bool(due and today > due),
        unconfirmed_days=unconfirmed,
        correction_lapsed=bool(
            app.status == Status.AWAITING_CORRECTION
            and app.correction_due
            and today > app.correction_due
        ),
        payment_lapsed=bool(fee_notice and today > fee_notice.pay_by),
    )


def _urgency(
    app: Application, state: clock.ClockState, due: dt.date | None, left: int | None, today
) -> str:
    if app.status == Status.SUBMITTED:
        return "unconfirmed"
    if due is None:
        return "paused"  # waiting for a correction: no deadline runs (art. 30)
    if due < today:
        return "overdue"
    if state.paused:
        return "paused"
    if left is not None and left <= DUE_SOON_WORKDAYS:
        return "due_soon"
    return "ok"


def with_events(queryset):
    """The cases with what `standing` reads, in three queries however many they are."""
    return queryset.select_related("agency", "fee_notice").prefetch_related(
        Prefetch("events", queryset=Event.objects.order_by("effective_date", "at", "pk"))
    )


def standings(apps: Iterable[Application], today: dt.date) -> list[tuple[Application, Standing]]:
    """Each case with where it stands (one calendar and one set of rules for all)."""
    calendar, rules = work_calendar(), clock_rules()
    return [
        (app, standing(app, today, events=app.events.all(), calendar=calendar, rules=rules))
        for app in apps
    ]


def work_order(pair: tuple[Application, Standing]) -> tuple:
    """The work list's order: overdue, due soon, applications waiting too long for confirmation,
    then by deadline; fresh unconfirmed ones and stopped clocks last."""
    app, s = pair
    if s.urgency == "overdue":
        rank = 0
    elif s.urgency == "due_soon":
        rank = 1
    elif s.urgency == "unconfirmed":
        rank = 2 if s.confirmation else 4
    else:
        rank = 3 if s.urgency == "ok" else 5
    return (rank, s.due or dt.date.max, app.submitted_at, app.pk)

"""The stored due date — the work list's sort index — kept as the clock stands: every open case
refreshed daily, and recounted with the new calendar when a holiday schedule changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from xxgk.applications import clock, deadlines
from xxgk.applications.casefile import clock_rules, record
from xxgk.applications.models import OPEN_STATUSES, Application, Event, Status
from xxgk.holidays.calendar import work_calendar
from xxgk.workdays import WorkCalendar

from .common import _today, log


def refresh_deadlines(*, today: dt.date | None = None) -> int:
    """Rewrite the stored due date — the work list's sort index — of every open case as it
    stands today (a paused clock moves the deadline every day): `xxgk refresh_deadlines`, daily.
    Returns how many changed. Records no event: nothing about the case changed."""
    today = _today(today)
    stale = []
    open_cases = deadlines.with_events(Application.objects.filter(status__in=OPEN_STATUSES))
    for app, standing in deadlines.standings(open_cases, today):
        if app.due_date != standing.due:
            app.due_date = standing.due
            stale.append(app)
    Application.objects.bulk_update(stale, ["due_date"], batch_size=500)
    return len(stale)


@transaction.atomic
def follow_schedule_change(
    previous: WorkCalendar, *, years: Iterable[int], today: dt.date | None = None
) -> list[tuple[Application, dt.date | None, dt.date | None]]:
    """A holiday schedule was loaded, changed or deleted: every open case's deadlines are
    counted again with the new calendar; each case whose answer deadline (or correction period)
    moved gets an event saying from what to what. Returns (case, before, after) of those."""
    today = _today(today)
    calendar, rules = work_calendar(), clock_rules()
    which = "、".join(str(y) for y in sorted(years))
    moved = []
    open_cases = Application.objects.select_for_update(of=("self",)).filter(
        status__in=OPEN_STATUSES
    )
    for app in deadlines.with_events(open_cases):
        events = list(app.events.all())
        before, after = (
            clock.clock_state(
                events, receipt_date=app.receipt_date, today=today, calendar=cal, rules=rules
            ).deadline
            for cal in (previous, calendar)
        )
        before_day = before.date if before else None
        after_day = after.date if after else None
        correction = _correction_due(app, events, calendar)
        if before_day == after_day and correction == app.correction_due:
            continue
        data = {"before": str(before_day or ""), "after": str(after_day or "")}
        if correction != app.correction_due:
            data |= {
                "correction_before": str(app.correction_due),
                "correction_after": str(correction),
            }
            app.correction_due = correction
        app.due_date = after_day
        app.save(update_fields=["due_date", "correction_due"])
        record(app, Event.Kind.DEADLINE_CHANGED, None, today, f"{which}年节假日安排变更", **data)
        log.info("deadline of %s moved by the %s schedule: %s -> %s", app, which, *data.values())
        moved.append((app, before_day, after_day))
    return moved


def _correction_due(app: Application, events: list[Event], calendar: WorkCalendar):
    """The correction period recounted with `calendar`; never shorter than the date the
    applicant was told (art. 30: a reasonable period)."""
    if app.status != Status.AWAITING_CORRECTION or not app.correction_due:
        return app.correction_due
    asked = [e for e in events if e.kind == Event.Kind.CORRECTION_REQUESTED][-1:]
    if not asked or not asked[0].data.get("period_days"):
        return app.correction_due
    recounted = calendar.add_workdays(asked[0].effective_date, int(asked[0].data["period_days"]))
    return max(recounted, app.correction_due)

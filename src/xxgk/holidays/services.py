"""Loading and deleting the years' official holiday schedules: the changes of this app.

Each function runs in one transaction and, after it commits, sends
`signals.schedule_changed` once with the years it changed (see signals.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction

from xxgk.workdays import WorkCalendar
from xxgk.workdays.calendar import YearSchedule

from .calendar import work_calendar
from .models import HolidaySchedule
from .signals import schedule_changed


def _announce(years: Iterable[int], previous: WorkCalendar) -> None:
    changed = frozenset(years)
    if changed:
        transaction.on_commit(
            lambda: schedule_changed.send(sender=HolidaySchedule, years=changed, previous=previous)
        )


def _store(year: int, schedule: YearSchedule) -> HolidaySchedule:
    row = HolidaySchedule(
        year=year,
        holidays="\n".join(d.isoformat() for d in sorted(schedule.holidays)),
        workdays="\n".join(d.isoformat() for d in sorted(schedule.workdays)),
        source=schedule.source[:200],
    )
    row.full_clean(exclude=["year"])
    stored, _created = HolidaySchedule.objects.update_or_create(
        year=year,
        defaults={"holidays": row.holidays, "workdays": row.workdays, "source": row.source},
    )
    return stored


@transaction.atomic
def load_schedule(year: int, schedule: YearSchedule) -> HolidaySchedule:
    """Store (or replace) `year`'s schedule; it takes precedence over the packaged data."""
    previous = work_calendar()
    stored = _store(year, schedule)
    _announce([year], previous)
    return stored


@transaction.atomic
def load_schedules(schedules: Mapping[int, YearSchedule]) -> list[HolidaySchedule]:
    """Store several years at once (a file's): all or none, and one signal for them all."""
    previous = work_calendar()
    stored = [_store(year, schedule) for year, schedule in sorted(schedules.items())]
    _announce(schedules, previous)
    return stored


@transaction.atomic
def delete_schedules(years: Iterable[int]) -> frozenset[int]:
    """Delete the schedules of `years`; those years fall back to the packaged data (or to the
    statutory holidays). Returns the years that had a schedule."""
    previous = work_calendar()
    rows = HolidaySchedule.objects.select_for_update().filter(year__in=set(years))
    deleted = frozenset(rows.values_list("year", flat=True))
    HolidaySchedule.objects.filter(year__in=deleted).delete()
    _announce(deleted, previous)
    return deleted


def delete_schedule(year: int) -> bool:
    """Delete `year`'s schedule; False if there was none (and nothing is sent)."""
    return bool(delete_schedules([year]))

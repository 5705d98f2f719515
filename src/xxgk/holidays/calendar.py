"""The working-day calendar every deadline is counted with: chinese-calendar's data plus the
schedules loaded by administrators (which win), rebuilt whenever a schedule changes; years known
to neither count the statutory holidays (xxgk.workdays.statutory)."""

from __future__ import annotations

from django.conf import settings

from xxgk.workdays import WorkCalendar, YearSchedule

from .models import HolidaySchedule

_cache: dict[str, WorkCalendar] = {}


def loaded_schedules() -> dict[int, YearSchedule]:
    """The schedules administrators loaded, year -> schedule (with its source)."""
    return {row.year: row.as_year_schedule() for row in HolidaySchedule.objects.all()}


def work_calendar() -> WorkCalendar:
    """The calendar as the loaded schedules stand now (cached per version of the schedules)."""
    key = HolidaySchedule.version()
    cal = _cache.get(key)
    if cal is None:
        _cache.clear()
        cal = WorkCalendar(
            loaded_schedules(),
            count_start_day=getattr(settings, "XXGK_COUNT_START_DAY", False),
        )
        _cache[key] = cal
    return cal

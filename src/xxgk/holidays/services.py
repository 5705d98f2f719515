"""Loading a year's official holiday schedule: the one change of this app."""

from __future__ import annotations

from django.db import transaction

from xxgk.workdays.calendar import YearSchedule

from .models import HolidaySchedule


@transaction.atomic
def load_schedule(year: int, schedule: YearSchedule) -> HolidaySchedule:
    """Store (or replace) `year`'s schedule; it takes precedence over the packaged data."""
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

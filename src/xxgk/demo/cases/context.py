"""The context of the demo cases: today, the work calendar, the departments and their staff,
and the working-day arithmetic the histories are dated with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.holidays.calendar import work_calendar
from xxgk.workdays import WorkCalendar


@dataclass
class Staff:
    handler: User
    head: User


@dataclass
class Context:
    today: dt.date
    now: dt.datetime
    calendar: WorkCalendar
    agencies: dict[str, Agency]  # by key: sfj, sthjj, zjj
    staff: dict[str, Staff]
    created: int = 0
    refusals: list[str] = field(default_factory=list)

    def back(self, n: int) -> dt.date:
        """The date n working days before today (today if n == 0)."""
        d, seen = self.today, 0
        while seen < n:
            d -= dt.timedelta(1)
            seen += self.calendar.is_workday(d)
        return d

    def add(self, d: dt.date, n: int) -> dt.date:
        return self.calendar.add_workdays(d, n)

    def workday_on_or_after(self, d: dt.date) -> dt.date:
        return d if self.calendar.is_workday(d) else self.calendar.next_workday(d)

    def workday_near(self, d: dt.date) -> dt.date:
        """The working day on or after d, or the last one before it if that is after today."""
        after = self.workday_on_or_after(d)
        if after <= self.today:
            return after
        while not self.calendar.is_workday(d):
            d -= dt.timedelta(1)
        return d


def make_context(agencies: dict[str, Agency], staff: dict[str, Staff]) -> Context:
    now = timezone.now()
    return Context(
        today=timezone.localdate(now),
        now=now,
        calendar=work_calendar(),
        agencies=agencies,
        staff=staff,
    )

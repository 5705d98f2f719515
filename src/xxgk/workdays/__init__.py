"""Working days (工作日) and deadlines — a pure core: no Django, no xxgk apps.

    >>> from xxgk.workdays import WorkCalendar, due
    >>> cal = WorkCalendar.from_file("holidays.yaml")   # or WorkCalendar({2027: {...}}), or WorkCalendar()
    >>> d = due(date(2024, 9, 28), 20, calendar=cal)     # d.date == date(2024, 10, 30)

See `calendar.py` for the rule, the sources (loaded > chinese_calendar > weekends only) and the
schedule file format; `deadline.py` for the counting and its explanation.
"""

from __future__ import annotations

from .calendar import (
    HOLIDAY_NAMES_ZH,
    CalendarError,
    Coverage,
    WorkCalendar,
    YearSchedule,
    load_schedules,
    loads_schedules,
    packaged_years,
    parse_schedules,
)
from .deadline import KIND_LABELS, Deadline, Exclusion, Step, StepKind, due, remaining

__all__ = [
    "HOLIDAY_NAMES_ZH",
    "KIND_LABELS",
    "CalendarError",
    "Coverage",
    "Deadline",
    "Exclusion",
    "Step",
    "StepKind",
    "WorkCalendar",
    "YearSchedule",
    "due",
    "load_schedules",
    "loads_schedules",
    "packaged_years",
    "parse_schedules",
    "remaining",
]

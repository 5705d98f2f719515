"""What this app tells the floors above.

`schedule_changed` — the official holiday schedules (`HolidaySchedule`) changed, so every
deadline counted with `work_calendar()` over those years may have moved.

- **Who sends it:** only `xxgk.holidays.services` — `load_schedule` and `load_schedules`
  (`xxgk load_holidays`, the admin's add and change) and `delete_schedule` and
  `delete_schedules` (the admin's delete and its bulk action). A row changed any other way
  (a shell, a raw query, a test creating rows directly) sends nothing.
- **When:** once per call of one of those services, after its transaction commits
  (`transaction.on_commit`); never if it rolls back. Inside an outer transaction it is sent
  when the outermost one commits.
- **With what:** `sender=HolidaySchedule`, `years`, a frozenset of the years whose
  schedule was loaded (new or replaced) or deleted, and `previous`, the `WorkCalendar` as it
  stood before the change (so a receiver can tell which deadlines the change moved).

Receivers run after the commit, in the request or command that made the change; one that raises
does not undo it (Django's `on_commit` callbacks run in order, and an exception stops the
rest). `xxgk.applications` connects a receiver that recomputes the deadline of every open case
touching those years.
"""

from __future__ import annotations

from django.dispatch import Signal

schedule_changed = Signal()  # sender=HolidaySchedule, years=frozenset[int], previous

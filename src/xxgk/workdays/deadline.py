"""Deadlines in working days, with the explanation of how they were counted.

`due(start, 20, excluded=[...], calendar=cal)` walks from day 0 (the receipt date, Art. 31, or
the corrected application's date, Art. 30) and counts working days; days inside the excluded
ranges (consultation of third parties and other agencies, Arts. 32/34 and 33 ¶3; the period from
a fee notice to payment) are not counted. An extension (Art. 33 ¶2, at most 20 more) is simply
`due(start, 20 + 20, ...)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from .calendar import WorkCalendar

StepKind = Literal["start", "counted", "skipped", "excluded"]
KIND_LABELS: dict[str, str] = {
    "start": "起算日",
    "counted": "计入",
    "skipped": "跳过",
    "excluded": "扣除",
}
DEFAULT_EXCLUSION_REASON = "不计入期限的期间"


class Exclusion(NamedTuple):
    """A closed date range whose working days are not counted; plain (start, end) tuples work too."""

    start: dt.date
    end: dt.date
    reason: str = DEFAULT_EXCLUSION_REASON


@dataclass(frozen=True)
class Step:
    """Consecutive days of one kind and reason. `days` = working days counted in the step."""

    start: dt.date
    end: dt.date
    kind: StepKind
    reason: str
    days: int = 0


@dataclass(frozen=True)
class Deadline:
    """The due date and how it was reached.

    `date`: the last day of the period; `days`: working days counted; `start`: day 0;
    `excluded_days`: working days not counted because they fell in an excluded range;
    `steps`: the walk from day 0 to `date`; `warnings`: Chinese messages (assumed years).
    """

    start: dt.date
    date: dt.date
    days: int
    steps: tuple[Step, ...]
    warnings: tuple[str, ...] = ()
    excluded_days: int = 0

    def lines(self) -> list[str]:
        """The explanation, one line per step, then the warnings (what the CLI prints)."""
        out, n = [], 0
        for s in self.steps:
            span = s.start.isoformat() if s.start == s.end else f"{s.start} 至 {s.end}"
            label = KIND_LABELS[s.kind]
            text = f"{span}{' ' * (26 - _width(span))}{label}{' ' * (8 - _width(label))}{s.reason}"
            first, n = n + 1, n + s.days
            if s.days and s.kind != "start":
                text += f"，第{first}个工作日" if first == n else f"，第{first}–{n}个工作日"
            out.append(text)
        out += [f"警告：{w}" for w in self.warnings]
        return out


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _exclusions(excluded: Sequence[tuple]) -> list[Exclusion]:
    out = []
    for item in excluded:
        if not isinstance(item, tuple) or len(item) not in (2, 3):
            raise ValueError(f"扣除期间应为（开始日期, 结束日期[, 理由]），而不是 {item!r}")
        a, b = item[0], item[1]
        if not isinstance(a, dt.date) or not isinstance(b, dt.date):
            raise ValueError(f"扣除期间的起止应为日期，而不是 {item!r}")
        if b < a:
            raise ValueError(f"扣除期间 {a.isoformat()} 至 {b.isoformat()} 的结束早于开始")
        reason = (item[2] if len(item) == 3 else "") or DEFAULT_EXCLUSION_REASON
        out.append(Exclusion(a, b, str(reason)))
    return out


def due(
    start: dt.date,
    days: int,
    *,
    excluded: Sequence[tuple] = (),
    calendar: WorkCalendar,
) -> Deadline:
    """The date `days` working days after day 0 = `start`, not counting excluded ranges.

    Day 0 is not counted unless `calendar.count_start_day` is set and day 0 is a working day
    outside every excluded range. `days == 0` gives day 0 itself (an answer on the spot).
    `excluded` holds closed ranges `(first, last)` or `(first, last, reason)`; overlapping
    ranges are fine (the first listed range containing a day gives its reason).
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError(f"工作日数应为非负整数，而不是 {days!r}")
    ranges = _exclusions(excluded)

    def excluded_reason(d: dt.date) -> str | None:
        for r in ranges:
            if r.start <= d <= r.end:
                return r.reason
        return None

    steps: list[Step] = []

    def add(d: dt.date, kind: StepKind, reason: str, counted: int) -> None:
        last = steps[-1] if steps else None
        if last and last.kind == kind != "start" and last.reason == reason:
            steps[-1] = Step(last.start, d, kind, reason, last.days + counted)
        else:
            steps.append(Step(d, d, kind, reason, counted))

    counted = paused = 0
    day_reason, why_excluded = calendar.reason(start), excluded_reason(start)
    if calendar.count_start_day and calendar.is_workday(start) and why_excluded is None and days:
        counted = 1
        steps.append(Step(start, start, "start", f"{day_reason}，当日计为第1个工作日", 1))
    else:
        note = f"{day_reason}；{why_excluded}" if why_excluded else day_reason
        add(start, "start", f"{note}，当日不计入", 0)

    d = start
    while counted < days:
        d += dt.timedelta(1)
        work = calendar.is_workday(d)
        reason = calendar.reason(d)
        why = excluded_reason(d)
        if why is not None:
            paused += int(work)
            add(d, "excluded", why, 0)
        elif work:
            counted += 1
            add(d, "counted", reason, 1)
        else:
            add(d, "skipped", reason, 0)
    return Deadline(
        start=start,
        date=d,
        days=days,
        steps=tuple(steps),
        warnings=calendar.warnings(start, d),
        excluded_days=paused,
    )


def remaining(deadline: Deadline | dt.date, today: dt.date, calendar: WorkCalendar) -> int:
    """Working days left after today up to the due date: 0 = today is the last day.

    Negative once overdue: -1 from the first day after the due date (whatever kind of day it
    is), then one less for each further working day. Exclusions still to come are not known
    here: recompute `due` when one starts.
    """
    end = deadline.date if isinstance(deadline, Deadline) else deadline
    if today <= end:
        return calendar.workdays_between(today, end)
    return min(-1, -calendar.workdays_between(end, today))


__all__ = [
    "DEFAULT_EXCLUSION_REASON",
    "KIND_LABELS",
    "Deadline",
    "Exclusion",
    "Step",
    "StepKind",
    "due",
    "remaining",
]

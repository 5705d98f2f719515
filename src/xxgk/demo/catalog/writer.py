"""The writer of one agency's plan: each column's items, drawn month by month."""

from __future__ import annotations

import datetime as dt
import random

from .documents import DocumentWriter
from .notices import NoticeWriter
from .periodic import PeriodicWriter
from .plan import SEED, START, Plan
from .profiles import SECTIONS, Col

SCALE = 1.0  # multiplies the yearly rate of every drawn column (periodic items are fixed)


class Writer(DocumentWriter, NoticeWriter, PeriodicWriter):
    """Writes one agency's items; one random generator per column and month. A drawn column's
    `Col.kind` names the method that writes one of its items (`document`, `news`, …, in the
    genre modules); `periodic` writes the scheduled ones."""

    def write(self, today: dt.date) -> list[Plan]:
        columns = [c for _, _, cols in self.sections() for c in cols]
        months = [
            (y, m)
            for y in range(START.year, today.year + 1)
            for m in range(1, 13)
            if dt.date(y, m, 1) <= today
        ]
        for col in columns:
            for y, m in months:
                self.rng = random.Random(f"{SEED}:{self.profile.key}:{col.slug}:{y}-{m:02d}")
                self.periodic(col, y, m)
                if not col.rate:
                    continue
                mean = col.rate * SCALE / 12
                n = int(mean * self.rng.uniform(0.6, 1.4) + self.rng.random())
                days = self.workdays_of(y, m)
                for formed in sorted(self.rng.choices(days, k=n)):
                    getattr(self, col.kind)(col, formed)
        return self.plans

    def workdays_of(self, y: int, m: int) -> list[dt.date]:
        first = dt.date(y, m, 1)
        days = [first + dt.timedelta(i) for i in range(31)]
        return [d for d in days if d.month == m and self.cal.is_workday(d)]

    def sections(self) -> list[tuple[str, str, tuple[Col, ...]]]:
        return [(slug, name, cols or self.profile.columns) for slug, name, cols in SECTIONS]

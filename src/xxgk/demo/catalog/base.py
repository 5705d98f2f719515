"""The writer's state and the helpers every genre of text uses: numbers, dates, placeholders,
paragraphs, and adding an item to the plan."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from xxgk.agencies.models import Agency
from xxgk.demo import people
from xxgk.workdays import WorkCalendar

from .phrases import CITY_NAME, HEADINGS, MEASURES, THEMES
from .plan import Key, Plan
from .profiles import Profile
from .topics import SUBJECT_TOPICS


@dataclass
class BaseWriter:
    """One agency's writer: its state, and the helpers of all genres."""

    profile: Profile
    agency: Agency
    cal: WorkCalendar
    rng: random.Random = field(default_factory=random.Random)
    numbers: Counter = field(default_factory=Counter)  # (series, year) → last number
    documents: list[Plan] = field(default_factory=list)  # rules and normative documents
    replaced: set[Key] = field(default_factory=set)
    plans: list[Plan] = field(default_factory=list)
    keys: set[Key] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.agency.name

    @property
    def short(self) -> str:
        return self.agency.short_name or self.agency.name

    def number(self, series: str, year: int, gap: int = 3) -> int:
        self.numbers[(series, year)] += self.rng.randint(1, gap)
        return self.numbers[(series, year)]

    def doc_number(self, series: str, year: int, gap: int = 3) -> str:
        return f"{series}〔{year}〕{self.number(series, year, gap)}号"

    def after(self, d: dt.date, lo: int, hi: int) -> dt.date:
        return self.cal.add_workdays(d, self.rng.randint(lo, hi))

    def before(self, d: dt.date, n: int) -> dt.date:
        """The working day n working days before d."""
        while n > 0:
            d -= dt.timedelta(1)
            n -= self.cal.is_workday(d)
        return d

    def publish_date(self, formed: dt.date, lo: int = 1, hi: int = 8) -> dt.date:
        """Mostly within the 20 working days of art. 26; about one in forty late."""
        if self.rng.random() < 0.025:
            return self.after(formed, 22, 40)
        return self.after(formed, lo, hi)

    def values(self, on: dt.date, **kw) -> dict:
        """The placeholders of the phrase lists, drawn once (so a title and its body agree)."""
        rng = self.rng
        leader_title, leader = rng.choice(self.profile.leaders[1:] or self.profile.leaders)
        district, district2 = rng.sample(people.DISTRICTS, 2)
        values = {
            "city": CITY_NAME,
            "y": on.year,
            "y2": on.year + 2,
            "s": rng.choice(self.profile.subjects),
            "agency": self.name,
            "short": self.short,
            "district": district,
            "district2": district2,
            "road": rng.choice(people.ROADS),
            "estate": rng.choice(people.ESTATES),
            "leader_title": leader_title,
            "leader": leader,
            "theme": rng.choice(THEMES),
            "date": f"{on.month}月{on.day}日",
            "n": rng.randint(12, 480),
            "k": rng.randint(2, 9),
            "p": rng.randint(3, 9),
        }
        values.update(kw)
        return values

    def fill(self, text: str, on: dt.date, **kw) -> str:
        return text.format(**self.values(on, **kw))

    def paras(self, *texts: str) -> str:
        return "".join(f"<p>{t}</p>" for t in texts if t)

    def signature(self, on: dt.date) -> str:
        return f"<p>{self.name}</p><p>{on.year}年{on.month}月{on.day}日</p>"

    def add(self, plan: Plan) -> Plan | None:
        if plan.key in self.keys:
            return None
        if plan.topic is None:
            plan.topic = next(
                (t for subject, t in SUBJECT_TOPICS.items() if subject in plan.title),
                self.profile.topic,
            )
        self.keys.add(plan.key)
        self.plans.append(plan)
        return plan

    def sections_text(self, s: str, n: int) -> str:
        rng = self.rng
        out = []
        for i, heading in enumerate(rng.sample(HEADINGS, n)):
            measures = "；".join(rng.sample(MEASURES, 2))
            out.append(f"<h3>{'一二三四五六'[i]}、{heading}</h3>")
            out.append(f"<p>围绕{s}，{measures}。</p>")
        return "".join(out)

    def workday(self, year: int, month: int, day: int) -> dt.date:
        d = dt.date(year, month, min(day, 28))
        return d if self.cal.is_workday(d) else self.cal.next_workday(d)

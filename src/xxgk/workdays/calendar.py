"""Working days (工作日) for state organs: is a date a working day, and counting them.

Rule (spec Part C): Mondays–Fridays work, Saturdays and Sundays rest, official holidays rest,
and 调休 make-up days (weekend days the State Council notice declares working days) work.

Where a year's schedule comes from, in order of precedence:

1. **loaded** — a schedule given as data (the year's State Council notice: holiday dates and
   make-up working days), from a file (`load_schedules`) or from dicts (e.g. the database);
2. **packaged** — the `chinese_calendar` package, for the years it knows (checked at run time:
   it raises `NotImplementedError` outside its range);
3. **assumed** — neither: Saturdays, Sundays and the statutory holidays of 《全国年节及纪念日放假办法》
   rest (`statutory.py`: the law fixes them; only the notice's 调休 are unknown). `coverage(year)`
   says so and `warnings(a, b)` returns a Chinese warning for each assumed year; nothing ever
   crashes.

`latest()` is the same calendar with every day the unknown notices could still give off (the
adjustment windows of `statutory.py`) counted as a rest day: the latest a deadline can fall once
they are published (`add_workdays_latest`). For known years it is the calendar itself.

Schedule file format (YAML; JSON with the same shape works too)::

    # one block per year; dates are YYYY-MM-DD, ranges YYYY-MM-DD..YYYY-MM-DD (both ends included)
    2027:
      source: 国办发明电〔2026〕X号          # optional: where the schedule comes from
      holidays: [2027-01-01, 2027-02-06..2027-02-13, 2027-10-01..2027-10-07]
      workdays: [2027-02-07, 2027-02-20]   # 调休 make-up working days
    2028:                                  # names are optional: a mapping name -> dates
      holidays:
        元旦: [2028-01-01]
        春节: 2028-01-25..2028-02-01
      workdays:
        春节: [2028-01-23]

A loaded year replaces the packaged data for that year entirely. Every date must lie in its
year and no date may be both a holiday and a working day.

Counting convention (spec Part C point 5): day 0 (the receipt date) is not counted; day 1 is the
first working day after it. `count_start_day=True` counts day 0 as day 1 when it is itself a
working day (the sources disagree; the default follows the Civil Code, art. 201).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .statutory import EVE, FESTIVAL, adjustment_windows, statutory_holidays

Coverage = Literal["loaded", "packaged", "assumed"]

WEEKEND = "周末"
WORKDAY = "工作日"
MAKEUP = "调休上班"
HOLIDAY = "法定节假日"
UNSCHEDULED = "法定节假日，调休安排未知"  # a statutory day of an assumed year

# chinese_calendar names its holidays in English.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SCHEDULE_KEYS = ("holidays", "workdays", "source")


class CalendarError(ValueError):
    """A schedule that cannot be used; the message is Chinese and names the bad entry."""


@dataclass(frozen=True, eq=False)
class YearSchedule:
    """One year's schedule from the State Council notice.

    `holidays` maps each rest day to its holiday's name ("" if unnamed); `workdays` maps each
    make-up working day to the holiday it makes up for ("" if unnamed).
    """

    year: int
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True, eq=False)
class _Year:
    """A year flattened for speed: one flag and one reason per day, plus running counts."""

    year: int
    coverage: Coverage
    work: bytes  # 1 = working day, indexed by day of year - 1
    reasons: tuple[str, ...]
    cum: tuple[int, ...]  # cum[i] = working days among the first i days of the year

    @property
    def total(self) -> int:
        return self.cum[-1]


# ---------------------------------------------------------------- reading schedules


def _parse_day(value: Any, year: int, where: str) -> list[dt.date]:
    if isinstance(value, dt.datetime):
        raise CalendarError(f"{where}中的“{value}”带有时间，应只写日期 YYYY-MM-DD")
    if isinstance(value, dt.date):
        days = [value]
    elif isinstance(value, str):
        text = value.strip()
        a, sep, b = text.partition("..")
        try:
            if not _DATE_RE.match(a.strip()) or (sep and not _DATE_RE.match(b.strip())):
                raise ValueError
            first = dt.date.fromisoformat(a.strip())
            last = dt.date.fromisoformat(b.strip()) if sep else first
        except ValueError:
            raise CalendarError(
                f"{where}中的“{value}”不是有效日期（应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）"
            ) from None
        if last < first:
            raise CalendarError(f"{where}中的日期范围“{value}”结束早于开始")
        days = [first + dt.timedelta(i) for i in range((last - first).days + 1)]
    else:
        raise CalendarError(
            f"{where}中的“{value}”不是日期（应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）"
        )
    for d in days:
        if d.year != year:
            raise CalendarError(f"{where}中的日期 {d.isoformat()} 不在{year}年内")
    return days


def _parse_days(value: Any, year: int, where: str) -> dict[dt.date, str]:
    """A list of dates/ranges, or a mapping holiday name -> dates/ranges (or one date/range)."""
    if value is None:
        return {}
    named: Iterable[tuple[str, Any]]
    if isinstance(value, Mapping):
        named = [(str(k).strip(), v) for k, v in value.items()]
    elif isinstance(value, (list, tuple)):
        named = [("", value)]
    else:
        named = [("", [value])]
    out: dict[dt.date, str] = {}
    for name, items in named:
        if isinstance(items, (str, dt.date)) or items is None:
            items = [] if items is None else [items]
        if not isinstance(items, (list, tuple)):
            raise CalendarError(f"{where}中“{name}”的值应为日期列表")
        for item in items:
            for d in _parse_day(item, year, where):
                out[d] = name
    return out


def _parse_year(key: Any) -> int:
    text = str(key).strip()
    if isinstance(key, bool) or not re.fullmatch(r"\d{4}", text):
        raise CalendarError(f"日历数据的“{key}”不是年份（应为四位数字，如 2027）")
    return int(text)


def parse_schedules(
    data: Mapping[Any, Any] | Iterable[YearSchedule],
) -> dict[int, YearSchedule]:
    """Schedules from dicts: `{2027: {"holidays": [...], "workdays": [...], "source": "..."}}`.

    Dates may be `datetime.date` objects or ISO strings; ranges are "A..B". Year keys may be
    ints or strings. `YearSchedule` objects (a mapping's values or an iterable) pass through.
    """
    if not isinstance(data, Mapping):
        out: dict[int, YearSchedule] = {}
        for s in data:
            if not isinstance(s, YearSchedule):
                raise CalendarError("日历数据应为“年份: 安排”的映射")
            out[s.year] = s
        return out
    out = {}
    for key, value in data.items():
        year = _parse_year(key)
        if isinstance(value, YearSchedule):
            if value.year != year:
                raise CalendarError(f"{year}年的安排标注为{value.year}年")
            out[year] = value
            continue
        if value is None:
            value = {}
        if not isinstance(value, Mapping):
            raise CalendarError(f"{year}年的安排应包含 holidays 和 workdays 两项")
        unknown = [str(k) for k in value if k not in _SCHEDULE_KEYS]
        if unknown:
            raise CalendarError(
                f"{year}年的安排中有无法识别的项“{'、'.join(unknown)}”（可用：holidays、workdays、source）"
            )
        holidays = _parse_days(value.get("holidays"), year, f"{year}年 holidays ")
        workdays = _parse_days(value.get("workdays"), year, f"{year}年 workdays ")
        both = sorted(set(holidays) & set(workdays))
        if both:
            raise CalendarError(f"{year}年的 {both[0].isoformat()} 既列为节假日又列为调休上班日")
        source = value.get("source") or ""
        out[year] = YearSchedule(year, holidays, workdays, str(source).strip())
    return out


def loads_schedules(text: str, *, name: str = "日历数据") -> dict[int, YearSchedule]:
    """Parse the YAML (or JSON) schedule format described in the module docstring."""
    import yaml  # light, but only needed when a file is read

    class _Loader(yaml.SafeLoader):
        """Dates stay strings, so a bad one gets our message, not a constructor's ValueError."""

    _Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
        for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    if not text.strip():
        raise CalendarError(f"{name}为空")
    try:
        if text.lstrip().startswith("{"):
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: safe
    except json.JSONDecodeError as e:
        raise CalendarError(f"{name}不是有效的 JSON（第{e.lineno}行：{e.msg}）") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else "格式错误"
        raise CalendarError(f"{name}不是有效的 YAML（{where}）") from None
    if not isinstance(data, Mapping):
        raise CalendarError(f"{name}应为“年份: 安排”的映射，例如 2027: {{holidays: [...]}}")
    try:
        return parse_schedules(data)
    except CalendarError as e:
        raise CalendarError(f"{name}：{e}") from None


def load_schedules(path: str | Path) -> dict[int, YearSchedule]:
    """Read a schedule file (UTF-8 YAML or JSON); unreadable or invalid -> `CalendarError`."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise CalendarError(f"无法读取日历文件 {p}：{e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarError(f"日历文件 {p} 不是 UTF-8 编码的文本") from None
    return loads_schedules(text, name=f"日历文件 {p}")


# ---------------------------------------------------------------- building a year


def _days_of(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    n = (dt.date(year + 1, 1, 1) - first).days if year < dt.MAXYEAR else 365
    return [first + dt.timedelta(i) for i in range(n)]


def _finish(year: int, coverage: Coverage, flags: list[bool], reasons: list[str]) -> _Year:
    cum = [0]
    for f in flags:
        cum.append(cum[-1] + f)
    return _Year(year, coverage, bytes(flags), tuple(reasons), tuple(cum))


def _plain_reason(d: dt.date) -> tuple[bool, str]:
    return (False, WEEKEND) if d.weekday() >= 5 else (True, WORKDAY)


def _from_schedule(s: YearSchedule) -> _Year:
    flags, reasons = [], []
    for d in _days_of(s.year):
        if d in s.workdays:
            name = s.workdays[d]
            flags.append(True)
            reasons.append(f"{MAKEUP}（{name}）" if name else MAKEUP)
        elif d in s.holidays:
            flags.append(False)
            reasons.append(s.holidays[d] or HOLIDAY)
        else:
            f, r = _plain_reason(d)
            flags.append(f)
            reasons.append(r)
    return _finish(s.year, "loaded", flags, reasons)


def statutory_reason(name: str) -> str:
    """The reason shown for a statutory day of an assumed year: 春节（法定节假日，调休安排未知）."""
    if name == EVE:
        return f"{FESTIVAL[EVE]}（{EVE}，{UNSCHEDULED}）"
    return f"{name}（{UNSCHEDULED}）"


@functools.cache
def _assumed(year: int) -> _Year:
    """Weekends and the statutory holidays rest; the 调休 are not known."""
    statutory = statutory_holidays(year)
    flags, reasons = [], []
    for d in _days_of(year):
        if d in statutory:
            flags.append(False)
            reasons.append(statutory_reason(statutory[d]))
        else:
            f, r = _plain_reason(d)
            flags.append(f)
            reasons.append(r)
    return _finish(year, "assumed", flags, reasons)


def _widened(y: _Year, windows: Mapping[dt.date, str]) -> _Year:
    """The year with every working day inside the windows made a rest day (see `latest`)."""
    flags, reasons = list(map(bool, y.work)), list(y.reasons)
    first = dt.date(y.year, 1, 1)
    for d, name in windows.items():
        i = (d - first).days
        if d.year == y.year and flags[i]:
            flags[i] = False
            reasons[i] = f"{name}可能的调休放假日（安排未公布）"
    return _finish(y.year, y.coverage, flags, reasons)


@functools.cache
def _packaged(year: int) -> _Year | None:
    """The year from chinese_calendar, or None when the package does not know it."""
    try:
        import chinese_calendar as cc
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    flags, reasons = [], []
    try:
        for d in _days_of(year):
            work = bool(cc.is_workday(d))
            _, name = cc.get_holiday_detail(d)
            zh = HOLIDAY_NAMES_ZH.get(name, name) if name else ""
            if work and d.weekday() >= 5:
                reasons.append(f"{MAKEUP}（{zh}）" if zh else MAKEUP)
            elif work:
                reasons.append(WORKDAY)
            else:
                reasons.append(zh or (WEEKEND if d.weekday() >= 5 else HOLIDAY))
            flags.append(work)
    except NotImplementedError:  # outside the package's years
        return None
    return _finish(year, "packaged", flags, reasons)


@functools.cache
def packaged_years() -> range:
    """The years chinese_calendar knows (empty range if none), probed at run time."""
    try:
        import chinese_calendar as cc
    except ImportError:  # pragma: no cover
        return range(0)

    def known(y: int) -> bool:
        try:
            cc.is_workday(dt.date(y, 6, 1))
        except NotImplementedError:
            return False
        return True

    years = [y for y in range(1990, dt.date.today().year + 6) if known(y)]
    return range(years[0], years[-1] + 1) if years else range(0)


# ---------------------------------------------------------------- the calendar


class WorkCalendar:
    """Working days: loaded schedules, then chinese_calendar, then weekends only (assumed).

    `schedules` is `{year: {"holidays": [...], "workdays": [...]}}` (see `parse_schedules`) or
    already parsed `YearSchedule`s. `use_package=False` ignores chinese_calendar (tests, or a
    deployment that loads every year itself). Instances are cheap; years are cached.
    """

    def __init__(
        self,
        schedules: Mapping[Any, Any] | Iterable[YearSchedule] | None = None,
        *,
        count_start_day: bool = False,
        use_package: bool = True,
    ) -> None:
        self.schedules: dict[int, YearSchedule] = parse_schedules(schedules or {})
        self.count_start_day = bool(count_start_day)
        self.use_package = bool(use_package)
        self._years: dict[int, _Year] = {}
        self._widen = False  # True for the calendar `latest()` returns
        self._latest: WorkCalendar | None = None

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> WorkCalendar:
        """A calendar with the schedules of a YAML/JSON file loaded (see the module docstring)."""
        return cls(load_schedules(path), **kwargs)

    def __repr__(self) -> str:
        loaded = ",".join(str(y) for y in sorted(self.schedules)) or "-"
        latest = ", latest" if self._widen else ""
        return f"WorkCalendar(loaded={loaded}, count_start_day={self.count_start_day}{latest})"

    # -- per-year data

    def _year(self, year: int) -> _Year:
        y = self._years.get(year)
        if y is None:
            if year in self.schedules:
                y = _from_schedule(self.schedules[year])
            else:
                y = (_packaged(year) if self.use_package else None) or _assumed(year)
            if self._widen:
                windows = {
                    d: name
                    for festivals in (year, year + 1)  # 元旦 may take 30-31 December
                    if festivals < dt.MAXYEAR and self.coverage(festivals) == "assumed"
                    for d, name in adjustment_windows(festivals).items()
                    if d.year == year
                }
                if windows:
                    y = _widened(y, windows)
            self._years[year] = y
        return y

    def coverage(self, year: int) -> Coverage:
        """ "loaded" (a schedule was given), "packaged" (chinese_calendar) or "assumed"."""
        if year in self.schedules:
            return "loaded"
        if self.use_package and _packaged(year) is not None:
            return "packaged"
        return "assumed"

    def warning(self, year: int) -> str | None:
        """The Chinese warning for an assumed year, else None."""
        if self.coverage(year) != "assumed":
            return None
        known = packaged_years() if self.use_package else range(0)
        past = bool(known) and year < known.start
        if not statutory_holidays(year):  # beyond what the law's dates can be computed for
            if past:
                return f"{year}年的法定节假日安排未载入，按周六周日休息推算，请载入该年的放假安排"
            return f"{year}年的法定节假日安排尚未载入，按周六周日休息推算，请在国务院公布安排后载入"
        counted = "已按《全国年节及纪念日放假办法》计入法定节假日，但调休安排未知，期限可能变化"
        if past:
            return f"{year}年的国务院节假日安排未载入：{counted}；请载入该年的放假安排"
        return f"{year}年的国务院节假日安排尚未载入：{counted}；请在公布后载入"

    def warnings(self, a: dt.date, b: dt.date) -> tuple[str, ...]:
        """Warnings for every assumed year between two dates (either order), oldest first."""
        lo, hi = sorted((a.year, b.year))
        return tuple(w for y in range(lo, hi + 1) if (w := self.warning(y)))

    # -- single days

    def is_workday(self, d: dt.date) -> bool:
        y = self._year(d.year)
        return bool(y.work[d.timetuple().tm_yday - 1])

    def reason(self, d: dt.date) -> str:
        """Why the day is what it is: 工作日, 周末, a holiday's name, or 调休上班（…）."""
        return self._year(d.year).reasons[d.timetuple().tm_yday - 1]

    def next_workday(self, d: dt.date) -> dt.date:
        """The first working day strictly after `d`."""
        return self._add(d, 1)

    # -- counting

    def _through(self, d: dt.date) -> int:
        """Working days from 1 January of d's year up to and including d."""
        return self._year(d.year).cum[d.timetuple().tm_yday]

    def workdays_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b] — after a, up to and including b; negative if b < a."""
        if b < a:
            return -self.workdays_between(b, a)
        if a.year == b.year:
            return self._through(b) - self._through(a)
        n = self._year(a.year).total - self._through(a)
        for year in range(a.year + 1, b.year):
            n += self._year(year).total
        return n + self._through(b)

    def _add(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after start (n >= 1), by running counts, not day by day."""
        year = start.year
        target = self._through(start) + n
        while True:
            y = self._year(year)
            if target <= y.total:
                i = bisect_left(y.cum, target)  # first i with cum[i] == target: day i is it
                return dt.date(year, 1, 1) + dt.timedelta(i - 1)
            target -= y.total
            year += 1

    def latest(self) -> WorkCalendar:
        """This calendar as late as the unpublished schedules can make it.

        In every assumed year each day of the festivals' adjustment windows
        (`statutory.adjustment_windows`: the days their 调休 have given off in the official
        schedules of recent years) rests too, and so do 30–31 December before an assumed year
        (its 元旦). Only rest days are added, so counting on it never gives an earlier date than
        any official schedule within those windows will: `latest().add_workdays(start, n)` (or
        `due(…, calendar=cal.latest())`) bounds the deadline from above. Where every year
        concerned is loaded or packaged it counts exactly like this calendar.
        """
        if self._widen:
            return self
        if self._latest is None:
            cal = WorkCalendar(
                self.schedules, count_start_day=self.count_start_day, use_package=self.use_package
            )
            cal._widen = True
            self._latest = cal
        return self._latest

    def add_workdays_latest(self, start: dt.date, n: int) -> dt.date:
        """The latest date `add_workdays(start, n)` can become once the schedules of the assumed
        years are published (see `latest`); equal to it when those years are known."""
        return self.latest().add_workdays(start, n)

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The date n working days after day 0 = `start`.

        Default: day 0 is not counted; day 1 is the first working day after it, so exactly n
        working days lie in (start, result]. With `count_start_day`, day 0 counts as day 1 when
        it is itself a working day. n = 0 returns start.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"工作日数应为非负整数，而不是 {n!r}")
        if n == 0:
            return start
        if self.count_start_day and self.is_workday(start):
            return start if n == 1 else self._add(start, n - 1)
        return self._add(start, n)

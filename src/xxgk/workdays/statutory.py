"""The statutory holidays (法定节假日) of a year, and the days their 调休 may take.

Used for the years whose State Council schedule (国务院办公厅 notice) is neither loaded nor
packaged ("assumed" years). The law fixes the holidays themselves; only the notice's 调休 —
weekdays given off, weekends worked in exchange — waits for publication.

《全国年节及纪念日放假办法》 as revised by 国务院令第795号 (in force 1 January 2025), art. 2:
元旦 1 day (1 January); 春节 4 days (农历除夕, 正月初一 to 初三); 清明节 1 day (the 清明 solar
term); 劳动节 2 days (1–2 May); 端午节 1 day (五月初五); 中秋节 1 day (八月十五); 国庆节 3 days
(1–3 October). Earlier years follow the rule then in force (2014–2024: 春节 初一–初三 and
劳动节 1 May only; 2008–2013: 除夕–初二; before 2008: no 清明, 端午, 中秋, 劳动节 1–3 May).

The dates come from python-holidays (`holidays.China`), which implements each revision by year
and computes the lunar dates and the solar term; we take its statutory days only, never its
substituted days (its guesses of 调休). See docs/decisions.md (2026-12-02, statutory holidays).

`adjustment_windows(year)`: for `WorkCalendar.latest()`, every day the official notice of
`year` could plausibly give off around each festival. The windows cover every weekday the
official schedules 2008–2026 gave off (tests/workdays/test_statutory.py checks it against
chinese-calendar's data), except the one-off 2015 victory anniversary:

- 元旦: 30 December of the year before through 3 January (any three days containing 1 January;
  the 2008 and 2019 schedules gave 31 December off);
- 春节: two days before 正月初一 through 初八 (nine days starting on 廿八 or on 除夕 — 2026 gave
  廿八 (a Sunday) through 初七; the extended 2020 holiday ended on 初九, a Sunday);
- 清明节, 端午节, 中秋节: two days either side of the day (any three days containing it);
- 劳动节: 28 April through 5 May (any five days containing 1–2 May; 2012, 2013 and 2018 gave
  29 or 30 April off, 2019–2026 gave 1–5 May);
- 国庆节: 1–7 October, and when 中秋 falls between 28 September and 8 October, from 中秋 (or
  1 October) through 8 October (2017, 2020, 2023 and 2025 joined them into eight days).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType

# python-holidays' Chinese names of the statutory days -> ours; everything else it lists
# (substituted days off, extended or one-off holidays) is a schedule's, not the law's.
_STATUTORY_NAMES = {
    "元旦": "元旦",
    "农历除夕": "除夕",
    "春节": "春节",
    "清明节": "清明节",
    "劳动节": "劳动节",
    "端午节": "端午节",
    "中秋节": "中秋节",
    "国庆节": "国庆节",
}
EVE = "除夕"  # the eve is part of 春节 (since 2025, and 2008–2013)
FESTIVAL = {EVE: "春节"}  # the festival a statutory day belongs to, where the name differs

_D = dt.timedelta


@functools.cache
def statutory_holidays(year: int) -> Mapping[dt.date, str]:
    """The statutory rest days of `year` by the rule in force that year: date -> name.

    Names are 元旦, 除夕, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节; a day that is two
    holidays (中秋 on 1–3 October) carries both, joined by "、". Empty when the library does
    not know the year (it covers 1950–2100) or is not installed.
    """
    try:
        from holidays.countries.china import China  # ~0.15 s: only when a year needs it
    except ImportError:  # pragma: no cover - a declared dependency
        return MappingProxyType({})
    try:
        found = China(years=year, observed=False, language="zh_CN")
    except (NotImplementedError, ValueError):  # pragma: no cover - outside its years
        return MappingProxyType({})
    out: dict[dt.date, str] = {}
    for day, label in sorted(found.items()):
        names = [_STATUTORY_NAMES[n] for n in str(label).split("; ") if n in _STATUTORY_NAMES]
        if names and day.year == year:
            out[day] = "、".join(dict.fromkeys(names))
    return MappingProxyType(out)


def _first(days: Mapping[dt.date, str], name: str) -> dt.date | None:
    return min((d for d, n in days.items() if name in n.split("、")), default=None)


def _span(first: dt.date, last: dt.date, name: str, out: dict[dt.date, str]) -> None:
    for i in range((last - first).days + 1):
        out.setdefault(first + _D(i), name)


@functools.cache
def adjustment_windows(year: int) -> Mapping[dt.date, str]:
    """Every day the State Council schedule of `year` could give off: date -> festival.

    Includes the statutory days themselves and 30–31 December of the year before (元旦).
    Empty when the statutory days of the year are not known (see the module docstring for the
    windows and the years they were checked against).
    """
    days = statutory_holidays(year)
    if not days:
        return MappingProxyType({})
    out: dict[dt.date, str] = {}
    jan1 = dt.date(year, 1, 1)
    _span(jan1 - _D(2), jan1 + _D(2), "元旦", out)
    new_year = _first(days, "春节")
    if new_year:
        _span(new_year - _D(2), new_year + _D(7), "春节", out)
    for name in ("清明节", "端午节"):
        if day := _first(days, name):
            _span(day - _D(2), day + _D(2), name, out)
    _span(dt.date(year, 4, 28), dt.date(year, 5, 5), "劳动节", out)
    mid_autumn = _first(days, "中秋节")
    oct1, last = dt.date(year, 10, 1), dt.date(year, 10, 7)
    if mid_autumn and dt.date(year, 9, 28) <= mid_autumn <= dt.date(year, 10, 8):
        _span(min(mid_autumn, oct1), dt.date(year, 10, 8), "国庆节", out)
    _span(oct1, last, "国庆节", out)
    if mid_autumn:
        _span(mid_autumn - _D(2), mid_autumn + _D(2), "中秋节", out)
    for day, name in days.items():
        out.setdefault(day, FESTIVAL.get(name, name))
    return MappingProxyType(dict(sorted(out.items())))


__all__ = ["EVE", "FESTIVAL", "adjustment_windows", "statutory_holidays"]

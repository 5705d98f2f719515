"""The statutory holidays of years without a schedule, and the latest a deadline can become.

Checked against chinese-calendar's data (the official schedules of 2004–2026): every statutory
day the library computes rested there, and every weekday those schedules gave off lies in its
festival's adjustment window, so counting with the windows never undercuts a real deadline.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from datetime import date, timedelta

import chinese_calendar as cc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.workdays import WorkCalendar, YearSchedule, due, packaged_years
from xxgk.workdays.statutory import adjustment_windows, statutory_holidays

CAL = WorkCalendar()
FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def d(text: str) -> date:
    return date.fromisoformat(text)


def days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(1)


def test_the_package_still_ends_in_2026():
    # these tests pretend later years are unknown; they need the packaged years to test against
    assert packaged_years().start <= 2004 and 2026 in packaged_years()


@pytest.mark.parametrize("year", range(2004, 2027))
def test_every_statutory_day_rested_in_the_official_schedule(year):
    days = statutory_holidays(year)
    assert days
    for day, name in days.items():
        assert not cc.is_workday(day), (day, name)


@pytest.mark.parametrize("year", range(2020, 2027))
def test_statutory_days_carry_chinese_calendar_s_festival(year):
    zh = {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "Mid-autumn Festival": "中秋节",
        "National Day": "国庆节",
    }
    for day, name in statutory_holidays(year).items():
        _, english = cc.get_holiday_detail(day)
        festival = "春节" if name == "除夕" else name
        assert zh[english] in festival.split("、"), (day, name, english)


def test_the_2024_revision_applies_from_2025():
    # 国务院令第795号: 春节 gains 除夕, 劳动节 gains 2 May, in force 1 January 2025
    def count(year):
        return Counter(n for names in statutory_holidays(year).values() for n in names.split("、"))

    before = {"元旦": 1, "春节": 3, "清明节": 1, "劳动节": 1, "端午节": 1, "中秋节": 1, "国庆节": 3}
    assert count(2024) == before
    after = {**before, "除夕": 1, "劳动节": 2}
    assert count(2025) == count(2026) == count(2027) == count(2040) == after
    assert d("2025-01-28") in statutory_holidays(2025)  # 除夕 (廿九: a 29-day twelfth month)
    assert d("2024-02-09") not in statutory_holidays(2024)  # 除夕 before the revision


def test_2027_s_statutory_days():
    assert dict(statutory_holidays(2027)) == {
        d("2027-01-01"): "元旦",
        d("2027-02-05"): "除夕",
        d("2027-02-06"): "春节",
        d("2027-02-07"): "春节",
        d("2027-02-08"): "春节",
        d("2027-04-05"): "清明节",
        d("2027-05-01"): "劳动节",
        d("2027-05-02"): "劳动节",
        d("2027-06-09"): "端午节",
        d("2027-09-15"): "中秋节",
        d("2027-10-01"): "国庆节",
        d("2027-10-02"): "国庆节",
        d("2027-10-03"): "国庆节",
    }


def test_a_day_of_two_festivals_carries_both_names():
    assert statutory_holidays(2028)[d("2028-10-03")] == "中秋节、国庆节"
    assert CAL.reason(d("2028-10-03")) == "中秋节、国庆节（法定节假日，调休安排未知）"


def test_an_assumed_year_rests_on_its_statutory_days_only():
    for day in days_of(2027):
        rest = day.weekday() >= 5 or day in statutory_holidays(2027)
        assert CAL.is_workday(day) is not rest, day
    assert CAL.reason(d("2027-02-05")) == "春节（除夕，法定节假日，调休安排未知）"
    assert CAL.reason(d("2027-02-07")) == "春节（法定节假日，调休安排未知）"  # a Sunday too
    assert CAL.reason(d("2027-04-05")) == "清明节（法定节假日，调休安排未知）"


def test_beyond_the_library_s_years_an_assumed_year_is_weekends_only():
    assert statutory_holidays(2101) == {}
    assert CAL.is_workday(d("2101-01-03"))  # a Monday
    assert "按周六周日休息推算" in CAL.warning(2101)


# ---------------------------------------------------------------- the adjustment windows


def in_window(day: date) -> bool:
    return day in adjustment_windows(day.year) or day in adjustment_windows(day.year + 1)


@pytest.mark.parametrize("year", range(2009, 2027))
def test_every_weekday_the_schedules_gave_off_lies_in_a_window(year):
    # 2008 gave 29–30 September off for 国庆 (not since); 2015's 3–4 September were the one-off
    # 70th anniversary of the victory, not a festival of the law.
    one_off = {d("2015-09-03"), d("2015-09-04")}
    missed = [
        day
        for day in days_of(year)
        if day.weekday() < 5 and not cc.is_workday(day) and day not in one_off
        if not in_window(day)
    ]
    assert missed == []


def test_the_windows_of_2027():
    w = adjustment_windows(2027)
    assert w[d("2026-12-30")] == w[d("2027-01-03")] == "元旦"
    assert d("2026-12-29") not in w and d("2027-01-04") not in w
    assert w[d("2027-02-04")] == w[d("2027-02-13")] == "春节"  # 初一 − 2 .. 初八
    assert d("2027-02-03") not in w and d("2027-02-14") not in w
    assert w[d("2027-04-28")] == w[d("2027-05-05")] == "劳动节"
    assert [day for day in w if day.month in (9, 10)] == [
        *(d("2027-09-13") + timedelta(i) for i in range(5)),  # 中秋 15 September ± 2
        *(d("2027-10-01") + timedelta(i) for i in range(7)),
    ]
    # 中秋 next to 国庆 makes it eight days: 2025 (中秋 6 October), 2023 (29 September)
    assert max(adjustment_windows(2025)) < d("2025-12-30")
    assert d("2025-10-08") in adjustment_windows(2025)
    assert d("2023-09-29") in adjustment_windows(2023)


# ---------------------------------------------------------------- the latest deadline


@functools.cache
def known_until(last: int) -> WorkCalendar:
    """chinese-calendar's data for 2004..last, loaded; every later year unknown (assumed)."""
    schedules = {
        year: YearSchedule(
            year,
            holidays={x: "" for x in days_of(year) if x.weekday() < 5 and not cc.is_workday(x)},
            workdays={x: "" for x in days_of(year) if x.weekday() >= 5 and cc.is_workday(x)},
        )
        for year in range(2004, last + 1)
    }
    return WorkCalendar(schedules, use_package=False)


@FAST
@given(
    st.integers(2019, 2026),
    st.integers(-45, 364),
    st.integers(0, 60),
    st.booleans(),
)
def test_the_latest_date_bounds_the_deadline_the_notice_gave(year, offset, n, count_start_day):
    """As if it were the end of year − 1 and year's notice not published: the deadline the
    notice then gave is never later than `add_workdays_latest`."""
    start = date(year, 1, 1) + timedelta(offset)
    real = WorkCalendar(count_start_day=count_start_day)
    then = known_until(year - 1)
    if count_start_day:
        then = WorkCalendar(then.schedules, use_package=False, count_start_day=True)
    deadline = real.add_workdays(start, n)
    if deadline.year > 2026:
        return  # not known yet either
    assert then.coverage(year) == "assumed"
    assert deadline <= then.add_workdays_latest(start, n)
    assert then.add_workdays(start, n) <= then.add_workdays_latest(start, n)


@pytest.mark.parametrize("year", range(2019, 2027))
def test_the_latest_date_bounds_every_deadline_of_the_year(year):
    """The same, for every day 0 from mid-November before the year to its end and every count
    up to 60 working days (the answer period with an extension and a correction period)."""
    real, then = CAL, known_until(year - 1)
    start, late = date(year - 1, 11, 15), []
    while start.year <= year:
        for n in range(61):
            deadline = real.add_workdays(start, n)
            if deadline.year <= 2026 and deadline > then.add_workdays_latest(start, n):
                late.append((start, n, deadline))
        start += timedelta(1)
    assert late == []


@FAST
@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30)), st.integers(0, 40))
def test_the_latest_date_is_the_date_itself_when_every_year_is_known(start, n):
    assert CAL.add_workdays_latest(start, n) == CAL.add_workdays(start, n)


def test_latest_before_an_assumed_year_and_with_exclusions():
    # 30–31 December 2026 may still become 元旦 2027 rest days (31 December 2018 did for 2019)
    assert CAL.add_workdays(d("2026-12-29"), 1) == d("2026-12-30")
    assert CAL.add_workdays_latest(d("2026-12-29"), 1) == d("2027-01-04")
    assert CAL.latest().reason(d("2026-12-30")) == "元旦可能的调休放假日（安排未公布）"
    assert CAL.latest().coverage(2026) == "packaged" and CAL.latest().latest() is CAL.latest()
    # the acceptance figures and their bounds
    assert CAL.add_workdays(d("2027-02-01"), 20) == d("2027-03-03")
    assert CAL.add_workdays_latest(d("2027-02-01"), 20) == d("2027-03-10")
    excluded = [(d("2027-02-15"), d("2027-02-19"))]
    plain = due(d("2027-02-01"), 20, excluded=excluded, calendar=CAL)
    latest = due(d("2027-02-01"), 20, excluded=excluded, calendar=CAL.latest())
    assert (plain.date, latest.date) == (d("2027-03-10"), d("2027-03-17"))
    assert latest.warnings == plain.warnings
    # a loaded year is what it says: no window
    loaded = WorkCalendar({2027: {"holidays": ["2027-02-05..2027-02-12"], "workdays": []}})
    assert loaded.add_workdays_latest(d("2027-02-01"), 20) == loaded.add_workdays(
        d("2027-02-01"), 20
    )


def test_statutory_days_are_computed_once_per_year():
    assert statutory_holidays(2027) is statutory_holidays(2027)
    assert isinstance(next(iter(statutory_holidays(2027))), dt.date)

"""The working-day calendar: 调休, holidays, the three sources and their precedence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from xxgk.workdays import WorkCalendar, packaged_years

CAL = WorkCalendar()


def d(text: str) -> date:
    return date.fromisoformat(text)


# 2024 notice (国办发明电〔2023〕7号): every working weekend day of the year.
WORKING_WEEKENDS_2024 = [
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
]


def test_chinese_calendar_covers_2004_to_at_least_2026():
    years = packaged_years()
    assert 2004 in years and 2024 in years and 2025 in years and 2026 in years
    assert 2035 not in years
    assert CAL.coverage(2026) == "packaged"
    assert CAL.coverage(2035) == "assumed"


@pytest.mark.parametrize("day", WORKING_WEEKENDS_2024)
def test_make_up_weekend_days_of_2024_are_working_days(day):
    assert d(day).weekday() >= 5
    assert CAL.is_workday(d(day))
    assert CAL.reason(d(day)).startswith("调休上班")


def test_2024_has_exactly_the_notice_s_working_weekends():
    day, found = d("2024-01-01"), []
    while day.year == 2024:
        if day.weekday() >= 5 and CAL.is_workday(day):
            found.append(day.isoformat())
        day += timedelta(1)
    assert found == WORKING_WEEKENDS_2024


def test_holidays_rest_and_carry_their_chinese_name():
    for day in ("2024-10-01", "2024-10-04", "2024-10-07"):  # 10-04 is a Friday
        assert not CAL.is_workday(d(day))
        assert CAL.reason(d(day)) == "国庆节"
    assert CAL.reason(d("2025-01-28")) == "春节"
    assert CAL.reason(d("2024-09-29")) == "调休上班（国庆节）"
    assert CAL.reason(d("2024-10-13")) == "周末"
    assert CAL.reason(d("2024-10-14")) == "工作日"


def test_next_workday_is_strictly_after():
    assert CAL.next_workday(d("2024-09-30")) == d("2024-10-08")
    assert CAL.next_workday(d("2024-09-28")) == d("2024-09-29")  # a 调休 Sunday
    assert CAL.next_workday(d("2024-10-08")) == d("2024-10-09")


def test_add_workdays_counts_from_the_day_after():
    assert CAL.add_workdays(d("2024-09-28"), 0) == d("2024-09-28")
    assert CAL.add_workdays(d("2024-09-28"), 1) == d("2024-09-29")
    assert CAL.add_workdays(d("2024-09-28"), 3) == d("2024-10-08")
    assert CAL.add_workdays(d("2024-09-28"), 20) == d("2024-10-30")
    with pytest.raises(ValueError):
        CAL.add_workdays(d("2024-09-28"), -1)


def test_count_start_day_setting():
    on = WorkCalendar(count_start_day=True)
    # day 0 a working day: it is day 1
    assert on.add_workdays(d("2024-10-08"), 1) == d("2024-10-08")
    assert on.add_workdays(d("2024-10-08"), 20) == d("2024-11-01")
    assert CAL.add_workdays(d("2024-10-08"), 20) == d("2024-11-04")
    # day 0 on a holiday: no difference
    assert on.add_workdays(d("2024-10-03"), 20) == CAL.add_workdays(d("2024-10-03"), 20)


def test_workdays_between_is_half_open_and_signed():
    a, b = d("2024-09-28"), d("2024-10-30")
    assert CAL.workdays_between(a, b) == 20
    assert CAL.workdays_between(b, a) == -20
    assert CAL.workdays_between(a, a) == 0
    # across years: 2023-12-29 (Fri) to 2024-01-02 (Tue): 2024-01-01 is 元旦
    assert CAL.workdays_between(d("2023-12-29"), d("2024-01-02")) == 1
    a, b = d("2019-12-20"), d("2024-01-10")
    brute = sum(CAL.is_workday(a + timedelta(i)) for i in range(1, (b - a).days + 1))
    assert CAL.workdays_between(a, b) == brute


def test_a_year_without_schedule_rests_on_weekends_and_statutory_holidays_with_a_warning():
    assert CAL.coverage(2035) == "assumed"
    assert not CAL.is_workday(d("2035-01-01"))  # a Monday: 元旦, fixed by law
    assert CAL.reason(d("2035-01-01")) == "元旦（法定节假日，调休安排未知）"
    assert CAL.is_workday(d("2035-01-02"))  # whatever 调休 the notice brings is not known
    assert not CAL.is_workday(d("2035-01-06"))  # a Sunday
    (w,) = CAL.warnings(d("2035-01-01"), d("2035-03-01"))
    assert w == (
        "2035年的国务院节假日安排尚未载入：已按《全国年节及纪念日放假办法》计入法定节假日，"
        "但调休安排未知，期限可能变化；请在公布后载入"
    )
    assert CAL.warnings(d("2024-01-01"), d("2024-12-31")) == ()
    assert len(CAL.warnings(d("2034-06-01"), d("2035-01-05"))) == 2


def test_a_year_before_the_package_is_assumed_too():
    assert CAL.coverage(2003) == "assumed"
    assert CAL.warning(2003).startswith("2003年的国务院节假日安排未载入：")
    assert CAL.warning(2003).endswith("请载入该年的放假安排")
    assert CAL.add_workdays(d("2003-01-03"), 1) == d("2003-01-06")
    # the rule then in force: 劳动节 1–3 May (until 2007)
    assert [CAL.is_workday(d(f"2003-05-0{i}")) for i in range(1, 6)] == [0, 0, 0, 0, 1]


def test_a_loaded_year_fills_a_gap():
    cal = WorkCalendar({2035: {"holidays": ["2035-01-01"], "workdays": []}})
    assert cal.coverage(2035) == "loaded"
    assert not cal.is_workday(d("2035-01-01"))
    assert cal.reason(d("2035-01-01")) == "法定节假日"
    assert cal.warnings(d("2035-01-01"), d("2035-12-31")) == ()


def test_a_loaded_year_takes_precedence_over_the_package():
    # deliberately not the real 2024 schedule: the loaded data wins for the whole year
    cal = WorkCalendar({"2024": {"holidays": {"测试假日": ["2024-10-08"]}, "workdays": []}})
    assert cal.coverage(2024) == "loaded"
    assert cal.is_workday(d("2024-10-01"))
    assert not cal.is_workday(d("2024-09-29"))  # no longer a 调休 working day
    assert cal.reason(d("2024-10-08")) == "测试假日"
    assert cal.coverage(2025) == "packaged"


def test_loaded_dicts_accept_date_objects_as_a_database_would_give():
    cal = WorkCalendar(
        {2035: {"holidays": [date(2035, 2, 5), date(2035, 2, 6)], "workdays": [date(2035, 2, 10)]}}
    )
    assert not cal.is_workday(d("2035-02-05"))
    assert cal.is_workday(d("2035-02-10"))  # a Saturday
    assert cal.reason(d("2035-02-10")) == "调休上班"


def test_use_package_false_ignores_chinese_calendar():
    cal = WorkCalendar(use_package=False)
    assert cal.coverage(2024) == "assumed"
    # the statutory days of 2024's rule (国庆 1–3 October) rest, the notice's 调休 do not
    assert not cal.is_workday(d("2024-10-01"))
    assert cal.reason(d("2024-10-03")) == "国庆节（法定节假日，调休安排未知）"
    assert cal.is_workday(d("2024-10-04"))  # a Friday the notice gave off
    assert not cal.is_workday(d("2024-09-29"))  # a Sunday the notice made a working day

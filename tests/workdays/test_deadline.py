"""Answer deadlines (Art. 33): hand-computed from the State Council holiday notices."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.workdays import Deadline, Exclusion, Step, WorkCalendar, due, remaining

CAL = WorkCalendar()


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_national_day_2024():
    # 2024 notice: 国庆节 10月1日至7日放假调休; 9月29日(日)、10月12日(六)上班.
    # Day 0 = Sat 09-28 (weekend, not counted). 09-29 (调休) = 1, 09-30 = 2, holiday,
    # 10-08..10-11 = 3..6, 10-12 (调休) = 7, 10-14..18 = 8..12, 10-21..25 = 13..17,
    # 10-28..30 = 18..20.
    dl = due(d("2024-09-28"), 20, calendar=CAL)
    assert dl.date == d("2024-10-30")
    assert dl.days == 20 and dl.start == d("2024-09-28")
    assert dl.warnings == () and dl.excluded_days == 0
    assert dl.steps[:5] == (
        Step(d("2024-09-28"), d("2024-09-28"), "start", "周末，当日不计入", 0),
        Step(d("2024-09-29"), d("2024-09-29"), "counted", "调休上班（国庆节）", 1),
        Step(d("2024-09-30"), d("2024-09-30"), "counted", "工作日", 1),
        Step(d("2024-10-01"), d("2024-10-07"), "skipped", "国庆节", 0),
        Step(d("2024-10-08"), d("2024-10-11"), "counted", "工作日", 4),
    )
    assert dl.steps[-1] == Step(d("2024-10-28"), d("2024-10-30"), "counted", "工作日", 3)
    assert sum(s.days for s in dl.steps) == 20


def test_receipt_on_a_holiday_counts_from_the_next_working_day():
    # Day 0 = 2024-10-03 (国庆节): 10-08..12 = 1..5, 10-14..18 = 6..10, 10-21..25 = 11..15,
    # 10-28..11-01 = 16..20.
    dl = due(d("2024-10-03"), 20, calendar=CAL)
    assert dl.date == d("2024-11-01")
    assert dl.steps[0] == Step(d("2024-10-03"), d("2024-10-03"), "start", "国庆节，当日不计入")
    assert dl.steps[1] == Step(d("2024-10-04"), d("2024-10-07"), "skipped", "国庆节")
    assert dl.steps[2].start == d("2024-10-08") and dl.steps[2].kind == "counted"


def test_spring_festival_2025():
    # 2025 notice: 春节 1月28日至2月4日; 1月26日(日)、2月8日(六)上班. Day 0 = Fri 01-24:
    # 01-26 = 1, 01-27 = 2, holiday, 02-05..07 = 3..5, 02-08 = 6, 02-10..14 = 7..11,
    # 02-17..21 = 12..16, 02-24..27 = 17..20.
    dl = due(d("2025-01-24"), 20, calendar=CAL)
    assert dl.date == d("2025-02-27")
    kinds = [(s.kind, s.reason, s.start.isoformat(), s.end.isoformat()) for s in dl.steps[:6]]
    assert kinds == [
        ("start", "工作日，当日不计入", "2025-01-24", "2025-01-24"),
        ("skipped", "周末", "2025-01-25", "2025-01-25"),
        ("counted", "调休上班（春节）", "2025-01-26", "2025-01-26"),
        ("counted", "工作日", "2025-01-27", "2025-01-27"),
        ("skipped", "春节", "2025-01-28", "2025-02-04"),
        ("counted", "工作日", "2025-02-05", "2025-02-07"),
    ]


def test_spring_festival_2026():
    # 2026 notice: 春节 2月15日至23日; 2月14日(六)、2月28日(六)上班. Day 0 = Thu 02-12:
    # 02-13 = 1, 02-14 = 2, holiday, 02-24..27 = 3..6, 02-28 = 7, 03-02..06 = 8..12,
    # 03-09..13 = 13..17, 03-16..18 = 18..20.
    dl = due(d("2026-02-12"), 20, calendar=CAL)
    assert dl.date == d("2026-03-18")
    assert Step(d("2026-02-15"), d("2026-02-23"), "skipped", "春节") in dl.steps
    assert Step(d("2026-02-28"), d("2026-02-28"), "counted", "调休上班（春节）", 1) in dl.steps


def test_an_excluded_consultation_spanning_a_weekend():
    # Day 0 = Mon 2024-11-04; without pause the 20th working day is Mon 12-02.
    assert due(d("2024-11-04"), 20, calendar=CAL).date == d("2024-12-02")
    # Consultation Fri 11-08 .. Tue 11-12: three working days (Fri, Mon, Tue) not counted.
    dl = due(
        d("2024-11-04"),
        20,
        excluded=[Exclusion(d("2024-11-08"), d("2024-11-12"), "征求第三方意见")],
        calendar=CAL,
    )
    assert dl.date == d("2024-12-05")
    assert dl.excluded_days == 3
    assert Step(d("2024-11-08"), d("2024-11-12"), "excluded", "征求第三方意见") in dl.steps
    # a plain (start, end) tuple gets the default reason
    plain = due(d("2024-11-04"), 20, excluded=[(d("2024-11-08"), d("2024-11-12"))], calendar=CAL)
    assert plain.date == dl.date
    assert any(s.kind == "excluded" and s.reason == "不计入期限的期间" for s in plain.steps)


def test_overlapping_and_irrelevant_exclusions():
    base = due(d("2024-11-04"), 20, calendar=CAL)
    before = due(d("2024-11-04"), 20, excluded=[(d("2024-10-01"), d("2024-11-04"))], calendar=CAL)
    after = due(d("2024-11-04"), 20, excluded=[(d("2025-01-01"), d("2025-01-31"))], calendar=CAL)
    assert before.date == after.date == base.date
    overlap = due(
        d("2024-11-04"),
        20,
        excluded=[(d("2024-11-08"), d("2024-11-11")), (d("2024-11-11"), d("2024-11-12"))],
        calendar=CAL,
    )
    assert overlap.date == d("2024-12-05") and overlap.excluded_days == 3


def test_bad_exclusions_and_days_are_refused():
    with pytest.raises(ValueError, match="结束早于开始"):
        due(d("2024-11-04"), 20, excluded=[(d("2024-11-12"), d("2024-11-08"))], calendar=CAL)
    with pytest.raises(ValueError):
        due(d("2024-11-04"), -1, calendar=CAL)
    with pytest.raises(ValueError):
        due(d("2024-11-04"), 20, excluded=[("2024-11-08", "2024-11-12")], calendar=CAL)


def test_extension_20_plus_20():
    first = due(d("2024-09-28"), 20, calendar=CAL)
    extended = due(d("2024-09-28"), 20 + 20, calendar=CAL)
    # 10-31 = 21, 11-01 = 22, 11-04..08 = 23..27, 11-11..15 = 28..32, 11-18..22 = 33..37,
    # 11-25..27 = 38..40
    assert extended.date == d("2024-11-27")
    assert CAL.add_workdays(first.date, 20) == extended.date
    assert CAL.workdays_between(first.date, extended.date) == 20


def test_zero_days_is_day_0():
    dl = due(d("2024-10-03"), 0, calendar=CAL)
    assert dl.date == d("2024-10-03") and len(dl.steps) == 1


def test_count_start_day():
    on = WorkCalendar(count_start_day=True)
    dl = due(d("2024-10-08"), 20, calendar=on)
    assert dl.date == d("2024-11-01")
    assert dl.steps[0] == Step(
        d("2024-10-08"), d("2024-10-08"), "start", "工作日，当日计为第1个工作日", 1
    )
    assert sum(s.days for s in dl.steps) == 20
    assert due(d("2024-10-08"), 20, calendar=CAL).date == d("2024-11-04")
    # on a holiday, or inside an excluded range, day 0 is not counted even with the setting
    assert due(d("2024-10-03"), 20, calendar=on).date == d("2024-11-01")
    paused = due(d("2024-10-08"), 20, excluded=[(d("2024-10-08"), d("2024-10-08"))], calendar=on)
    assert paused.date == d("2024-11-04")


def test_december_2026_runs_into_2027_which_needs_its_schedule():
    if CAL.coverage(2027) != "assumed":
        pytest.skip("chinese_calendar now knows 2027")
    # Day 0 = Tue 2026-12-15: 12-16..18 = 1..3, 12-21..25 = 4..8, 12-28..31 = 9..12,
    # then 2027: 01-01 (Fri) is 元旦, a statutory holiday; its 调休 are not known:
    # 01-04..08 = 13..17, 01-11..13 = 18..20.
    dl = due(d("2026-12-15"), 20, calendar=CAL)
    assert dl.date == d("2027-01-13")
    assert Step(
        d("2027-01-01"), d("2027-01-01"), "skipped", "元旦（法定节假日，调休安排未知）"
    ) in (dl.steps)
    assert dl.warnings == (
        "2027年的国务院节假日安排尚未载入：已按《全国年节及纪念日放假办法》计入法定节假日，但调休安排未知，期限可能变化；请在公布后载入",
    )
    # Test data (not the official 2027 notice): 元旦 01-01..01-03 loaded.
    loaded = WorkCalendar({2027: {"holidays": {"元旦": ["2027-01-01..2027-01-03"]}}})
    dl = due(d("2026-12-15"), 20, calendar=loaded)
    assert dl.date == d("2027-01-13")
    assert dl.warnings == ()
    assert Step(d("2027-01-01"), d("2027-01-03"), "skipped", "元旦") in dl.steps


def test_a_year_the_package_does_not_know_is_counted_with_its_statutory_days_and_a_warning():
    # 2035-01-01 is a Monday (元旦); assumed: 01-02..05 = 1..4, 01-08 = 5
    dl = due(d("2035-01-01"), 5, calendar=CAL)
    assert dl.date == d("2035-01-08")
    assert due(d("2034-12-29"), 5, calendar=CAL).date == d("2035-01-08")  # 01-01 skipped
    assert len(dl.warnings) == 1 and dl.warnings[0].startswith("2035年")
    loaded = WorkCalendar({2035: {"holidays": ["2035-01-02"], "workdays": []}})
    assert due(d("2035-01-01"), 5, calendar=loaded).date == d("2035-01-09")


def test_remaining():
    dl = due(d("2024-09-28"), 20, calendar=CAL)  # 2024-10-30, a Wednesday
    assert remaining(dl, d("2024-09-28"), CAL) == 20
    assert remaining(dl, d("2024-10-28"), CAL) == 2
    assert remaining(dl, d("2024-10-30"), CAL) == 0
    assert remaining(dl, d("2024-10-31"), CAL) == -1
    assert remaining(dl, d("2024-11-04"), CAL) == -3
    # overdue on a weekend right after a Friday deadline is already -1
    assert remaining(d("2024-10-25"), d("2024-10-26"), CAL) == -1
    assert remaining(d("2024-10-25"), d("2024-10-28"), CAL) == -1
    assert remaining(d("2024-10-25"), d("2024-10-29"), CAL) == -2


def test_lines_explain_each_step():
    lines = due(d("2024-09-28"), 20, calendar=CAL).lines()
    assert lines[0].startswith("2024-09-28") and "起算日" in lines[0]
    assert "调休上班（国庆节），第1个工作日" in lines[1]
    assert lines[3].startswith("2024-10-01 至 2024-10-07") and "跳过" in lines[3]
    assert lines[-1].endswith("第18–20个工作日")


def test_deadline_is_frozen():
    dl = due(d("2024-09-28"), 20, calendar=CAL)
    assert isinstance(dl, Deadline)
    with pytest.raises(AttributeError):
        dl.date = d("2024-01-01")  # type: ignore[misc]

"""The schedule file format (YAML or JSON) and its errors: Chinese, naming the bad entry."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from xxgk.workdays import CalendarError, WorkCalendar, load_schedules, loads_schedules

# Test data in the documented format (not the official 2027 notice).
YAML = """\
# 2027 (test data)
2027:
  source: 测试数据
  holidays:
    元旦: [2027-01-01]
    春节: 2027-02-06..2027-02-12
    国庆节: [2027-10-01..2027-10-07]
  workdays:
    春节: [2027-02-13]
2028:
  holidays: [2028-01-01, "2028-01-02"]
  workdays: []
"""


def test_yaml_format_with_names_and_ranges():
    s = loads_schedules(YAML)
    assert sorted(s) == [2027, 2028]
    y = s[2027]
    assert y.source == "测试数据"
    assert y.holidays[date(2027, 2, 9)] == "春节"
    assert len(y.holidays) == 1 + 7 + 7
    assert y.workdays == {date(2027, 2, 13): "春节"}
    assert s[2028].holidays == {date(2028, 1, 1): "", date(2028, 1, 2): ""}


def test_a_file_loads_into_a_calendar(tmp_path):
    f = tmp_path / "holidays.yaml"
    f.write_text(YAML, encoding="utf-8")
    cal = WorkCalendar.from_file(f)
    assert cal.coverage(2027) == "loaded"
    assert cal.reason(date(2027, 10, 5)) == "国庆节"
    assert cal.reason(date(2027, 2, 13)) == "调休上班（春节）"
    assert cal.is_workday(date(2027, 2, 13))


def test_json_with_the_same_shape(tmp_path):
    f = tmp_path / "holidays.json"
    f.write_text(
        json.dumps({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-09"]}}),
        encoding="utf-8",
    )
    s = load_schedules(f)
    assert s[2027].holidays == {date(2027, 1, 1): ""}
    assert s[2027].workdays == {date(2027, 1, 9): ""}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027:\n  holidays: [2027-13-01]\n", "不是有效日期"),
        ("2027:\n  holidays: [2028-01-01]\n", "不在2027年内"),
        (
            "2027:\n  holidays: [2027-01-01]\n  workdays: [2027-01-01]\n",
            "既列为节假日又列为调休上班日",
        ),
        ("2027:\n  holiday: [2027-01-01]\n", "无法识别的项“holiday”"),
        ("27:\n  holidays: []\n", "不是年份"),
        ("- 2027-01-01\n", "映射"),
        ("2027: [\n", "不是有效的 YAML"),
        ('{"2027": ', "不是有效的 JSON"),
        ("   \n", "为空"),
        ("2027:\n  holidays: [2027-01-05..2027-01-01]\n", "结束早于开始"),
        ("2027:\n  holidays: [2027-01-01 10:00:00]\n", "不是有效日期"),
        ("2027:\n  holidays: [1]\n", "不是日期"),
    ],
)
def test_bad_schedules_are_refused_in_chinese(text, expected):
    with pytest.raises(CalendarError, match=expected):
        loads_schedules(text)


def test_unreadable_files(tmp_path):
    with pytest.raises(CalendarError, match="无法读取日历文件"):
        load_schedules(tmp_path / "missing.yaml")
    f = tmp_path / "gbk.yaml"
    f.write_bytes("2027:\n  source: 国务院\n".encode("gb18030"))
    with pytest.raises(CalendarError, match="不是 UTF-8"):
        load_schedules(f)


def test_the_constructor_validates_dicts_too():
    with pytest.raises(CalendarError, match="不在2027年内"):
        WorkCalendar({2027: {"holidays": ["2026-12-31"]}})
    with pytest.raises(CalendarError, match="带有时间"):
        WorkCalendar({2027: {"holidays": [datetime(2027, 1, 1, 10)]}})

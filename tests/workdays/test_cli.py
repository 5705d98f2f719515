"""`xxgk workdays due …` as a user runs it: the due date first, the steps, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

XXGK = Path(sys.executable).with_name("xxgk")


NO_DATABASE = tempfile.mkdtemp(prefix="xxgk-workdays-")  # an empty data directory


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command with no database configured: the pure core alone (tests/holidays tests it
    with one)."""
    drop = ("XXGK_DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["XXGK_DATA_DIR"] = NO_DATABASE
    cmd = [str(XXGK)] if XXGK.exists() else [sys.executable, "-m", "xxgk.cli"]
    return subprocess.run(
        [*cmd, "workdays", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_due_prints_the_date_first_then_the_steps():
    p = run("due", "2024-09-28")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "2024-10-30"
    assert lines[1].split() == ["2024-09-28", "起算日", "周末，当日不计入"]
    assert lines[2].split() == ["2024-09-29", "计入", "调休上班（国庆节），第1个工作日"]
    assert lines[4].split() == ["2024-10-01", "至", "2024-10-07", "跳过", "国庆节"]
    assert lines[-2].split() == [
        "2024-10-28",
        "至",
        "2024-10-30",
        "计入",
        "工作日，第18–20个工作日",
    ]
    assert lines[-1] == "日历：2024年按内置数据（chinese-calendar）"
    assert p.stderr == ""


def test_due_with_days_exclusion_and_reason():
    p = run(
        "due", "2024-11-04", "--days", "20", "--exclude", "2024-11-08:2024-11-12:征求第三方意见"
    )
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "2024-12-05"
    assert ["2024-11-08", "至", "2024-11-12", "扣除", "征求第三方意见"] in [
        ln.split() for ln in lines
    ]


def test_extension_and_count_start_day():
    assert run("due", "2024-09-28", "--days", "40").stdout.splitlines()[0] == "2024-11-27"
    p = run("due", "2024-10-08", "--count-start-day")
    assert p.stdout.splitlines()[0] == "2024-11-01"
    assert "当日计为第1个工作日" in p.stdout.splitlines()[1]


def test_assumed_year_warning_and_a_loaded_calendar(tmp_path):
    p = run("due", "2035-01-01", "--days", "5")
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    assert lines[0] == "2035-01-08"
    assert lines[-3] == "日历：2035年仅计入法定节假日（调休安排未知）"
    # 元旦's window (30 December to 3 January) may still take 01-02 and 01-03 off
    assert lines[-2] == "最迟：2035-01-10（调休若在近年惯例的范围内，安排公布后的期限不会晚于此日）"
    assert lines[-1] == (
        "警告：2035年的国务院节假日安排尚未载入：已按《全国年节及纪念日放假办法》计入法定节假日，"
        "但调休安排未知，期限可能变化；请在公布后载入"
    )
    f = tmp_path / "holidays.yaml"
    f.write_text("2035:\n  holidays:\n    测试: [2035-01-02]\n", encoding="utf-8")
    p = run("due", "2035-01-01", "--days", "5", "--calendar", str(f))
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[0] == "2035-01-09"
    assert p.stdout.splitlines()[-1] == f"日历：2035年按文件 {f} 中的安排"
    assert "警告" not in p.stdout


WARNING_2027 = (
    "警告：2027年的国务院节假日安排尚未载入：已按《全国年节及纪念日放假办法》计入法定节假日，"
    "但调休安排未知，期限可能变化；请在公布后载入"
)


def test_new_year_2027_is_a_statutory_holiday_before_the_notice_is_published():
    # Issue 11: weekends only gave 2027-01-28 (元旦, Friday 1 January, counted as a working day)
    p = run("due", "2026-12-31")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "2027-01-29"
    assert lines[2].split() == ["2027-01-01", "跳过", "元旦（法定节假日，调休安排未知）"]
    assert (
        "日历：2026年按内置数据（chinese-calendar）；2027年仅计入法定节假日（调休安排未知）"
        in lines
    )
    assert lines[-1] == WARNING_2027
    assert not any(line.startswith("最迟") for line in lines)  # no 调休 window in the way
    assert p.stderr == ""


def test_spring_festival_2027_is_counted_and_the_latest_date_is_shown():
    # Issue 11: weekends only gave 2027-03-01 (除夕 5 February and 初三 8 February counted)
    p = run("due", "2027-02-01")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "2027-03-03"
    assert ["2027-02-05", "跳过", "春节（除夕，法定节假日，调休安排未知）"] in [
        ln.split() for ln in lines
    ]
    assert ["2027-02-06", "至", "2027-02-08", "跳过", "春节（法定节假日，调休安排未知）"] in [
        ln.split() for ln in lines
    ]
    # 春节's window (two days before 初一 through 初八) takes 02-04 and 02-09..12 at most
    assert lines[-2].startswith("最迟：2027-03-10（")
    assert lines[-1] == WARNING_2027


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["due", "2024-13-01"], "不是有效日期"),
        (["due", "28/09/2024"], "不是有效日期"),
        (["due", "2024-09-28", "--days", "-3"], "不能为负数"),
        (["due", "2024-09-28", "--days", "twenty"], "不是整数"),
        (["due", "2024-09-28", "--exclude", "2024-10-20:2024-10-10"], "结束日期早于开始日期"),
        (["due", "2024-09-28", "--exclude", "2024-10-20"], "开始:结束"),
        (["due", "2024-09-28", "--exclude", "2024-10-10:someday"], "不是有效日期"),
        (["due", "2024-09-28", "--calendar", "/nonexistent/holidays.yaml"], "无法读取日历文件"),
        (["due"], "缺少参数"),
        ([], "缺少参数"),
        (["due", "2024-09-28", "--bogus"], "无法识别的参数"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(args, expected):
    p = run(*args)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert p.stdout == ""
    assert "Traceback" not in p.stderr
    lines = p.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), p.stderr
    assert expected in lines[0]


def test_bad_calendar_file_content(tmp_path):
    f = tmp_path / "holidays.yaml"
    f.write_text("2035:\n  holidays: [2036-01-01]\n", encoding="utf-8")
    p = run("due", "2035-01-01", "--calendar", str(f))
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "不在2035年内" in p.stderr


def test_in_process_main_returns_exit_codes(capsys):
    from xxgk.workdays.cli import main

    assert main(["due", "2024-10-03"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "2024-11-01"
    assert main(["due", "nope"]) == 2

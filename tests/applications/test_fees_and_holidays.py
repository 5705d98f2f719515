"""Fee arithmetic (国办函〔2020〕109号) and loading a year's holiday schedule from a file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from xxgk.applications.fees import per_item_fee, per_volume_fee
from xxgk.holidays.calendar import work_calendar
from xxgk.holidays.models import HolidaySchedule


@pytest.mark.parametrize(
    "n,fee", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)]
)
def test_per_item_tiers(n, fee):
    assert per_item_fee(n) == Decimal(fee)


@pytest.mark.parametrize(
    "pages,fee", [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)]
)
def test_per_volume_tiers(pages, fee):
    assert per_volume_fee(pages) == Decimal(fee)


def test_bad_fee_inputs():
    with pytest.raises(ValueError):
        per_item_fee(0)
    with pytest.raises(ValueError):
        per_volume_fee(-1)


@pytest.mark.django_db
def test_load_holidays_from_a_file(tmp_path, capsys):
    f = tmp_path / "2027.yaml"
    f.write_text(
        "2027:\n  source: 测试用安排\n  holidays: [2027-01-01, 2027-02-06..2027-02-12]\n  workdays: [2027-02-14]\n",
        "utf-8",
    )
    call_command("load_holidays", str(f))
    assert "2027年：放假 8 天，调休上班 1 天" in capsys.readouterr().out
    row = HolidaySchedule.objects.get(year=2027)
    assert "2027-02-06" in row.holidays
    cal = work_calendar()
    assert cal.coverage(2027) == "loaded"
    assert not cal.is_workday(dt.date(2027, 2, 8)) and cal.is_workday(dt.date(2027, 2, 14))
    call_command("load_holidays", str(f))  # again: updates, no duplicate
    assert HolidaySchedule.objects.filter(year=2027).count() == 1


@pytest.mark.django_db
def test_a_bad_file_is_a_clear_error(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("2027:\n  holidays: [2028-01-01]\n", "utf-8")
    with pytest.raises(CommandError):
        call_command("load_holidays", str(f))

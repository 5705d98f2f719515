"""`schedule_changed`: sent once per change of the loaded schedules, after the commit, with the
years changed — by the services, the `xxgk load_holidays` command and the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from xxgk.holidays import services
from xxgk.holidays.calendar import loaded_schedules, work_calendar
from xxgk.holidays.models import HolidaySchedule
from xxgk.holidays.signals import schedule_changed
from xxgk.workdays import YearSchedule

pytestmark = pytest.mark.django_db

# Test data, not an official notice.
TEST_2027 = YearSchedule(
    2027,
    holidays=dict.fromkeys([dt.date(2027, 1, 1), dt.date(2027, 2, 5), dt.date(2027, 2, 9)], ""),
    workdays={dt.date(2027, 2, 14): ""},
    source="测试用安排",
)


@pytest.fixture
def sent():
    calls: list[tuple[type, frozenset[int]]] = []

    def receiver(sender, years, **kwargs):
        calls.append((sender, years))

    schedule_changed.connect(receiver)
    yield calls
    schedule_changed.disconnect(receiver)


def test_loading_a_year_sends_its_year_once_after_the_commit(
    sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = services.load_schedule(2027, TEST_2027)
        assert sent == []  # not before the commit
    assert len(callbacks) == 1
    assert sent == [(HolidaySchedule, frozenset({2027}))]
    assert row.source == "测试用安排" and "2027-02-09" in row.holidays
    assert loaded_schedules()[2027].holidays.keys() == TEST_2027.holidays.keys()
    assert loaded_schedules()[2027].source == "测试用安排"
    # replacing it is a change too
    with django_capture_on_commit_callbacks(execute=True):
        services.load_schedule(2027, YearSchedule(2027, {dt.date(2027, 1, 1): ""}))
    assert sent[1:] == [(HolidaySchedule, frozenset({2027}))]
    assert HolidaySchedule.objects.get().holidays == "2027-01-01"


def test_nothing_is_sent_when_the_transaction_rolls_back(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.load_schedule(2027, TEST_2027)
            raise RuntimeError("rolled back")
    assert sent == [] and not HolidaySchedule.objects.exists()


def test_loading_several_years_sends_them_together(sent, django_capture_on_commit_callbacks):
    test_2028 = YearSchedule(2028, holidays={dt.date(2028, 1, 1): ""})
    with django_capture_on_commit_callbacks(execute=True):
        services.load_schedules({2027: TEST_2027, 2028: test_2028})
    assert sent == [(HolidaySchedule, frozenset({2027, 2028}))]


def test_deleting_sends_the_years_that_had_a_schedule(sent, django_capture_on_commit_callbacks):
    services.load_schedule(2027, TEST_2027)  # outside the capture: its signal is not run
    with django_capture_on_commit_callbacks(execute=True):
        assert services.delete_schedule(2027) is True
        assert services.delete_schedule(2031) is False  # none: nothing changed, nothing sent
    assert sent == [(HolidaySchedule, frozenset({2027}))]
    assert not HolidaySchedule.objects.exists()
    assert work_calendar().coverage(2027) == "assumed"


def test_the_load_holidays_command_sends_one_signal_for_the_file(
    tmp_path, sent, django_capture_on_commit_callbacks, capsys
):
    f = tmp_path / "holidays.yaml"
    f.write_text(
        "2027:\n  holidays: [2027-01-01]\n2028:\n  holidays: [2028-01-01]\n", encoding="utf-8"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_holidays", str(f))
    assert sent == [(HolidaySchedule, frozenset({2027, 2028}))]
    assert "2028年：放假 1 天" in capsys.readouterr().out
    f.write_text("2029:\n  holidays: [2030-01-01]\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError):
        call_command("load_holidays", str(f))
    assert len(sent) == 1


def test_the_admin_saves_and_deletes_through_the_services(
    admin_client, sent, django_capture_on_commit_callbacks
):
    form = {
        "year": "2027",
        "holidays": "2027-01-01\n2027-02-05~2027-02-08",
        "workdays": "",
        "source": "测试用安排",
    }
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post("/admin/holidays/holidayschedule/add/", form)
    assert r.status_code == 302, r.content.decode()[:2000]
    row = HolidaySchedule.objects.get(year=2027)
    assert sent == [(HolidaySchedule, frozenset({2027}))]
    assert work_calendar().reason(dt.date(2027, 2, 8)) == "法定节假日"

    # the year of a stored schedule is not editable: the form changes its dates only
    page = admin_client.get(f"/admin/holidays/holidayschedule/{row.pk}/change/")
    assert 'name="year"' not in page.content.decode()
    form = {"holidays": "2027-01-01\n2027-02-05~2027-02-12", "workdays": "2027-02-14"}
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(f"/admin/holidays/holidayschedule/{row.pk}/change/", form)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert sent[1:] == [(HolidaySchedule, frozenset({2027}))]
    assert HolidaySchedule.objects.get(pk=row.pk).workdays == "2027-02-14"
    assert work_calendar().is_workday(dt.date(2027, 2, 14))

    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(f"/admin/holidays/holidayschedule/{row.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302
    assert sent[2:] == [(HolidaySchedule, frozenset({2027}))]
    assert not HolidaySchedule.objects.exists()


def test_the_admin_s_bulk_delete_sends_one_signal(
    admin_client, sent, django_capture_on_commit_callbacks
):
    rows = [
        services.load_schedule(year, YearSchedule(year, {dt.date(year, 1, 1): ""}))
        for year in (2027, 2028, 2029)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(
            "/admin/holidays/holidayschedule/",
            {
                "action": "delete_selected",
                "_selected_action": [rows[0].pk, rows[1].pk],
                "post": "yes",
            },
        )
    assert r.status_code == 302
    assert sent == [(HolidaySchedule, frozenset({2027, 2028}))]
    assert list(HolidaySchedule.objects.values_list("year", flat=True)) == [2029]

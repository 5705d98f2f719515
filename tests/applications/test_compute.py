"""`xxgk report compute`: the report JSON from the records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from xxgk.annual import loads
from xxgk.annual.checks import run_checks
from xxgk.annual.model import Level
from xxgk.applications import services
from xxgk.applications.grounds import Ground

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    gov = factories.agency(code="city", name="示范市人民政府")
    a = factories.agency(code="dept-a", name="示范市甲局", parent=gov)
    b = factories.agency(code="dept-b", name="示范市乙局", parent=gov)
    for agency, n in ((a, 3), (b, 2)):
        handler = factories.user(agency)
        for i in range(n):
            app = factories.received(
                agency, handler, dt.date(2024, 12, 2 + i), applicant_type="legal_commercial"
            )
            if i:
                services.decide(
                    app,
                    on=dt.date(2024, 12, 20),
                    ground=Ground.ART36_2_CAN_BE_DISCLOSED,
                    legal_basis="第三十六条",
                    actor=handler,
                )
    return gov, a, b


def compute(capsys, *args) -> str:
    call_command("report", "compute", *args)
    return capsys.readouterr().out


def test_compute_one_agency(city, capsys):
    out = compute(capsys, "--agency", "dept-a", "--year", "2024")
    report = loads(out)
    assert report.agency == "示范市甲局" and report.year == 2024
    assert report.t3["new_received"]["legal_commercial"] == 3
    assert report.t3["granted"]["total"] == 2 and report.t3["carried_forward"]["total"] == 1
    assert report.t2["art20_1.regulations"] == {
        "issued": 0,
        "repealed": 0,
        "in_force": 0,
    }  # from the catalog
    assert (
        report.t2["art20_5.admin_licensing"]["decisions"] is None
    )  # no figures entered: blank, not 0
    assert set(report.t4["cases"].values()) == {0}  # the register is empty: zeros, computed
    assert not [f for f in run_checks(report) if f.level == Level.ERROR]


def test_compute_v2019_layout(city, capsys):
    report = loads(compute(capsys, "--agency", "dept-a", "--year", "2024", "--template", "v2019"))
    assert report.layout.t3 == "v2019" and "other" in report.t3


def test_aggregate_sums_the_subordinate_agencies(city, capsys):
    report = loads(compute(capsys, "--agency", "city", "--year", "2024", "--aggregate"))
    assert report.t3["new_received"]["total"] == 5
    assert (
        json.loads(compute(capsys, "--agency", "city", "--year", "2024", "--aggregate"))["scope"]
        == "aggregate"
    )


def test_without_agency_one_line_per_agency_with_records(city, capsys):
    lines = compute(capsys, "--year", "2024").strip().splitlines()
    assert [json.loads(line)["agency"] for line in lines] == ["示范市甲局", "示范市乙局"]


def test_unknown_agency_is_a_clear_error(city):
    with pytest.raises(CommandError, match="没有代码为 nope 的机关"):
        call_command("report", "compute", "--agency", "nope", "--year", "2024")

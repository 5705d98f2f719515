"""The review and litigation register and table 四 across years."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied

from tests.applications import factories
from xxgk.annual.checks import run_checks
from xxgk.annual.model import Layout, Level, empty_report
from xxgk.disputes import services
from xxgk.disputes.queries import table4_counts

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def office():
    agency = factories.agency()
    return agency, factories.user(agency)


def test_table_four_counts_concluded_by_result_and_open_as_pending(office):
    agency, handler = office
    r1 = services.register_case(
        agency, kind="review", body="示范市人民政府", filed_on=D(2023, 11, 1), actor=handler
    )
    r2 = services.register_case(
        agency, kind="review", body="示范市人民政府", filed_on=D(2024, 3, 1), actor=handler
    )
    services.register_case(
        agency, kind="lit_direct", body="示范区人民法院", filed_on=D(2024, 5, 1), actor=handler
    )
    l2 = services.register_case(
        agency,
        kind="lit_after_review",
        body="示范市中级人民法院",
        filed_on=D(2024, 6, 1),
        actor=handler,
    )
    services.record_result(r1, result="maintained", on=D(2024, 1, 20), actor=handler)
    services.record_result(r2, result="corrected", on=D(2024, 6, 1), actor=handler)
    services.record_result(l2, result="other", on=D(2025, 2, 1), actor=handler)
    y2023 = table4_counts([agency.pk], 2023)["cases"]
    assert y2023["review_pending"] == 1 and y2023["review_total"] == 1
    y2024 = table4_counts([agency.pk], 2024)["cases"]
    assert (y2024["review_maintained"], y2024["review_corrected"], y2024["review_total"]) == (
        1,
        1,
        2,
    )
    assert (y2024["lit_direct_pending"], y2024["lit_after_review_pending"]) == (1, 1)
    assert y2024["lit_after_review_total"] == 1
    y2025 = table4_counts([agency.pk], 2025)["cases"]
    assert y2025["lit_after_review_other"] == 1 and y2025["lit_direct_pending"] == 1
    for year in (2023, 2024, 2025):
        report = replace(empty_report(Layout(), fill=0), t4=table4_counts([agency.pk], year))
        errors = [
            f for f in run_checks(report) if f.level == Level.ERROR and f.check_id.startswith("T4")
        ]
        assert errors == []


def test_refusals(office):
    agency, handler = office
    other = factories.user(factories.agency())
    with pytest.raises(PermissionDenied):
        services.register_case(agency, kind="review", body="x", filed_on=D(2024, 1, 1), actor=other)
    case = services.register_case(
        agency, kind="review", body="x", filed_on=D(2024, 1, 1), actor=handler
    )
    with pytest.raises(services.ActionRefused, match="早于"):
        services.record_result(case, result="maintained", on=D(2023, 12, 1), actor=handler)
    services.record_result(case, result="maintained", on=D(2024, 2, 1), actor=handler)
    with pytest.raises(services.ActionRefused, match="已登记"):
        services.record_result(case, result="corrected", on=D(2024, 3, 1), actor=handler)
    with pytest.raises(services.ActionRefused):
        services.register_case(
            agency, kind="appeal", body="x", filed_on=D(2024, 1, 1), actor=handler
        )

"""The annual report's life: draft from the records, edit, approve (locks), publish (errors need
a recorded reason), correct as a new version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tests.applications import factories
from xxgk.applications import services as apps
from xxgk.applications.grounds import Ground
from xxgk.reports import queries, services
from xxgk.reports.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    agency = factories.agency(code="sfj", name="示范市司法局")
    handler, head = factories.user(agency), factories.user(agency, role="head")
    for day in (3, 4, 5):
        app = factories.received(agency, handler, dt.date(2024, 6, day))
        if day != 5:
            apps.decide(
                app,
                on=dt.date(2024, 6, 20),
                ground=Ground.ART36_2_CAN_BE_DISCLOSED,
                legal_basis="第三十六条",
                actor=handler,
            )
    return agency, handler, head


def test_draft_is_computed_and_prefilled(office):
    agency, handler, _ = office
    report = services.create_draft(agency, year=2024, actor=handler)
    assert (
        report.data["t3"]["new_received"]["total"] == 3
        and report.data["t3"]["carried_forward"]["total"] == 1
    )
    assert "收到政府信息公开申请3件" in report.sections["applications"]
    assert "予以公开2件" in report.sections["overview"]
    errors = [f for f in queries.findings(report) if f.level == "error"]
    assert errors == []  # the text agrees with the tables; the tables balance
    with pytest.raises(services.ActionRefused, match="已存在"):
        services.create_draft(agency, year=2024, actor=handler)
    with pytest.raises(services.ActionRefused, match="已结束"):
        services.create_draft(agency, year=dt.date.today().year, actor=handler)


def test_approval_locks_and_needs_the_head(office):
    agency, handler, head = office
    report = services.create_draft(agency, year=2024, actor=handler)
    with pytest.raises(PermissionDenied):
        services.approve(report, actor=handler)
    services.approve(report, actor=head)
    with pytest.raises(services.ActionRefused, match="锁定"):
        services.refresh_draft(report, actor=handler)
    with pytest.raises(services.ActionRefused):
        services.edit_sections(report, sections={"problems": "x"}, actor=handler)


def test_publish_and_correct_as_a_new_version(office):
    agency, handler, head = office
    report = services.create_draft(agency, year=2024, actor=handler)
    services.edit_sections(report, sections={"problems": "一是……二是……"}, actor=handler)
    services.approve(report, actor=head)
    services.publish(report, actor=head)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.PUBLISHED and report.versions.count() == 1
    services.reopen_for_correction(report, note="更正表二数据", actor=head)
    report.refresh_from_db()
    assert report.status == "draft" and report.version == 2
    assert queries.published_version(report).number == 1  # the public still sees version 1
    services.approve(report, actor=head)
    services.publish(report, actor=head)
    assert [v.number for v in report.versions.all()] == [1, 2]
    assert report.versions.last().note == "更正表二数据"


def test_errors_need_a_recorded_reason_to_publish(office):
    agency, handler, head = office
    report = services.create_draft(agency, year=2024, actor=handler)
    data = report.data
    data["t3"]["new_received"]["total"] = 9  # an inconsistent table (e.g. an import)
    AnnualReport.objects.filter(pk=report.pk).update(data=data)
    report.refresh_from_db()
    services.approve(report, actor=head)
    with pytest.raises(services.ActionRefused, match="错误"):
        services.publish(report, actor=head)
    services.publish(report, actor=head, override_reason="原始台账如此，已报主管部门")
    report.refresh_from_db()
    assert report.override_reason.startswith("原始台账")


def test_deadlines():
    dept = factories.agency(kind="department")
    gov = factories.agency(kind="government")
    assert queries.deadline(dept, 2025) == dt.date(2026, 1, 31)
    assert queries.deadline(gov, 2025) == dt.date(2026, 3, 31)


def test_prompts_left_in_the_text_are_a_warning(office):
    agency, handler, _ = office
    report = services.create_draft(agency, year=2024, actor=handler)
    prompts = [f for f in queries.findings(report) if f.check_id == "TEXT_PROMPT_LEFT"]
    assert {f.level for f in prompts} == {"warning"} and len(
        prompts
    ) == 2  # 总体情况, 存在的主要问题
    report = services.edit_sections(
        report, sections={"problems": "一是栏目更新不及时。"}, actor=handler
    )
    assert len([f for f in queries.findings(report) if f.check_id == "TEXT_PROMPT_LEFT"]) == 1


def test_section_six_states_the_fees_actually_collected(office):
    """Regression: section 六 said 未收取 when fees had been paid (it looked at cases closed for
    non-payment, not at money)."""
    agency, handler, _ = office
    paid = factories.received(agency, handler, dt.date(2024, 7, 1))
    apps.issue_fee_notice(
        paid, on=dt.date(2024, 7, 3), method="per_volume", pages=160, actor=handler
    )
    apps.record_payment(paid, on=dt.date(2024, 7, 8), actor=handler)
    unpaid = factories.received(agency, handler, dt.date(2024, 7, 1))
    apps.issue_fee_notice(
        unpaid, on=dt.date(2024, 7, 3), method="per_volume", pages=40, actor=handler
    )
    report = services.create_draft(agency, year=2024, actor=handler)
    text = report.sections["other_matters"]
    assert "对1件政府信息公开申请收取信息处理费，共计1900.00元" in text and "未收取" not in text
    other = factories.agency(code="mzj", name="示范市民政局")
    nothing = services.create_draft(other, year=2024, actor=factories.user(other))
    assert nothing.sections["other_matters"] == "2024年，示范市民政局未收取信息处理费。"


def test_a_draft_warns_about_applications_never_confirmed(office):
    agency, handler, _ = office
    apps.receive(
        agency,
        applicant=factories.applicant(),
        channel="online",
        submitted_at=dt.datetime(2024, 12, 30, 9, tzinfo=dt.UTC),
    )
    report = services.create_draft(agency, year=2024, actor=handler)
    (warning,) = [f for f in queries.findings(report) if f.check_id == "APPLICATIONS_UNCONFIRMED"]
    assert warning.level == "warning" and "1件" in warning.message

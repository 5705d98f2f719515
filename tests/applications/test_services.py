"""The services: each state change checks who, when and in which state; the clock follows the
events (art. 30 restart, arts. 32/34 exclusions, art. 33 extension cap)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from xxgk.applications import services
from xxgk.applications.casefile import case_clock
from xxgk.applications.grounds import Ground
from xxgk.applications.models import Event, Status
from xxgk.holidays.models import HolidaySchedule

from . import factories

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def office():
    agency = factories.agency(code="sfj", name="示范市司法局")
    return agency, factories.user(agency), factories.user(agency, role="head")


def kinds(app):
    return [e.kind for e in app.events.all()]


def test_in_person_is_received_on_arrival_and_due_in_20_working_days(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 9, 27))
    assert app.status == Status.IN_PROGRESS and app.receipt_date == D(2024, 9, 27)
    # 9-29 (Sunday) is a 调休 working day; National Day 10-1..10-7 is skipped
    assert app.due_date == D(2024, 10, 30)
    assert kinds(app) == [Event.Kind.RECEIVED]


def test_online_waits_for_confirmation(office):
    agency, handler, _ = office
    app = services.receive(
        agency,
        applicant=factories.applicant(),
        channel="online",
        submitted_at=dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC),
    )
    assert app.status == Status.SUBMITTED and app.receipt_date is None and app.due_date is None
    services.confirm_receipt(app, on=D(2024, 3, 4), actor=handler)
    app.refresh_from_db()
    assert app.receipt_date == D(2024, 3, 4) and app.due_date == D(2024, 4, 1)


def test_only_online_without_an_actor(office):
    agency, _, _ = office
    with pytest.raises(PermissionDenied):
        services.receive(agency, applicant=factories.applicant(), channel="in_person")


def test_correction_stops_the_clock_and_restarts_it_on_receipt(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    services.request_correction(app, on=D(2024, 3, 5), items="请写明文件名称", actor=handler)
    app.refresh_from_db()
    assert app.status == Status.AWAITING_CORRECTION and app.due_date is None
    assert app.correction_due == D(2024, 3, 26)  # 15 working days (setting)
    services.receive_correction(app, on=D(2024, 3, 20), actor=handler)
    app.refresh_from_db()
    assert app.due_date == D(2024, 4, 18)  # 20 working days from 3-20; Qingming 4-4..4-6 skipped


def test_a_second_correction_is_refused(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    services.request_correction(app, on=D(2024, 3, 5), items="请写明文件名称", actor=handler)
    services.receive_correction(app, on=D(2024, 3, 8), actor=handler)
    with pytest.raises(services.ActionRefused, match="一次性"):
        services.request_correction(app, on=D(2024, 3, 11), items="再补充", actor=handler)


def test_correction_notice_after_seven_working_days_is_refused(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    with pytest.raises(services.ActionRefused, match="7个工作日"):
        services.request_correction(app, on=D(2024, 3, 13), items="x", actor=handler)


def test_no_correction_in_time_closes_as_other_processing(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    services.request_correction(app, on=D(2024, 3, 4), items="x", actor=handler)
    app.refresh_from_db()
    with pytest.raises(services.ActionRefused, match="期限届满后"):
        services.close_no_correction(app, on=app.correction_due, actor=handler)
    with pytest.raises(services.ActionRefused, match="届满"):
        services.receive_correction(
            app, on=app.correction_due + dt.timedelta(days=3), actor=handler
        )
    services.close_no_correction(app, on=app.correction_due + dt.timedelta(days=1), actor=handler)
    app.refresh_from_db()
    assert app.status == Status.CONCLUDED and app.ground == Ground.ART30_NO_CORRECTION


def test_consultation_time_is_excluded(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    before = app.due_date
    services.start_consultation(
        app, on=D(2024, 3, 11), party="某公司", kind="third_party", actor=handler
    )
    services.end_consultation(app, on=D(2024, 3, 15), outcome="不同意", actor=handler)
    app.refresh_from_db()
    assert before == D(2024, 3, 29)
    assert app.due_date == D(2024, 4, 8)  # five working days not counted; Qingming skipped


def test_extension_needs_the_office_head_and_is_capped_at_20(office):
    agency, handler, head = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    with pytest.raises(services.ActionRefused, match="负责人同意"):
        services.extend(
            app, on=D(2024, 3, 20), days=10, reason="检索量大", approved_by=handler, actor=handler
        )
    with pytest.raises(services.ActionRefused, match="20个工作日"):
        services.extend(
            app, on=D(2024, 3, 20), days=21, reason="检索量大", approved_by=head, actor=handler
        )
    services.extend(
        app, on=D(2024, 3, 20), days=15, reason="检索量大", approved_by=head, actor=handler
    )
    with pytest.raises(services.ActionRefused, match="已延长 15"):
        services.extend(
            app, on=D(2024, 3, 21), days=6, reason="再延", approved_by=head, actor=handler
        )
    services.extend(app, on=D(2024, 3, 21), days=5, reason="再延", approved_by=head, actor=handler)
    app.refresh_from_db()
    assert app.due_date == D(2024, 4, 28)  # 40 working days: 4-7 and 4-28 are 调休 Sundays


def test_deciding_a_withdrawn_case_is_refused(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    services.withdraw(app, on=D(2024, 3, 4), reason="申请人书面撤回", actor=handler)
    with pytest.raises(services.ActionRefused, match="已办结"):
        services.decide(
            app,
            on=D(2024, 3, 5),
            ground=Ground.ART36_2_CAN_BE_DISCLOSED,
            legal_basis="x",
            actor=handler,
        )


def test_partial_disclosure_needs_the_withheld_parts(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    with pytest.raises(services.ActionRefused, match="不予公开的部分"):
        services.decide(
            app,
            on=D(2024, 3, 5),
            ground=Ground.ART37_PARTIAL_DISCLOSURE,
            legal_basis="第三十七条",
            actor=handler,
        )
    with pytest.raises(services.ActionRefused, match="理由"):
        services.decide(
            app,
            on=D(2024, 3, 5),
            ground=Ground.ART37_PARTIAL_DISCLOSURE,
            legal_basis="第三十七条",
            withheld=[{"part": "附件二", "ground": "art36_2_can_be_disclosed"}],
            actor=handler,
        )
    d = services.decide(
        app,
        on=D(2024, 3, 5),
        ground=Ground.ART37_PARTIAL_DISCLOSURE,
        legal_basis="第三十七条",
        withheld=[{"part": "附件二", "ground": Ground.ART15_THIRD_PARTY}],
        actor=handler,
    )
    assert d.reply_type == 2


def test_procedural_grounds_cannot_be_chosen_as_decisions(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    with pytest.raises(services.ActionRefused):
        services.decide(
            app, on=D(2024, 3, 5), ground=Ground.FEE_NOT_PAID, legal_basis="x", actor=handler
        )


def test_another_agencys_staff_cannot_act(office):
    agency, handler, _ = office
    other = factories.user(factories.agency())
    app = factories.received(agency, handler, D(2024, 3, 1))
    with pytest.raises(PermissionDenied):
        services.decide(
            app,
            on=D(2024, 3, 5),
            ground=Ground.ART36_2_CAN_BE_DISCLOSED,
            legal_basis="x",
            actor=other,
        )


def test_fee_notice_per_volume_and_the_payment_period_excluded(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    notice = services.issue_fee_notice(
        app, on=D(2024, 3, 4), method="per_volume", pages=120, actor=handler
    )
    assert notice.amount == 10 * 70 + 20 * 20
    services.record_payment(app, on=D(2024, 3, 8), actor=handler)
    app.refresh_from_db()
    assert app.status == Status.IN_PROGRESS and app.due_date == D(
        2024, 4, 8
    )  # 3-4..3-8 not counted; 4-7 worked


def test_per_item_fee_counts_the_applicants_applications_in_the_month(office):
    agency, handler, _ = office
    apps = [factories.received(agency, handler, D(2024, 5, 6)) for _ in range(11)]
    with pytest.raises(services.ActionRefused, match="无需收费"):
        services.issue_fee_notice(apps[9], on=D(2024, 5, 7), method="per_item", actor=handler)
    notice = services.issue_fee_notice(apps[10], on=D(2024, 5, 7), method="per_item", actor=handler)
    assert notice.units == 11 and notice.amount == 100


def test_a_december_case_runs_into_an_unscheduled_year_with_a_warning(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 12, 15))
    state = case_clock(app, D(2026, 12, 15))
    assert state.deadline.date.year == 2027
    assert any("2027" in w for w in state.deadline.warnings)
    HolidaySchedule.objects.create(year=2027, holidays="2027-01-01~2027-01-03", workdays="")
    state = case_clock(app, D(2026, 12, 15))
    assert not any("2027" in w for w in state.deadline.warnings)


def test_every_change_is_recorded_with_who_and_when(office):
    agency, handler, head = office
    app = factories.received(agency, handler, D(2024, 3, 1))
    services.extend(
        app, on=D(2024, 3, 5), days=5, reason="检索量大", approved_by=head, actor=handler
    )
    services.decide(
        app,
        on=D(2024, 3, 6),
        ground=Ground.ART36_2_CAN_BE_DISCLOSED,
        legal_basis="第三十六条",
        actor=handler,
    )
    events = list(app.events.all())
    assert [e.kind for e in events] == [
        Event.Kind.RECEIVED,
        Event.Kind.EXTENDED,
        Event.Kind.DECIDED,
    ]
    assert all(e.actor == handler and e.at for e in events)
    assert events[1].data["approved_by"] == head.username

"""Grounds checked against the steps that must come before them, and withholding replies that
an agency has its office head approve (issue 11, point 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from xxgk.applications import services
from xxgk.applications.grounds import Ground
from xxgk.applications.models import Application, Event, Status

from . import factories

pytestmark = pytest.mark.django_db
D = dt.date
RECEIVED = D(2026, 3, 2)


@pytest.fixture
def office():
    agency = factories.agency(code="sfj", name="示范市司法局")
    return agency, factories.user(agency), factories.user(agency, role="head")


def decide(app, actor, ground, **kw):
    return services.decide(
        app, on=D(2026, 3, 20), ground=ground, legal_basis="《条例》", actor=actor, **kw
    )


def test_still_unclear_after_correction_needs_a_correction(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    with pytest.raises(services.ActionRefused, match="须先告知补正并收到补正"):
        decide(app, handler, Ground.ART30_UNCLEAR)
    services.request_correction(app, on=D(2026, 3, 4), items="请写明文件名称", actor=handler)
    services.receive_correction(app, on=D(2026, 3, 9), actor=handler)
    decide(Application.objects.get(pk=app.pk), handler, Ground.ART30_UNCLEAR)


def test_excessive_requests_need_the_reasons_asked_first(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    with pytest.raises(services.ActionRefused, match="须先要求申请人说明理由"):
        decide(app, handler, Ground.ART35_EXCESSIVE)
    services.request_reasons(app, on=D(2026, 3, 5), items="半年内申请320件", actor=handler)
    decide(Application.objects.get(pk=app.pk), handler, Ground.ART35_EXCESSIVE)
    assert Application.objects.get(pk=app.pk).ground == Ground.ART35_EXCESSIVE


def test_a_reasonable_period_moves_the_deadline_to_the_day_set(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    with pytest.raises(services.ActionRefused, match="须先要求申请人说明理由"):
        services.set_reasonable_period(
            app, on=D(2026, 3, 10), until=D(2026, 5, 29), reason="数量大", actor=handler
        )
    services.request_reasons(app, on=D(2026, 3, 5), items="半年内申请320件", actor=handler)
    services.set_reasonable_period(
        app, on=D(2026, 3, 10), until=D(2026, 5, 29), reason="理由合理，需逐件检索", actor=handler
    )
    assert Application.objects.get(pk=app.pk).due_date == D(2026, 5, 29)


def test_a_duplicate_names_the_earlier_answered_application(office):
    agency, handler, _ = office
    first = factories.received(agency, handler, D(2026, 2, 2))
    app = factories.received(agency, handler, RECEIVED)
    with pytest.raises(services.ActionRefused, match="查询码"):
        decide(app, handler, Ground.ART36_6_DUPLICATE)
    with pytest.raises(services.ActionRefused, match="已作出答复的另一件申请"):
        decide(app, handler, Ground.ART36_6_DUPLICATE, earlier=first)  # not answered yet
    services.decide(
        first, on=D(2026, 2, 20), ground=Ground.ART36_2_CAN_BE_DISCLOSED, legal_basis="第三十六条",
        actor=handler,
    )  # fmt: skip
    decision = decide(
        Application.objects.get(pk=app.pk), handler, Ground.ART36_6_DUPLICATE, earlier=first
    )
    assert decision.earlier == first


def test_a_withholding_reply_waits_for_the_head_where_the_agency_says_so(office):
    agency, handler, head = office
    agency.withholding_needs_approval = True
    agency.save()
    app = factories.received(agency, handler, RECEIVED)
    decide(app, handler, Ground.ART15_THIRD_PARTY)
    app = Application.objects.get(pk=app.pk)
    assert app.status == Status.AWAITING_APPROVAL and app.concluded_on is None
    with pytest.raises(PermissionDenied):
        services.approve_decision(app, on=D(2026, 3, 23), actor=handler)
    services.return_decision(app, on=D(2026, 3, 23), reason="请补充第三方意见", actor=head)
    app = Application.objects.get(pk=app.pk)
    assert app.status == Status.IN_PROGRESS and not hasattr(app, "decision")
    services.decide(
        app, on=D(2026, 3, 24), ground=Ground.ART15_THIRD_PARTY, legal_basis="第十五条",
        actor=handler,
    )  # fmt: skip
    services.approve_decision(Application.objects.get(pk=app.pk), on=D(2026, 3, 25), actor=head)
    app = Application.objects.get(pk=app.pk)
    assert app.status == Status.CONCLUDED and app.concluded_on == D(2026, 3, 25)
    assert app.decision.approved_by == head and app.decision.decided_on == D(2026, 3, 25)
    kinds = [e.kind for e in app.events.all()]
    assert kinds[-4:] == [
        Event.Kind.DECISION_PROPOSED,
        Event.Kind.DECISION_RETURNED,
        Event.Kind.DECISION_PROPOSED,
        Event.Kind.DECIDED,
    ]


def test_a_disclosure_needs_no_approval_and_the_head_decides_alone(office):
    agency, handler, head = office
    agency.withholding_needs_approval = True
    agency.save()
    granted = factories.received(agency, handler, RECEIVED)
    decide(granted, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    assert Application.objects.get(pk=granted.pk).status == Status.CONCLUDED
    refused = factories.received(agency, handler, RECEIVED)
    decision = decide(refused, head, Ground.ART14_STATE_SECRET)
    assert decision.approved_by == head
    assert Application.objects.get(pk=refused.pk).status == Status.CONCLUDED

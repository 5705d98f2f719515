"""One clock, derived (issue 11): every view shows the deadline that the events and today's
calendar give, never a stored date; a consultation pauses the clock only for the consulted
party's 15 working days (arts. 32, 34); the stored due date is an index kept fresh."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import lxml.html
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.applications import deadlines, exports, reminders, services
from xxgk.applications import views as app_views
from xxgk.applications.grounds import Ground
from xxgk.applications.models import Application, Event
from xxgk.applications.queries import fees_collected
from xxgk.holidays import services as holidays
from xxgk.holidays.calendar import work_calendar
from xxgk.workdays import WorkCalendar
from xxgk.workdays.calendar import YearSchedule

from . import factories

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def office():
    agency = factories.agency(code="sfj", name="示范市司法局")
    handler = factories.user(agency, username="handler")
    handler.email = "handler@example.invalid"
    handler.save()
    head = factories.user(agency, role="head", username="head")
    head.email = "head@example.invalid"
    head.save()
    return agency, handler, head


def shown(client: Client, app: Application, day: dt.date) -> tuple[str, str]:
    """The deadline cell of the work list and the deadline facts of the case page on `day`."""
    with mock.patch.object(app_views, "_today", return_value=day):
        listed = lxml.html.fromstring(client.get("/staff/applications/").content)
        page = lxml.html.fromstring(client.get(f"/staff/applications/{app.pk}/").content)
    row = listed.xpath(f"//tbody/tr[th/a='{app.tracking_code}']")[0]
    return (
        " ".join(row.xpath("string(./td[last()])").split()),
        " ".join(page.xpath("string(//section[@aria-labelledby='h-clock']//dl)").split()),
    )


def test_a_case_in_consultation_is_not_overdue_on_the_work_list(client, office):
    """Regression: the work list read the due date stored when the consultation began and
    showed 已逾期 while the case page showed the live deadline."""
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 11, 2))
    services.start_consultation(
        app, on=D(2026, 11, 20), party="示范公司", kind="third_party", actor=handler
    )
    client.force_login(handler)
    day = D(2026, 12, 9)  # the party's 15 working days run to 2026-12-11
    standing = deadlines.standing(Application.objects.get(pk=app.pk), day)
    assert standing.urgency == "paused" and not standing.late
    listed, page = shown(client, app, day)
    assert "已逾期" not in listed and "暂停计时" in listed
    assert standing.due.isoformat() in listed and standing.due.isoformat() in page


def test_the_pause_ends_with_the_partys_fifteen_working_days_and_its_late_reply_is_flagged(
    client, office
):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 3, 2))
    services.start_consultation(
        app, on=D(2026, 3, 10), party="示范公司", kind="third_party", actor=handler
    )
    limit = work_calendar().add_workdays(D(2026, 3, 10), 15)
    app = Application.objects.get(pk=app.pk)
    on_limit = deadlines.standing(app, limit)
    later = deadlines.standing(app, D(2026, 5, 12))
    # the excluded period stops at the limit: the deadline no longer moves after it
    assert on_limit.due == later.due == deadlines.standing(app, D(2026, 6, 1)).due
    assert later.state.excluded == ((D(2026, 3, 10), limit, "征求第三方或其他机关意见"),)
    assert not on_limit.reply_overdue and later.reply_overdue and later.needs_attention
    client.force_login(handler)
    listed, page = shown(client, app, D(2026, 4, 10))
    assert "征求意见对象逾期未答复" in listed and "征求意见对象逾期未答复" in page


def test_the_partys_days_run_from_its_receipt_of_the_request(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 3, 2))
    services.start_consultation(
        app, on=D(2026, 3, 10), party="示范公司", kind="third_party", actor=handler
    )
    services.record_consultation_receipt(app, on=D(2026, 3, 13), actor=handler)
    app = Application.objects.get(pk=app.pk)
    assert deadlines.standing(app, D(2026, 3, 20)).state.reply_by == (
        work_calendar().add_workdays(D(2026, 3, 13), 15)
    )
    with pytest.raises(services.ActionRefused, match="不能早于发出日期"):
        services.record_consultation_receipt(app, on=D(2026, 3, 9), actor=handler)


def test_a_case_waiting_for_payment_is_not_overdue(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 3, 2))
    services.issue_fee_notice(app, on=D(2026, 3, 20), method="per_volume", pages=80, actor=handler)
    standing = deadlines.standing(Application.objects.get(pk=app.pk), D(2026, 4, 20))
    assert standing.urgency == "paused" and not standing.late
    assert standing.state.awaiting_payment


def test_a_decision_during_an_open_consultation_is_not_late(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 3, 2))
    services.start_consultation(
        app, on=D(2026, 3, 25), party="示范公司", kind="third_party", actor=handler
    )
    # 20 working days from 3-2 end on 3-30; the consultation keeps the clock still until 4-15
    services.decide(
        app, on=D(2026, 4, 8), ground=Ground.ART36_2_CAN_BE_DISCLOSED, legal_basis="第三十六条",
        actor=handler,
    )  # fmt: skip
    decided = Application.objects.get(pk=app.pk).events.get(kind=Event.Kind.DECIDED)
    assert decided.data["late"] is False
    assert not deadlines.standing(Application.objects.get(pk=app.pk), D(2026, 5, 1)).late


def test_the_stored_due_date_is_an_index_kept_fresh(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 3, 2))
    services.start_consultation(
        app, on=D(2026, 3, 10), party="示范公司", kind="third_party", actor=handler
    )
    stored = Application.objects.get(pk=app.pk).due_date
    later = D(2026, 3, 20)
    assert services.refresh_deadlines(today=later) == 1
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.due_date > stored and fresh.due_date == deadlines.standing(fresh, later).due
    assert services.refresh_deadlines(today=later) == 0
    out = mock.MagicMock()
    call_command("refresh_deadlines", stdout=out)


def test_a_schedule_change_moves_deadlines_and_says_so_on_each_case(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 9, 1))
    other = factories.received(agency, handler, D(2026, 3, 2))  # due long before October
    before = Application.objects.get(pk=app.pk).due_date
    previous = work_calendar()
    # a made-up change: 2026-09-15..17 become rest days
    with mock.patch("xxgk.applications.services.deadline_index.work_calendar") as current:
        current.return_value = WorkCalendar(
            {2026: {"holidays": [D(2026, 9, 15), D(2026, 9, 16), D(2026, 9, 17)], "workdays": []}}
        )
        moved = services.follow_schedule_change(previous, years={2026}, today=D(2026, 9, 2))
    assert [(a.pk, b, c) for a, b, c in moved] == [
        (app.pk, before, current.return_value.add_workdays(D(2026, 9, 1), 20))
    ]
    event = Application.objects.get(pk=app.pk).events.get(kind=Event.Kind.DEADLINE_CHANGED)
    assert event.data == {"before": str(before), "after": str(moved[0][2])}
    assert "2026年节假日安排变更" in event.reason
    assert not other.events.filter(kind=Event.Kind.DEADLINE_CHANGED).exists()


def test_the_ledger_and_the_case_page_say_late_from_the_clock(client, office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 1, 5))
    services.decide(
        app, on=D(2026, 3, 2), ground=Ground.ART36_4_NOT_EXIST, legal_basis="第三十六条",
        actor=handler,
    )  # fmt: skip
    Application.objects.filter(pk=app.pk).update(due_date=None)  # a stale index changes nothing
    rows = exports.ledger_rows([agency.pk], 2026, today=D(2026, 3, 3))
    assert rows[0][10] == deadlines.standing(app, D(2026, 3, 3)).due and rows[0][14] == "是"
    client.force_login(handler)
    page = lxml.html.fromstring(client.get(f"/staff/applications/{app.pk}/").content)
    assert "逾期答复" in page.text_content()


def test_unconfirmed_online_applications_are_flagged_then_escalated(office):
    agency, handler, head = office
    app = services.receive(
        agency,
        applicant=factories.applicant(),
        channel="online",
        arrived_on=D(2026, 3, 2),
        submitted_at=dt.datetime(2026, 3, 2, 1, tzinfo=dt.UTC),
    )
    app = Application.objects.get(pk=app.pk)
    assert deadlines.standing(app, D(2026, 3, 2)).confirmation == ""
    assert deadlines.standing(app, D(2026, 3, 3)).confirmation == "flag"
    assert deadlines.standing(app, D(2026, 3, 5)).confirmation == "escalate"
    digests = {d.user.username: d for d in reminders.digests(D(2026, 3, 3))}
    assert set(digests) == {"handler"}  # a flag goes to the handlers
    digests = {d.user.username: d for d in reminders.digests(D(2026, 3, 5))}
    assert set(digests) == {"handler", "head"}  # escalated: the head hears of it too
    assert "3个工作日未确认收到" in digests["head"].body


def test_reminders_send_a_digest_of_what_is_due_and_what_lapsed(office):
    agency, handler, _ = office
    soon = factories.received(agency, handler, D(2026, 3, 2), applicant_name="王小明")
    corrected = factories.received(agency, handler, D(2026, 3, 2))
    services.request_correction(
        corrected, on=D(2026, 3, 3), items="请写明文件名称", period_days=5, actor=handler
    )
    out = mock.MagicMock()
    call_command("reminders", today="2026-03-26", stdout=out)
    (message,) = mail.outbox
    assert message.to == ["handler@example.invalid"]
    assert soon.tracking_code in message.body and "王**" in message.body
    assert "王小明" not in message.body  # masked, like the work list
    assert "剩" in message.body and "个工作日" in message.body
    assert corrected.tracking_code in message.body and "补正期限已届满" in message.body


def test_fees_are_counted_as_money_paid_in_the_year(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 3, 2))
    services.issue_fee_notice(app, on=D(2026, 3, 5), method="per_volume", pages=80, actor=handler)
    assert fees_collected([agency.pk], 2026).cases == 0  # a notice is not money
    services.record_payment(app, on=D(2026, 3, 9), actor=handler)
    paid = fees_collected([agency.pk], 2026)
    assert (paid.cases, paid.amount) == (1, Decimal("500.00"))


# ------------------------------------------------------------------ random histories

STEPS = st.lists(
    st.sampled_from(["consult", "receipt", "end", "fee", "pay", "extend", "wait"]),
    max_size=6,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS, gaps=st.lists(st.integers(1, 12), min_size=6, max_size=6))
def test_the_work_list_and_the_case_page_agree_over_random_histories(office, steps, gaps):
    agency, handler, head = office
    day = D(2026, 3, 2)
    app = factories.received(agency, handler, day)
    calendar = work_calendar()
    for step, gap in zip(steps, gaps, strict=False):
        day = calendar.add_workdays(day, gap)
        app = Application.objects.get(pk=app.pk)
        try:
            if step == "consult":
                services.start_consultation(
                    app, on=day, party="第三方", kind="third_party", actor=handler
                )
            elif step == "receipt":
                services.record_consultation_receipt(app, on=day, actor=handler)
            elif step == "end":
                services.end_consultation(app, on=day, outcome="同意", actor=handler)
            elif step == "fee":
                services.issue_fee_notice(app, on=day, method="per_volume", pages=50, actor=handler)
            elif step == "pay":
                services.record_payment(app, on=day, actor=handler)
            elif step == "extend":
                services.extend(
                    app, on=day, days=5, reason="需要检索", approved_by=head, actor=handler
                )
        except services.ActionRefused:
            continue  # not allowed in this state: the history goes on without it
    client = Client()
    client.force_login(handler)
    app = Application.objects.get(pk=app.pk)
    for today in (day, calendar.add_workdays(day, 10), calendar.add_workdays(day, 40)):
        standing = deadlines.standing(app, today)
        listed, page = shown(client, app, today)
        assert standing.due.isoformat() in listed and standing.due.isoformat() in page
        n = standing.days_left if standing.days_left >= 0 else standing.days_over
        words = f"剩 {n} 个工作日" if standing.days_left >= 0 else f"超期 {n} 个工作日"
        assert words in listed and words in page
        # a consultation's pause never outlasts the party's 15 working days
        if (
            standing.state.reply_by
            and today > standing.state.reply_by
            and not standing.state.awaiting_payment
        ):
            assert standing.due == deadlines.standing(app, today + dt.timedelta(days=30)).due


def test_loading_a_schedule_recomputes_open_cases_and_lists_them(
    client, office, django_capture_on_commit_callbacks
):
    """Issue 11: a schedule loaded later moves the deadlines already computed, with an event on
    each case and a notice on the work list."""
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 12, 31))
    before = Application.objects.get(pk=app.pk).due_date
    schedule = YearSchedule(
        year=2027,
        holidays={D(2027, 1, n): "元旦" for n in range(1, 6)},  # a made-up five-day 元旦
        source="测试用的2027年安排",
    )
    with django_capture_on_commit_callbacks(execute=True):
        holidays.load_schedule(2027, schedule)
    moved = Application.objects.get(pk=app.pk)
    assert moved.due_date == work_calendar().add_workdays(D(2026, 12, 31), 20) > before
    event = moved.events.get(kind=Event.Kind.DEADLINE_CHANGED)
    assert event.data == {"before": str(before), "after": str(moved.due_date)}
    client.force_login(handler)
    page = client.get("/staff/applications/").content.decode()
    assert "答复期限已调整" in page and app.tracking_code in page


def test_deemed_withdrawn_is_not_offered_while_an_unpublished_schedule_could_extend_it(office):
    agency, handler, head = office
    app = factories.received(agency, handler, D(2026, 12, 21))
    services.request_correction(
        app, on=D(2026, 12, 22), items="请写明文件名称", period_days=30, actor=handler
    )
    app = Application.objects.get(pk=app.pk)
    latest = work_calendar().add_workdays_latest(D(2026, 12, 22), 30)
    assert latest > app.correction_due  # 2027's 调休 are unknown
    after_due = work_calendar().next_workday(app.correction_due + dt.timedelta(days=1))
    with pytest.raises(services.ActionRefused, match="尚未公布节假日安排"):
        services.close_no_correction(app, on=after_due, actor=handler)
    with pytest.raises(services.ActionRefused, match="尚未公布节假日安排"):
        services.close_no_correction(app, on=after_due, actor=handler, confirmed_by=handler)
    services.close_no_correction(app, on=after_due, actor=handler, confirmed_by=head)
    closed = Application.objects.get(pk=app.pk).events.get(kind=Event.Kind.CLOSED)
    assert closed.data["confirmed_by"] == "head" and closed.data["latest"] == str(latest)
    later = factories.received(agency, handler, D(2026, 12, 21))
    services.request_correction(
        later, on=D(2026, 12, 22), items="请写明文件名称", period_days=30, actor=handler
    )
    day = latest + dt.timedelta(days=1)
    services.close_no_correction(Application.objects.get(pk=later.pk), on=day, actor=handler)

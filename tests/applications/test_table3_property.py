"""Random case histories across year boundaries, built through the services: every computed
table 三 passes the official and implied checks, and carry-over matches year to year."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from xxgk.annual.checks import run_checks
from xxgk.annual.model import Layout, Level, Report, empty_report
from xxgk.applications import services
from xxgk.applications.grounds import PROCEDURAL, Ground
from xxgk.applications.models import ApplicantType, Application
from xxgk.applications.queries import table3_counts
from xxgk.holidays.calendar import work_calendar

from . import factories

DECISION_GROUNDS = [
    g.value for g in Ground if g not in PROCEDURAL and g != Ground.ART37_PARTIAL_DISCLOSURE
]
START = dt.date(2023, 1, 1)
YEARS = (2023, 2024, 2025)

case = st.fixed_dictionaries(
    {
        "type": st.sampled_from(ApplicantType.values),
        "receipt": st.integers(0, 3 * 365 - 40),
        "path": st.sampled_from(
            [
                "decide",
                "partial",
                "correct_then_decide",
                "correction_lapses",
                "consult",
                "extend",
                "fee_paid",
                "fee_unpaid",
                "withdraw",
                "open",
                "online_unconfirmed",
            ]
        ),
        "gap": st.integers(1, 40),  # working days before the concluding step
        "ground": st.sampled_from(DECISION_GROUNDS),
        "online": st.booleans(),
    }
)


def decide(app, *, on: dt.date, ground: str, handler) -> int:
    """Decide with the steps the ground needs (arts. 30, 35, 36(6)); returns how many other
    applications that took (the earlier one a duplicate repeats)."""
    made = 0
    app = Application.objects.get(pk=app.pk)
    if ground == Ground.ART30_UNCLEAR and not app.events.filter(kind="correction_received"):
        ground = Ground.ART36_4_NOT_EXIST  # only after a correction (the correcting path has it)
    extra = {}
    if ground == Ground.ART35_EXCESSIVE:
        services.request_reasons(app, on=on, items="请说明理由", actor=handler)
    if ground == Ground.ART36_6_DUPLICATE:
        first = app.receipt_date  # the same day: still within the years counted
        earlier = factories.received(app.agency, handler, first)
        services.decide(
            earlier, on=first, ground=Ground.ART36_4_NOT_EXIST, legal_basis="《条例》",
            actor=handler,
        )  # fmt: skip
        extra["earlier"], made = earlier, 1
    services.decide(app, on=on, ground=ground, legal_basis="《条例》", actor=handler, **extra)
    return made


def play(agency, handler, head, c) -> int:
    """Play one case's history; returns how many other applications it received on the way."""
    cal = work_calendar()
    receipt = START + dt.timedelta(days=c["receipt"])
    if c["path"] == "online_unconfirmed":
        services.receive(
            agency,
            applicant=factories.applicant(applicant_type=c["type"]),
            channel="online",
            submitted_at=dt.datetime.combine(receipt, dt.time(9), tzinfo=dt.UTC),
        )
        return 0
    if c["online"]:
        app = services.receive(
            agency,
            applicant=factories.applicant(applicant_type=c["type"]),
            channel="online",
            submitted_at=dt.datetime.combine(receipt, dt.time(9), tzinfo=dt.UTC),
        )
        services.confirm_receipt(app, on=receipt, actor=handler)
    else:
        app = factories.received(agency, handler, receipt, applicant_type=c["type"])
    later = lambda base, n: cal.add_workdays(base, n)  # noqa: E731
    path, gap = c["path"], c["gap"]
    if path == "decide":
        return decide(app, on=later(receipt, gap), ground=c["ground"], handler=handler)
    elif path == "partial":
        services.decide(
            app,
            on=later(receipt, gap),
            ground=Ground.ART37_PARTIAL_DISCLOSURE,
            legal_basis="第三十七条",
            withheld=[{"part": "个人信息", "ground": Ground.ART15_THIRD_PARTY}],
            actor=handler,
        )
    elif path in ("correct_then_decide", "correction_lapses"):
        asked = later(receipt, min(gap, 7))
        services.request_correction(app, on=asked, items="请写明文件名称", actor=handler)
        app.refresh_from_db()
        if path == "correct_then_decide":
            got = later(asked, 3)
            services.receive_correction(app, on=got, actor=handler)
            return decide(app, on=later(got, gap % 20 + 1), ground=c["ground"], handler=handler)
        else:
            services.close_no_correction(app, on=later(app.correction_due, 1), actor=handler)
    elif path == "consult":
        s = later(receipt, 2)
        services.start_consultation(app, on=s, party="第三方", kind="third_party", actor=handler)
        services.end_consultation(app, on=later(s, 10), outcome="同意", actor=handler)
        return decide(app, on=later(s, 10 + gap % 15), ground=c["ground"], handler=handler)
    elif path == "extend":
        services.extend(
            app,
            on=later(receipt, 10),
            days=gap % 20 + 1,
            reason="检索量大",
            approved_by=head,
            actor=handler,
        )
        return decide(app, on=later(receipt, 15 + gap), ground=c["ground"], handler=handler)
    elif path in ("fee_paid", "fee_unpaid"):
        on = later(receipt, 3)
        services.issue_fee_notice(
            app, on=on, method="per_volume", pages=30 + gap * 5, actor=handler
        )
        if path == "fee_paid":
            services.record_payment(app, on=later(on, gap % 20 + 1), actor=handler)
            return decide(app, on=later(on, 25), ground=c["ground"], handler=handler)
        else:
            app.refresh_from_db()
            services.close_fee_unpaid(app, on=later(app.fee_notice.pay_by, 1), actor=handler)
    elif path == "withdraw":
        services.withdraw(app, on=later(receipt, gap), reason="申请人书面撤回", actor=handler)
    return 0


def report_of(t3, version) -> Report:
    blank = empty_report(Layout(version, version), fill=0)
    return Report(agency="测试", year=2024, layout=blank.layout, t2=blank.t2, t3=t3, t4=blank.t4)


class TestTable3FromHistories(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(case, min_size=1, max_size=14), st.sampled_from(["v2021", "v2019"]))
    def test_every_table_balances_and_carries_over(self, cases, version):
        agency = factories.agency()
        handler = factories.user(agency)
        head = factories.user(agency, role="head")
        others = sum(play(agency, handler, head, c) for c in cases)
        tables = {y: table3_counts([agency.pk], y, version) for y in YEARS}
        for year, t3 in tables.items():
            errors = [f for f in run_checks(report_of(t3, version)) if f.level == Level.ERROR]
            assert errors == [], (year, errors)
        for year in YEARS[1:]:
            assert tables[year]["carried_over"] == tables[year - 1]["carried_forward"]
        # every case received by the end is counted exactly once as new in its year
        assert sum(tables[y]["new_received"]["total"] for y in YEARS) == others + sum(
            1 for c in cases if c["path"] != "online_unconfirmed"
        )

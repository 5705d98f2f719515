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
from xxgk.applications.models import ApplicantType
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


def play(agency, handler, head, c) -> None:
    cal = work_calendar()
    receipt = START + dt.timedelta(days=c["receipt"])
    if c["path"] == "online_unconfirmed":
        services.receive(
            agency,
            applicant=factories.applicant(applicant_type=c["type"]),
            channel="online",
            submitted_at=dt.datetime.combine(receipt, dt.time(9), tzinfo=dt.UTC),
        )
        return
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
        services.decide(
            app, on=later(receipt, gap), ground=c["ground"], legal_basis="《条例》", actor=handler
        )
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
            services.decide(
                app,
                on=later(got, gap % 20 + 1),
                ground=c["ground"],
                legal_basis="《条例》",
                actor=handler,
            )
        else:
            services.close_no_correction(app, on=later(app.correction_due, 1), actor=handler)
    elif path == "consult":
        s = later(receipt, 2)
        services.start_consultation(app, on=s, party="第三方", kind="third_party", actor=handler)
        services.end_consultation(app, on=later(s, 10), outcome="同意", actor=handler)
        services.decide(
            app,
            on=later(s, 10 + gap % 15),
            ground=c["ground"],
            legal_basis="《条例》",
            actor=handler,
        )
    elif path == "extend":
        services.extend(
            app,
            on=later(receipt, 10),
            days=gap % 20 + 1,
            reason="检索量大",
            approved_by=head,
            actor=handler,
        )
        services.decide(
            app,
            on=later(receipt, 15 + gap),
            ground=c["ground"],
            legal_basis="《条例》",
            actor=handler,
        )
    elif path in ("fee_paid", "fee_unpaid"):
        on = later(receipt, 3)
        services.issue_fee_notice(
            app, on=on, method="per_volume", pages=30 + gap * 5, actor=handler
        )
        if path == "fee_paid":
            services.record_payment(app, on=later(on, gap % 20 + 1), actor=handler)
            services.decide(
                app, on=later(on, 25), ground=c["ground"], legal_basis="《条例》", actor=handler
            )
        else:
            app.refresh_from_db()
            services.close_fee_unpaid(app, on=later(app.fee_notice.pay_by, 1), actor=handler)
    elif path == "withdraw":
        services.withdraw(app, on=later(receipt, gap), reason="申请人书面撤回", actor=handler)


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
        for c in cases:
            play(agency, handler, head, c)
        tables = {y: table3_counts([agency.pk], y, version) for y in YEARS}
        for year, t3 in tables.items():
            errors = [f for f in run_checks(report_of(t3, version)) if f.level == Level.ERROR]
            assert errors == [], (year, errors)
        for year in YEARS[1:]:
            assert tables[year]["carried_over"] == tables[year - 1]["carried_forward"]
        # every case received by the end is counted exactly once as new in its year
        assert sum(tables[y]["new_received"]["total"] for y in YEARS) == sum(
            1 for c in cases if c["path"] != "online_unconfirmed"
        )

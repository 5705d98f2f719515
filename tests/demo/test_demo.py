"""The full demo (`xxgk demo`): idempotent, every state and ground, histories that follow the
services' rules, and a table 三 that passes the national checks.

The demo is loaded once for the module (twice, to test idempotency) inside a transaction
that is rolled back at the end; the tests read a snapshot taken before the rollback, so no
demo data leaks into other test modules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from io import StringIO
from unittest import mock

import lxml.html
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xxgk.accounts import permissions
from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.agencies.remedies import review_bodies
from xxgk.annual.checks import run_checks
from xxgk.annual.model import Layout, Level, empty_report
from xxgk.applications import clock, deadlines, exports, letter_docx, letter_texts, letters
from xxgk.applications import views as app_views
from xxgk.applications.grounds import PROCEDURAL, Ground
from xxgk.applications.models import ApplicantType, Application, Event, Letter, Status
from xxgk.applications.queries import table3_counts
from xxgk.demo import people
from xxgk.demo.loader import CITY, DEMO_AGENCIES, DEMO_USERS, _set_review
from xxgk.holidays.calendar import work_calendar

pytestmark = pytest.mark.django_db
DECIDABLE = {g.value for g in Ground if g not in PROCEDURAL}


def _counts() -> dict[str, int]:
    return {
        "agencies": Agency.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "applications": Application.objects.count(),
        "events": Event.objects.count(),
        "tracking_codes": len(set(Application.objects.values_list("tracking_code", flat=True))),
    }


def _run() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("demo", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _snapshot() -> dict:
    today = timezone.localdate()
    s: dict = {"today": today}
    s["out1"], s["err1"] = _run()
    s["first"] = _counts()
    s["out2"], s["err2"] = _run()
    s["second"] = _counts()

    apps = list(Application.objects.select_related("agency").prefetch_related("events"))
    s["statuses"] = Counter(a.status for a in apps)
    s["grounds"] = Counter(a.ground for a in apps if a.ground)
    s["types"] = Counter(a.applicant_type for a in apps)
    s["channels"] = Counter(a.channel for a in apps)
    s["agencies_with_cases"] = Counter(a.agency.code for a in apps)
    open_apps = [a for a in apps if a.is_open]
    s["open_in_consultation"] = sum(
        1
        for a in open_apps
        if [e.kind for e in a.events.all() if e.kind.startswith("consultation")][-1:]
        == [Event.Kind.CONSULTATION_STARTED]
    )
    s["open_extended"] = sum(
        1 for a in open_apps if any(e.kind == Event.Kind.EXTENDED for e in a.events.all())
    )
    s["kinds"] = Counter(e.kind for a in apps for e in a.events.all())
    s["late"] = sum(
        1 for a in apps for e in a.events.all() if e.kind == "decided" and e.data.get("late")
    )
    s["problems"] = _history_problems(apps, today)
    s["ids"] = [(a.applicant_type, a.id_type, a.id_number) for a in apps]
    s["years"] = Counter(a.receipt_date.year for a in apps if a.receipt_date)

    gkb = User.objects.get(username="gkb")
    city = Agency.objects.get(code=CITY)
    s["gkb_supervises_city"] = Membership.objects.filter(
        user=gkb, agency=city, role=Membership.Role.SUPERVISOR
    ).exists()
    s["gkb_sees"] = {
        a.code for a in Agency.objects.filter(pk__in=permissions.visible_agency_ids(gkb))
    }
    s["sfj_handler_sees"] = {
        a.code
        for a in Agency.objects.filter(
            pk__in=permissions.visible_agency_ids(User.objects.get(username="sfj-handler"))
        )
    }
    s["offices"] = list(Agency.objects.values("code", "office_hours", "office_email", "parent_id"))

    s["pages"] = _pages(apps)
    s["deadline_views"] = {day: _deadline_views(day) for day in DEADLINE_DAYS}
    s["remedies"] = _remedies(apps)
    concluded = Application.objects.exclude(concluded_on=None)
    s["without_letter"] = [
        a.tracking_code
        for a in concluded
        if not a.letters.filter(kind__in=("reply", "termination")).exclude(file="").exists()
    ]
    s["letter_kinds"] = sorted(set(Letter.objects.values_list("kind", flat=True)))
    s["concluded"] = concluded.count()
    calendar = work_calendar()
    s["event_times"] = [
        (timezone.localtime(e.at), e.effective_date)
        for e in Event.objects.filter(effective_date__lt=today).only("at", "effective_date")
    ]
    s["extensions"] = [
        calendar.workdays_between(e.application.receipt_date, e.effective_date)
        for e in Event.objects.filter(kind=Event.Kind.EXTENDED).select_related("application")
    ]

    ids = list(Agency.objects.filter(code__startswith="demo-").values_list("pk", flat=True))
    s["t3"] = {y: table3_counts(ids, y, "v2021") for y in range(today.year - 3, today.year + 1)}

    from xxgk.reports import queries as report_queries
    from xxgk.reports.models import AnnualReport

    s["reports"] = {
        r.agency.code: (
            r.status,
            [f.message for f in report_queries.findings(r)],
            r.data["t4"]["cases"]["review_total"],
        )
        for r in AnnualReport.objects.filter(year=today.year - 1).select_related("agency")
    }
    # every published demo report as the API serves it, with the workspace's findings
    api = Client()
    s["api_reports"] = {}
    for r in (
        AnnualReport.objects.filter(versions__isnull=False).distinct().select_related("agency")
    ):
        doc = api.get(f"/api/v1/reports/{r.agency.code}/{r.year}")
        served = api.get(f"/api/v1/reports/{r.agency.code}/{r.year}/findings")
        previous = api.get(f"/api/v1/reports/{r.agency.code}/{r.year - 1}")
        s["api_reports"][(r.agency.code, r.year)] = (
            doc.status_code,
            doc.content,
            served.json()["findings"] if served.status_code == 200 else None,
            previous.content if previous.status_code == 200 else None,
            [f.to_json() for f in report_queries.findings(r)],
        )
    s["report_times"] = {
        r.agency.code: (r.approved_at, r.published_at, list(r.events.values_list("at", flat=True)))
        for r in AnnualReport.objects.filter(year=today.year - 1).select_related("agency")
    }
    return s


def _pages(apps: list[Application]) -> dict[str, int]:
    """Status codes of the staff pages over the demo data: the work lists of a handler and of
    the supervising office, and one case page per status and agency."""
    client = Client()
    codes = {}
    for username in ("sfj-handler", "zjj-head", "gkb"):
        client.force_login(User.objects.get(username=username))
        codes[f"{username} worklist"] = client.get(reverse("applications:worklist")).status_code
    client.force_login(User.objects.get(username="gkb"))
    seen = set()
    for a in apps:
        if (a.agency_id, a.status) not in seen:
            seen.add((a.agency_id, a.status))
            url = reverse("applications:detail", args=[a.pk])
            codes[f"gkb {a.agency.code} {a.status}"] = client.get(url).status_code
    return codes


# the days the work list, the case page and the ledger are read on: in two weeks, after 元旦 and
# around 春节 — the issue's days while they lie ahead, the same distances from today after
ISSUE_DAYS = (dt.date(2026, 12, 18), dt.date(2027, 1, 4), dt.date(2027, 2, 10))
DEADLINE_DAYS = (
    ISSUE_DAYS
    if timezone.localdate() <= ISSUE_DAYS[0]
    else tuple(timezone.localdate() + dt.timedelta(days=n) for n in (16, 33, 70))
)


def _texts(doc, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]


def _deadline_views(day: dt.date) -> dict[str, dict[str, tuple]]:
    """{view: {tracking code: (due date text, working days left or over, late)}} of every demo
    case as the work list, the case page and the ledger show it on `day`, and as
    `deadlines.standing` computes it."""
    client = Client()
    client.force_login(User.objects.get(username="gkb"))  # sees every demo agency
    views_ = {"worklist": {}, "case": {}, "ledger": {}, "standing": {}}
    apps = list(deadlines.with_events(Application.objects.filter(agency__code__startswith="demo-")))
    with mock.patch.object(app_views, "_today", return_value=day):
        for status in ("", Status.CONCLUDED):
            page_no = 1
            while True:
                url = f"{reverse('applications:worklist')}?status={status}&page={page_no}"
                doc = lxml.html.fromstring(client.get(url).content)
                for row in doc.xpath("//table[contains(@class,'data')]/tbody/tr"):
                    code = row.xpath("string(./th/a)")
                    cell = " ".join(row.xpath("string(./td[last()])").split())
                    views_["worklist"][code] = cell
                if not doc.xpath("//a[@rel='next']"):
                    break
                page_no += 1
        for app in apps:
            if not app.is_open and day != DEADLINE_DAYS[0]:
                continue  # a concluded case's deadline is as of its conclusion, whatever the day
            doc = lxml.html.fromstring(
                client.get(reverse("applications:detail", args=[app.pk])).content
            )
            views_["case"][app.tracking_code] = " ".join(
                doc.xpath("string(//section[@aria-labelledby='h-clock']//dl)").split()
            )
    ids = [a.agency_id for a in apps]
    for year in sorted({(a.receipt_date or a.submitted_at.date()).year for a in apps}):
        for row in exports.ledger_rows(ids, year, today=day):
            views_["ledger"][row[2]] = (row[11], row[15])  # 答复期限, 是否逾期 (机关 is row[1])
    for app, st in deadlines.standings(apps, day):
        views_["standing"][app.tracking_code] = st
    return views_


def _remedies(apps: list[Application]) -> dict:
    """Who each demo agency names for review; the 住建局's guide, a reply letter of the 住建局
    rendered as a real .docx, and the tracking page of that case."""
    out: dict = {
        "bodies": {
            a.code: review_bodies(a) for a in Agency.objects.filter(code__startswith="demo-")
        }
    }
    out["guide"] = " ".join(
        lxml.html.fromstring(Client().get("/gk/demo-zjj/guide/").content.decode())
        .text_content()
        .split()
    )
    app = next(
        a
        for a in apps
        if a.agency.code == "demo-zjj" and a.status == Status.CONCLUDED and a.ground in DECIDABLE
    )
    context = letter_texts.reply_context(app, "示建公开〔2026〕1号", app.decision.decided_on)
    data, _ = letters.render(app.agency, letter_texts.family(app.ground), context)
    out["letter"] = letter_docx.text_of(data)
    page = Client().get(f"/track/{app.tracking_code}/", REMOTE_ADDR="10.0.0.9")
    out["tracking"] = " ".join(lxml.html.fromstring(page.content.decode()).text_content().split())
    return out


def _history_problems(apps: list[Application], today: dt.date) -> list[str]:
    """Dates that break the services' rules (should be none)."""
    problems = []
    now = timezone.now()
    for a in apps:
        events = list(a.events.all())
        if a.submitted_at > now:
            problems.append(f"{a} submitted in the future")
        for e in events:
            if e.effective_date > today:
                problems.append(f"{a} {e.kind} on {e.effective_date} is after today")
            if a.receipt_date and e.kind != "received" and e.effective_date < a.receipt_date:
                problems.append(f"{a} {e.kind} before receipt")
        requested = [e for e in events if e.kind == Event.Kind.CORRECTION_REQUESTED]
        if requested and requested[0].effective_date > clock.correction_notice_limit(
            a.receipt_date, work_calendar()
        ):
            problems.append(f"{a} correction requested after 7 working days")
        if a.status == Status.CONCLUDED:
            if not a.ground or a.concluded_on is None or a.concluded_on > today:
                problems.append(f"{a} concluded without ground or date")
        elif a.ground or a.concluded_on:
            problems.append(f"{a} open with an outcome")
        if a.receipt_date is None and a.status != Status.SUBMITTED:
            problems.append(f"{a} handled without a receipt date")
    return problems


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> dict:
    with django_db_blocker.unblock(), transaction.atomic():
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


# ------------------------------------------------------------------ idempotency


def test_a_second_run_creates_nothing(demo):
    assert demo["first"] == demo["second"]
    assert demo["first"]["tracking_codes"] == demo["first"]["applications"]
    assert "(0 new)" in demo["out2"]
    assert "created user" not in demo["out2"]


def test_the_demo_has_its_agencies_users_and_a_few_hundred_cases(demo):
    assert demo["first"]["agencies"] == 5
    assert demo["first"]["users"] == len(DEMO_USERS)
    assert 300 <= demo["first"]["applications"] <= 400
    assert set(demo["agencies_with_cases"]) == {"demo-sfj", "demo-sthjj", "demo-zjj"}
    assert min(demo["agencies_with_cases"].values()) >= 60


def test_the_work_list_the_case_page_and_the_ledger_agree_on_every_deadline(demo):
    """Issue 11: no view reads a stale stored date. On each chosen day every demo case shows the
    deadline, the working days left (or over) and the lateness that `deadlines.standing` gives."""
    for day, views_ in demo["deadline_views"].items():
        standing = views_["standing"]
        assert set(views_["ledger"]) == set(standing), day
        open_codes = {code for code, st in standing.items() if st.urgency}
        assert open_codes <= set(views_["worklist"]), day
        for code, st in standing.items():
            due = st.due.isoformat() if st.due else None
            assert views_["ledger"][code] == (st.due, "是" if st.late else "否"), (day, code)
            listed, page = views_["worklist"].get(code, ""), views_["case"].get(code)
            if st.urgency:  # open: the same date and the same count of working days
                if due:
                    assert due in listed and due in page, (day, code, listed, page)
                if st.days_left is not None:
                    n = st.days_left if st.days_left >= 0 else st.days_over
                    words = f"剩 {n} 个工作日" if st.days_left >= 0 else f"超期 {n} 个工作日"
                    assert words in listed and words in page, (day, code, words, listed, page)
                else:
                    assert "剩 " not in listed and "超期 " not in listed, (day, code, listed)
            elif page is not None:
                assert (due or "—") in page, (day, code, page)
                assert ("逾期答复" in page) == st.late == ("逾期答复" in listed), (day, code)
    first = demo["deadline_views"][DEADLINE_DAYS[0]]["standing"]
    assert sum(1 for st in first.values() if st.urgency) >= 10  # open cases were compared
    assert any(st.state.consultation_open for st in first.values())
    assert any(st.state.awaiting_payment for st in first.values())


def test_services_refused_no_step(demo):
    assert "refused" not in demo["err1"]
    assert demo["problems"] == []


def test_the_summary_is_printed(demo):
    assert "applications by status" in demo["out1"]
    assert "示范市住房和城乡建设局" in demo["out1"]


# ------------------------------------------------------------------ variety


def test_every_status_appears(demo):
    assert set(demo["statuses"]) == set(Status.values)
    assert demo["statuses"][Status.CONCLUDED] > demo["first"]["applications"] * 0.8


def test_open_cases_in_consultation_and_extended(demo):
    assert demo["open_in_consultation"] >= 3
    assert demo["open_extended"] >= 3


def test_every_ground_appears_a_few_times(demo):
    assert set(demo["grounds"]) == set(Ground.values)
    assert min(demo["grounds"].values()) >= 3


def test_corrections_received_and_lapsed_fees_paid_and_unpaid(demo):
    kinds = demo["kinds"]
    assert kinds[Event.Kind.CORRECTION_RECEIVED] >= 5
    assert demo["grounds"][Ground.ART30_NO_CORRECTION] >= 3
    assert kinds[Event.Kind.FEE_PAID] >= 2
    assert demo["grounds"][Ground.FEE_NOT_PAID] >= 3
    assert kinds[Event.Kind.DELIVERED] and kinds[Event.Kind.ARCHIVED]
    assert 1 <= demo["late"] <= demo["first"]["applications"] * 0.1


def test_a_realistic_mix_of_applicants_and_channels(demo):
    types, total = demo["types"], demo["first"]["applications"]
    assert set(types) == set(ApplicantType.values)
    assert types[ApplicantType.NATURAL_PERSON] > total * 0.6
    assert types[ApplicantType.LEGAL_COMMERCIAL] > types[ApplicantType.LEGAL_RESEARCH]
    assert len(demo["channels"]) == 6


def test_cases_spread_over_two_full_years_and_this_one(demo):
    y = demo["today"].year
    assert set(demo["years"]) <= {y - 2, y - 1, y}
    assert demo["years"][y - 2] >= 50 and demo["years"][y - 1] >= 50


def test_identity_numbers_are_well_formed(demo):
    for applicant_type, id_type, number in demo["ids"]:
        if id_type == "id_card":
            assert applicant_type == ApplicantType.NATURAL_PERSON
            assert people.valid_id_number(number), number
        else:
            assert id_type == "credit_code" and people.valid_uscc(number), number


def test_offices_have_contact_details(demo):
    for office in demo["offices"]:
        if office["code"].startswith("demo-"):
            assert office["office_hours"].startswith("周一至周五 9:00-12:00 14:00-17:30")
            assert office["office_email"].endswith("@example.gov.cn")


# ------------------------------------------------------------------ access


def test_the_supervising_office_sees_everything_below_the_city(demo):
    assert demo["gkb_supervises_city"]
    assert {"demo-city", "demo-sfj", "demo-sthjj", "demo-zjj"} <= demo["gkb_sees"]
    assert demo["sfj_handler_sees"] == {"demo-sfj"}


def test_staff_pages_show_the_demo_cases(demo):
    # every status in each department, awaiting approval where the agency requires approval
    assert len(demo["pages"]) >= 3 + 3 * (len(Status) - 1) + 1
    assert {k: v for k, v in demo["pages"].items() if v != 200} == {}


# ------------------------------------------------------------------ remedies


def test_each_demo_agency_names_its_review_body(demo):
    assert demo["remedies"]["bodies"] == {
        "demo-city": ("示范省人民政府",),  # art. 24 ¶1 (2), an override: no province in the tree
        "demo-gkb": ("示范市人民政府",),
        "demo-sfj": ("示范市人民政府", "上一级司法行政部门"),  # art. 28
        "demo-sthjj": ("示范市人民政府",),  # art. 24 ¶1 (1)
        "demo-zjj": ("示范市人民政府",),
    }


def test_the_zjj_guide_letter_and_tracking_page_name_the_city_government(demo):
    r = demo["remedies"]
    assert "向示范市人民政府申请（《中华人民共和国行政复议法》第二十条）" in r["guide"]
    assert (
        "如对本答复不服，可以自收到本答复之日起六十日内向示范市人民政府申请行政复议，"
        "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
    ) in r["letter"].splitlines()
    assert "自收到答复书之日起60日内向示范市人民政府申请行政复议" in r["tracking"]
    for page in (r["guide"], r["letter"], r["tracking"]):
        assert "上一级主管部门" not in page


def test_a_demo_agency_loaded_before_review_routes_gets_them(db):
    sfj = next(d for d in DEMO_AGENCIES if d.key == "sfj")
    old = Agency.objects.create(code="demo-sfj", name=sfj.name, kind=sfj.kind)
    _set_review(old, sfj)
    old.refresh_from_db()
    assert old.review_route == Agency.ReviewRoute.JUSTICE
    # a route someone has chosen stays
    old.review_route, old.review_body = Agency.ReviewRoute.TREE, "示范市人民政府"
    old.save()
    _set_review(old, sfj)
    old.refresh_from_db()
    assert (old.review_route, old.review_body) == (Agency.ReviewRoute.TREE, "示范市人民政府")


# ------------------------------------------------------------------ table 三


@pytest.mark.parametrize("back", [2, 1])
def test_table3_of_a_full_year_adds_up(demo, back):
    year = demo["today"].year - back
    t3 = demo["t3"][year]
    results = [
        r
        for r in t3
        if r not in ("new_received", "carried_over", "result_total", "carried_forward")
    ]
    for col in t3["new_received"]:
        assert (
            t3["new_received"][col] + t3["carried_over"][col]
            == t3["result_total"][col] + t3["carried_forward"][col]
        ), col
        assert t3["result_total"][col] == sum(t3[r][col] for r in results), col
    assert t3["new_received"]["total"] >= 80


@pytest.mark.parametrize("back", [2, 1])
def test_table3_passes_the_national_checks(demo, back):
    year = demo["today"].year - back
    report = dataclasses.replace(
        empty_report(Layout("v2021", "v2021"), fill=0, year=year), t3=demo["t3"][year]
    )
    errors = [f for f in run_checks(report) if f.level == Level.ERROR]
    assert errors == []


@pytest.mark.parametrize("back", [2, 1, 0])
def test_carried_over_is_last_years_carried_forward(demo, back):
    year = demo["today"].year - back
    assert demo["t3"][year]["carried_over"] == demo["t3"][year - 1]["carried_forward"]
    if back < 2:
        assert demo["t3"][year]["carried_over"]["total"] > 0


def test_the_demo_reports_of_the_last_full_year_are_complete_and_pass_every_check(demo):
    assert set(demo["reports"]) == {"demo-city", "demo-sfj", "demo-sthjj", "demo-zjj"}
    for code, (status, findings, review_total) in demo["reports"].items():
        assert status == "published", code
        assert findings == [], code  # no error, no warning, no blank cell
        assert review_total >= 2, code


def test_every_published_demo_report_is_served_as_json_the_cli_checks_as_the_workspace(
    demo, tmp_path
):
    """Issue 15: the API's JSON of each published report, given to `xxgk report check` (with
    last year's from the API as --previous), gives the findings the workspace shows."""
    assert len(demo["api_reports"]) >= 4
    for (code, year), (status, body, served, previous, shown) in demo["api_reports"].items():
        assert status == 200, code
        path = tmp_path / f"{code}-{year}.json"
        path.write_bytes(body)
        args = [str(path), "--format", "json"]
        if previous:
            (tmp_path / "previous.json").write_bytes(previous)
            args += ["--previous", str(tmp_path / "previous.json")]
        run = subprocess.run(
            [sys.executable, "-m", "xxgk.cli", "report", "check", *args],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode in (0, 1, 3), run.stderr
        cli = json.loads(run.stdout)["findings"]

        def key(findings):
            return sorted(
                (f["check"], f["level"], tuple(f["cells"]), f["message"]) for f in findings
            )

        assert key(cli) == key(served) == key(shown), code


def test_the_demo_reports_were_published_when_an_office_would_have(demo):
    """Departments before 31 January (art. 49) but the 住建局, late on purpose; the city
    government's aggregated report before 31 March; every step on a working day, in office
    hours, in order."""
    year = dt.date.today().year
    late = []
    for code, (approved, published, steps) in demo["report_times"].items():
        deadline = dt.date(year, 3, 31) if code == "demo-city" else dt.date(year, 1, 31)
        if timezone.localdate(published) > deadline:
            late.append(code)
        assert approved < published, code
        assert steps == sorted(steps), code
        for at in steps:
            local = timezone.localtime(at)
            assert local.weekday() < 5 and 9 <= local.hour < 18, (code, local)
    assert late == ["demo-zjj"]


def test_the_demo_history_reads_like_office_work(demo):
    """Events carry the time a clerk would have recorded them (office hours on their own day,
    not the minute the demo was loaded), and no case is extended before the extension could be
    needed (art. 33: when the answer cannot be given within 20 working days)."""
    times = demo["event_times"]
    assert len({at.replace(second=0, microsecond=0) for at, _ in times}) > len(times) // 2
    # (online submissions may come at a weekend; several steps of one day run into the evening)
    in_hours = [at for at, _ in times if at.weekday() < 5 and 9 <= at.hour < 18]
    assert len(in_hours) >= 0.9 * len(times)
    assert demo["extensions"] and min(demo["extensions"]) >= 10, demo["extensions"]


def test_every_concluded_demo_case_has_its_letter_on_file(demo):
    """The reply letter, or the 终止办理告知书 of a case ended without one; with the notices of
    the steps taken (补正, 征求意见, 延期, 收费) — each a Word file."""
    assert demo["concluded"] > 100
    assert demo["without_letter"] == []
    assert {"reply", "termination", "correction", "extension", "fee_notice", "consultation"} <= set(
        demo["letter_kinds"]
    )

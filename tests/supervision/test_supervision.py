"""The supervising office's view: report status per agency (late included), 403 for everyone
else, the departments' tables summed, similarity (a copied report is flagged, two agencies'
different reports are not), complaints, and published reports imported from files."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from tests.applications import factories
from tests.supervision.jobs import run_worker
from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.annual import dumps
from xxgk.annual.model import Layout, empty_report
from xxgk.annual.parse import read
from xxgk.errors import ActionRefused
from xxgk.reports import queries as reports
from xxgk.reports.models import AnnualReport, ReportEvent, ReportVersion
from xxgk.supervision import queries as supervision
from xxgk.supervision import services as complaints
from xxgk.supervision.models import Complaint
from xxgk.supervision.services import ImportRefused, import_file

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "reports"
needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="shared report fixtures absent")


@pytest.fixture
def city():
    gov = factories.agency(code="city", name="示范市人民政府", kind=Agency.Kind.GOVERNMENT)
    office = factories.agency(
        code="city-gkb", name="示范市政务公开办", parent=gov, kind=Agency.Kind.SUPERVISING_OFFICE
    )
    depts = [
        factories.agency(code=f"d{i}", name=name, parent=gov, kind=Agency.Kind.DEPARTMENT)
        for i, name in enumerate(("示范市司法局", "示范市生态环境局", "示范市住建局"), 1)
    ]
    supervisor = factories.user(office, role=Membership.Role.SUPERVISOR, username="gkb")
    Membership.objects.create(user=supervisor, agency=gov, role=Membership.Role.SUPERVISOR)
    return gov, depts, supervisor


def report(agency, year, status="published", *, published=None, t3=None, t4=None, sections=None):
    data = json.loads(dumps(empty_report(Layout(), agency=agency.name, year=year)))
    data.pop("sections", None)
    for row, value in (t3 or {}).items():
        data["t3"][row]["total"] = value
        data["t3"][row]["natural_person"] = value
    for col, value in (t4 or {}).items():
        data["t4"]["cases"][col] = value
    at = timezone.make_aware(dt.datetime.combine(published, dt.time(10))) if published else None
    r = AnnualReport.objects.create(
        agency=agency,
        year=year,
        status=status,
        data=data,
        sections=sections or {},
        published_at=at,
        first_published_at=at,
    )
    if at:
        ReportVersion.objects.create(
            report=r, number=1, data=data, sections=r.sections, published_at=at
        )
    return r


# ------------------------------------------------------------------ status and access


def test_statuses_with_late(city):
    gov, (sfj, sthjj, zjj), supervisor = city
    report(sfj, 2024, published=dt.date(2025, 1, 20))  # on time (31 January)
    report(sthjj, 2024, published=dt.date(2025, 2, 3))  # published after the deadline
    report(zjj, 2024, status="draft")  # a draft after the deadline: late
    agencies = supervision.supervised_agencies(supervisor)
    assert [a.code for a in agencies] == ["city", "d1", "d2", "d3"]  # not the office itself
    rows = {r.agency.code: r for r in supervision.overview(agencies, 2024, dt.date(2025, 6, 1))}
    assert (rows["d1"].status, rows["d1"].late) == ("published", False)
    assert (rows["d2"].status, rows["d2"].late, rows["d2"].late_label) == (
        "published",
        True,
        "逾期发布",
    )
    assert (rows["d3"].status, rows["d3"].late, rows["d3"].late_label) == ("draft", True, "逾期")
    assert (rows["city"].status, rows["city"].late) == ("missing", True)  # 31 March passed
    assert rows["d1"].url == "/gk/d1/annual-reports/2024/" and rows["d3"].url == ""
    AnnualReport.objects.filter(agency=sfj).update(status="draft")  # reopened for a correction
    again = {r.agency.code: r for r in supervision.overview(agencies, 2024, dt.date(2025, 6, 1))}
    assert again["d1"].status_label == "已发布，更正中" and not again["d1"].late
    early = {r.agency.code: r for r in supervision.overview(agencies, 2024, dt.date(2025, 1, 10))}
    assert not early["d3"].late and not early["city"].late  # before the deadlines


def test_overview_findings_are_cached_until_the_report_or_last_year_changes(city, monkeypatch):
    gov, (sfj, *_), supervisor = city
    r = report(sfj, 2024, published=dt.date(2025, 1, 20), t3={"new_received": 5})
    expected = {str(f.level) for f in reports.findings(r)}
    calls = []
    real = reports.findings
    monkeypatch.setattr(reports, "findings", lambda rep: calls.append(rep.pk) or real(rep))

    def d1_counts():
        rows = supervision.overview([sfj], 2024, dt.date(2025, 6, 1))
        return dict(rows[0].findings)

    first = d1_counts()
    assert set(first) == expected and "error" in first  # 5 new applications, no outcome
    assert d1_counts() == first and calls == [r.pk]  # the second overview reads the cache
    r.data["t3"]["new_received"]["total"] = 0
    r.data["t3"]["new_received"]["natural_person"] = 0
    r.save()
    assert "error" not in d1_counts() and calls == [r.pk, r.pk]
    report(sfj, 2023, published=dt.date(2024, 1, 20))  # last year's tables are compared too
    d1_counts()
    assert calls == [r.pk, r.pk, r.pk]


def test_overview_page_for_the_supervisor_only(city, client):
    gov, (sfj, *_), supervisor = city
    report(sfj, 2024, published=dt.date(2025, 1, 20), t3={"new_received": 7, "granted": 5})
    client.force_login(supervisor)
    page = client.get("/supervision/2024/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "示范市司法局" in html and "已发布" in html and "未编制" in html and "逾期" in html
    assert 'href="/gk/d1/annual-reports/2024/"' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    assert "汇总依据" in html and "已发布的报告" in html
    for url in (
        "/supervision/2024/similarity/",
        "/supervision/complaints/",
        "/supervision/import/",
    ):
        assert client.get(url).status_code == 200, url
    handler = factories.user(sfj)  # a member of a department, not of the supervising office
    client.force_login(handler)
    for url in ("/supervision/2024/", "/supervision/2024/similarity/", "/supervision/complaints/"):
        assert client.get(url).status_code == 403, url
    client.logout()
    assert client.get("/supervision/2024/").status_code == 302  # to the sign-in page


def test_aggregate_sums_the_departments(city):
    gov, (sfj, sthjj, zjj), _ = city
    report(sfj, 2024, published=dt.date(2025, 1, 20), t3={"new_received": 7, "granted": 5},
           t4={"review_maintained": 1, "review_total": 1})  # fmt: skip
    report(sthjj, 2024, published=dt.date(2025, 1, 22), t3={"new_received": 3, "granted": 2},
           t4={"review_corrected": 2, "review_total": 2})  # fmt: skip
    report(zjj, 2024, status="draft", t3={"new_received": 100})
    published = supervision.aggregate(gov, 2024, "published")
    assert published.t3["new_received"]["total"] == 10
    assert published.t3["granted"]["natural_person"] == 7
    assert published.t4["cases"]["review_total"] == 3
    assert [a.code for a in published.missing] == ["d3"]
    assert "已发布" in published.basis_label
    everything = supervision.aggregate(gov, 2024, "all")
    assert everything.t3["new_received"]["total"] == 110 and not everything.missing
    assert "草稿" in everything.basis_label


# ------------------------------------------------------------------ similarity


def _sections(name: str) -> dict[str, str]:
    return dict(read(FIXTURES / name).report.sections)


def _renumber(sections: dict[str, str]) -> dict[str, str]:
    return {k: re.sub(r"\d+", lambda m: str(int(m.group()) + 7), v) for k, v in sections.items()}


@needs_fixtures
def test_similarity_flags_a_copy_not_different_agencies(city, client):
    gov, (sfj, sthjj, zjj), supervisor = city
    kewei = _sections("kewei-2024.md")
    report(sfj, 2023, published=dt.date(2024, 1, 20), sections=kewei)
    report(sfj, 2024, published=dt.date(2025, 1, 20), sections=_renumber(kewei))  # copied
    report(sthjj, 2024, published=dt.date(2025, 1, 20), sections=_sections("huaian-2024.pdf"))
    report(zjj, 2024, published=dt.date(2025, 1, 20), sections=_sections("fushun-justice-2020.txt"))
    agencies = supervision.supervised_agencies(supervisor)
    result = supervision.similarity(agencies, 2024)
    first = result.year_on_year[0]
    assert first.agency == sfj and first.flagged and first.share > 0.9
    assert all(p.share < supervision.FLAG_SHARE for p in result.pairs)  # different agencies
    assert not any(y.flagged for y in result.year_on_year[1:])

    client.force_login(supervisor)
    html = client.get("/supervision/2024/similarity/").content.decode()
    assert "疑似雷同" in html and html.index("示范市司法局") < html.index("示范市生态环境局")
    detail = client.get("/supervision/2024/similarity/d1/d1/2023/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert text.count("<mark>") >= 2 and "疑似雷同" in text
    assert client.get("/supervision/2024/similarity/d1/city-gkb/2024/").status_code == 404


# ------------------------------------------------------------------ complaints


def test_complaints_filed_answered_and_masked(city, client):
    gov, (sfj, *_), supervisor = city
    page = client.post(
        "/complaints/new/",
        {"agency": sfj.pk, "name": "张三丰", "contact": "13812345678", "text": "申请逾期未答复"},
    )
    assert page.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.status == "received" and complaint.agency == sfj
    status = client.get(f"/complaints/{complaint.code}/").content.decode()
    assert "已收到" in status and "张三丰" not in status and "13812345678" not in status
    # the honeypot: a code is shown, nothing is stored
    client.post(
        "/complaints/new/",
        {"agency": sfj.pk, "name": "x", "contact": "x", "text": "x", "website": "http://spam"},
    )
    assert Complaint.objects.count() == 1
    # the per-address limit (3 an hour, the honeypot hit counted too)
    client.post("/complaints/new/", {"agency": sfj.pk, "name": "李四", "contact": "1", "text": "x"})
    refused = client.post(
        "/complaints/new/", {"agency": sfj.pk, "name": "王五", "contact": "1", "text": "x"}
    )
    assert refused.status_code == 429 and Complaint.objects.count() == 2

    client.force_login(supervisor)
    listing = client.get("/supervision/complaints/").content.decode()
    assert "张**" in listing and "138****5678" in listing
    assert "张三丰" not in listing and "13812345678" not in listing
    assert listing.index(complaint.code) < listing.index("李*")  # oldest unanswered first
    handler = factories.user(sfj)
    with pytest.raises(PermissionDenied):
        complaints.answer_complaint(complaint, answer="x", actor=handler)
    answered = client.post(f"/supervision/complaints/{complaint.pk}/", {"answer": "已责令改正"})
    assert answered.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "answered" and complaint.answered_by == supervisor
    assert complaint.answered_at is not None
    with pytest.raises(ActionRefused):
        complaints.answer_complaint(complaint, answer="again", actor=supervisor)
    client.logout()
    assert "已责令改正" in client.get(f"/complaints/{complaint.code}/").content.decode()
    assert client.get("/complaints/ZZZZ-ZZZZ-ZZZZ/").status_code == 404
    for _ in range(9):  # wrong codes are limited per address: codes cannot be guessed
        client.get("/complaints/ZZZZ-ZZZZ-ZZZZ/")
    assert client.get(f"/complaints/{complaint.code}/").status_code == 429


# ------------------------------------------------------------------ import


@needs_fixtures
def test_import_the_fixture_reports_with_a_bad_file(tmp_path, settings):
    for code, name in (("fs-sfj", "抚顺市司法局"), ("sh-kw", "上海市科委"),
                       ("ha", "淮安市人民政府"), ("cs", "测试市")):  # fmt: skip
        factories.agency(code=code, name=name)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "fushun-justice-2020.txt",
        "kewei-2024.md",
        "city-2025-t3.html",
        "huaian-2024.pdf",
    ):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    (folder / "notes.txt").write_text("会议纪要：今天天气很好。", encoding="utf-8")

    out = StringIO()
    call_command("import_reports", str(folder), "--year", "2024", stdout=out)
    summary = out.getvalue()
    assert "共 6 个文件，导入 2 个，未导入 4 个" in summary
    assert "2020年度" in summary and "不是政府信息公开工作年度报告" in summary
    for year in (2020, 2025):
        call_command("import_reports", str(folder), "--year", str(year), stdout=StringIO())
    stored = {r.agency.code: r for r in AnnualReport.objects.all()}
    assert {c: r.year for c, r in stored.items()} == {
        "fs-sfj": 2020, "sh-kw": 2024, "ha": 2024, "cs": 2025,
    }  # fmt: skip
    kw = stored["sh-kw"]
    assert (kw.source, kw.status) == ("imported", "published") and kw.imported_file
    assert (
        kw.data["t3"]["new_received"]["total"]
        == json.loads((FIXTURES / "kewei-2024.expected.json").read_text(encoding="utf-8"))["t3"][
            "new_received"
        ]["total"]
    )
    assert kw.sections["applications"] and kw.versions.count() == 1
    assert ReportEvent.objects.filter(kind="imported").count() == 4
    assert ReportVersion.objects.count() == 4
    with pytest.raises(ImportRefused, match="未覆盖"):  # never overwritten
        import_file(folder / "kewei-2024.md", year=2024)
    # a name that matches no agency: the map file names it
    Agency.objects.filter(code="ha").update(name="淮安市政府")
    AnnualReport.objects.filter(agency__code="ha").delete()
    with pytest.raises(ImportRefused, match="对照表"):
        import_file(folder / "huaian-2024.pdf", year=2024)
    (tmp_path / "map.csv").write_text("file,agency_code\nhuaian-2024.pdf,ha\n", encoding="utf-8")
    out = StringIO()
    call_command(
        "import_reports", str(folder), "--year", "2024",
        "--agency-map", str(tmp_path / "map.csv"), stdout=out,
    )  # fmt: skip
    assert "导入 1 个" in out.getvalue()


@needs_fixtures
def test_upload_on_the_supervision_page(city, client, django_capture_on_commit_callbacks):
    """An upload is imported by the background worker (tests/supervision/test_import_jobs.py)."""
    gov, (sfj, *_), supervisor = city
    client.force_login(supervisor)
    data = (FIXTURES / "kewei-2024.md").read_bytes()
    from django.core.files.uploadedfile import SimpleUploadedFile

    def post(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            page = client.post(
                "/supervision/import/",
                {"file": SimpleUploadedFile("kewei.md", data), "year": "2024", **fields},
            )
        assert page.status_code == 302, page.content.decode()[:2000]
        run_worker()
        return client.get(page["Location"]).content.decode()

    assert "已导入" in post(agency=sfj.pk)
    assert AnnualReport.objects.get(agency=sfj, year=2024).source == "imported"
    assert "未覆盖" in post(agency=sfj.pk)
    outsider = factories.agency(code="elsewhere", name="上海市科委")
    # agencies outside the supervision are not matched
    assert "没有名为" in post()
    assert not AnnualReport.objects.filter(agency=outsider).exists()


# ------------------------------------------------------------------ years without data


@pytest.mark.django_db
def test_years_before_the_records_begin_have_no_data_not_zero():
    from xxgk.supervision.charts import small_multiples

    city = factories.agency(code="nd-city", name="测试市人民政府", kind=Agency.Kind.GOVERNMENT)
    bureau = factories.agency(code="nd-bureau", name="测试局", parent=city)
    handler = factories.user(bureau, Membership.Role.HANDLER)
    factories.received(bureau, handler, dt.date(2024, 3, 4))
    (series,) = supervision.applications_per_year([bureau], 2025, years=4)
    assert series.values == [(2022, None), (2023, None), (2024, 1), (2025, 0)]
    assert series.from_records == {2024, 2025}
    svg = str(small_multiples("c", "t", "d", [(bureau.name, series.values)]))
    assert svg.count("无数据") == 2 * 2  # the slot's text and its tooltip, for 2022 and 2023
    assert ">0</text>" in svg  # 2025: a real zero, drawn as one

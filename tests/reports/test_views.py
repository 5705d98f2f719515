"""The annual report's pages: the staff list with deadlines, the workspace (findings beside the
cells, section texts, refresh, approve, publish with an override reason, reopen), downloads,
and the published report on the portal with its versions."""

from __future__ import annotations

import datetime as dt
import json

import lxml.html
import pytest

from tests.applications import factories
from xxgk.applications import services as apps
from xxgk.applications.grounds import Ground
from xxgk.catalog import figures
from xxgk.reports import services
from xxgk.reports.models import AnnualReport

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def html(response, status=200):
    assert response.status_code == status, response.content.decode()[:3000]
    return lxml.html.fromstring(response.content.decode())


def text(doc) -> str:
    return " ".join(doc.text_content().split())


@pytest.fixture
def office():
    agency = factories.agency(code="sfj", name="示范市司法局")
    handler = factories.user(agency, username="handler")
    head = factories.user(agency, role="head", username="head")
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


def fill_figures(agency, head, year=2024):
    figures.save_figures(agency, year, figures.Figures(12, 3, 0, 0), actor=head)


def test_staff_pages_need_a_sign_in_and_a_role(client, office):
    agency, handler, _ = office
    assert client.get("/staff/reports/").status_code == 302
    outsider = factories.user(factories.agency(code="other"))
    report = services.create_draft(agency, year=2024, actor=handler)
    client.force_login(outsider)
    assert client.get(f"/staff/reports/{report.pk}/").status_code == 403
    assert client.get(f"/staff/reports/{report.pk}/report.docx").status_code == 403
    assert client.post(f"/staff/reports/{report.pk}/refresh/").status_code == 403
    nobody = factories.user()
    client.force_login(nobody)
    assert client.get("/staff/reports/").status_code == 403


def test_the_list_shows_each_year_with_its_art49_deadline(client, office, settings):
    agency, handler, _ = office
    services.create_draft(agency, year=2023, actor=handler)
    client.force_login(handler)
    doc = html(client.get("/staff/reports/"))
    rows = [" ".join(tr.text_content().split()) for tr in doc.xpath("//tbody/tr")]
    last = dt.date.today().year - 1
    assert any(f"{last}年度报告" in r and "尚未编制" in r for r in rows)
    (old,) = [r for r in rows if "2023年度报告" in r]
    assert "草稿" in old and "2024年1月31日" in old and "已逾期" in old
    assert doc.xpath("//tr[contains(., '2023年度报告')]//span[contains(@class,'badge-overdue')]")


def test_a_government_has_until_31_march(client):
    gov = factories.agency(code="sfs", name="示范市人民政府", kind="government")
    head = factories.user(gov, role="head")
    client.force_login(head)
    last = dt.date.today().year - 1
    doc = html(client.get("/staff/reports/"))
    assert f"{last + 1}年3月31日" in text(doc)


def test_drafting_shows_tables_findings_and_sections(client, office):
    agency, handler, _ = office
    client.force_login(handler)
    response = client.post("/staff/reports/", {"new-agency": agency.pk, "new-year": 2024})
    report = AnnualReport.objects.get(agency=agency, year=2024)
    assert response.status_code == 302 and response["Location"] == f"/staff/reports/{report.pk}/"
    doc = html(client.get(response["Location"]))
    assert doc.xpath("//table[contains(@class,'t2')]") and doc.xpath(
        "//table[contains(@class,'t3')]"
    )
    assert doc.xpath("//table[contains(@class,'t4')]")
    # the fee figure was not entered: a blank warning, and its cell is marked
    findings = [
        " ".join(li.text_content().split()) for li in doc.xpath("//ul[@class='finding-list']/li")
    ]
    assert any("行政事业性收费" in f and "空白" in f and f.startswith("警告") for f in findings), (
        findings
    )
    assert doc.xpath("//td[contains(@class,'finding-warning')]")
    assert len(doc.xpath("//textarea")) == 6
    assert "收到政府信息公开申请3件" in doc.xpath("//textarea[@name='s-applications']")[0].text
    assert doc.xpath("//a[@href='/staff/figures/2024/?agency=sfj']")
    # the handler drafts but does not approve or publish
    assert not doc.xpath("//form[contains(@action,'/approve/')]")
    # a second draft of the same year, or one of the current year, is refused with the reason
    doc = html(
        client.post("/staff/reports/", {"new-agency": agency.pk, "new-year": 2024}), status=400
    )
    assert "2024年度报告已存在" in text(doc.xpath("//div[@role='alert']")[0])


def test_entering_the_figures_and_refreshing_clears_the_blank_warnings(client, office):
    agency, handler, head = office
    report = services.create_draft(agency, year=2024, actor=handler)
    client.force_login(head)
    fill_figures(agency, head)
    doc = html(client.get(f"/staff/reports/{report.pk}/"))
    assert "行政事业性收费" in text(doc.xpath("//ul[@class='finding-list']")[0])
    response = client.post(f"/staff/reports/{report.pk}/refresh/")
    assert response.status_code == 302
    doc = html(client.get(response["Location"]))
    remaining = " ".join(text(ul) for ul in doc.xpath("//ul[@class='finding-list']"))
    assert (
        "行政事业性收费" not in remaining and "空白" not in remaining
    )  # only the text prompts are left
    assert "已根据业务记录重新生成统计表" in text(doc)
    report.refresh_from_db()
    assert report.data["t2"]["art20_5.admin_licensing"]["decisions"] == 12


def test_editing_the_sections(client, office):
    agency, handler, _ = office
    report = services.create_draft(agency, year=2024, actor=handler)
    client.force_login(handler)
    data = {f"s-{k}": v for k, v in report.sections.items()}
    data["s-problems"] = "一是栏目更新不够及时。\r\n二是解读形式单一。"
    response = client.post(f"/staff/reports/{report.pk}/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.sections["problems"] == "一是栏目更新不够及时。\n二是解读形式单一。"
    doc = html(client.get(f"/staff/reports/{report.pk}/"))
    paragraphs = doc.xpath("//section[@data-section='problems']/p/text()")
    assert paragraphs == ["一是栏目更新不够及时。", "二是解读形式单一。"]


def test_approve_and_publish_are_for_the_head(client, office):
    agency, handler, head = office
    report = services.create_draft(agency, year=2024, actor=handler)
    client.force_login(handler)
    doc = html(client.post(f"/staff/reports/{report.pk}/approve/"), status=400)
    assert "负责人审定" in text(doc.xpath("//div[@role='alert']")[0])
    client.force_login(head)
    assert client.post(f"/staff/reports/{report.pk}/approve/").status_code == 302
    report.refresh_from_db()
    assert report.status == "approved"
    doc = html(client.get(f"/staff/reports/{report.pk}/"))
    assert not doc.xpath("//textarea[starts-with(@name,'s-')]")  # locked
    assert not doc.xpath("//textarea[@name='publish-override_reason']")  # no errors: no reason
    doc = html(client.post(f"/staff/reports/{report.pk}/refresh/"), status=400)
    assert "锁定" in text(doc)


def test_publishing_with_errors_needs_a_reason(client, office):
    agency, handler, head = office
    report = services.create_draft(agency, year=2024, actor=handler)
    data = json.loads(json.dumps(report.data))
    data["t3"]["new_received"]["total"] = 99  # no longer the sum of its row
    AnnualReport.objects.filter(pk=report.pk).update(data=data)
    services.approve(report, actor=head)
    client.force_login(head)
    doc = html(client.get(f"/staff/reports/{report.pk}/"))
    assert doc.xpath("//td[contains(@class,'finding-error')]")
    assert doc.xpath("//textarea[@name='publish-override_reason']")
    doc = html(client.post(f"/staff/reports/{report.pk}/publish/", {}), status=400)
    assert doc.xpath("//div[@role='alert']")
    assert AnnualReport.objects.get(pk=report.pk).status == "approved"
    response = client.post(
        f"/staff/reports/{report.pk}/publish/",
        {"publish-override_reason": "已报主管部门，数字以业务系统为准"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "published" and report.override_reason.startswith("已报主管部门")


def publish(agency, handler, head, year=2024, **sections):
    report = services.create_draft(agency, year=year, actor=handler)
    if sections:
        services.edit_sections(report, sections=sections, actor=handler)
    services.approve(report, actor=head)
    return services.publish(report, actor=head)


def test_the_portal_shows_published_reports_only(client, office):
    agency, handler, head = office
    report = services.create_draft(agency, year=2024, actor=handler)
    assert client.get("/gk/sfj/annual-reports/2024/").status_code == 404
    assert client.get("/gk/sfj/annual-reports/2024/report.pdf").status_code == 404
    assert "尚未在本平台发布" in text(html(client.get("/gk/sfj/annual-reports/")))
    services.edit_sections(report, sections={"problems": "一是……二是……"}, actor=handler)
    services.approve(report, actor=head)
    services.publish(report, actor=head)
    doc = html(client.get("/gk/sfj/annual-reports/"))
    (link,) = doc.xpath("//ul[@class='gk-list']//a")
    assert link.get("href") == "/gk/sfj/annual-reports/2024/"
    assert link.text == "示范市司法局2024年政府信息公开工作年度报告"
    doc = html(client.get("/gk/sfj/annual-reports/2024/"))
    assert doc.xpath("//article//h1")[0].text == "示范市司法局2024年政府信息公开工作年度报告"
    assert doc.xpath("//table[contains(@class,'t3')]")
    assert "一是……二是……" in text(doc)
    assert not doc.xpath("//*[contains(@class,'finding')]")  # the public page has no findings
    assert client.get("/gk/sfj/annual-reports/2023/").status_code == 404
    assert client.get("/gk/nosuch/annual-reports/2024/").status_code == 404


def test_public_downloads_are_docx_and_pdf(client, office):
    agency, handler, head = office
    publish(agency, handler, head)
    response = client.get("/gk/sfj/annual-reports/2024/report.docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response.content[:2] == b"PK"
    assert "attachment" in response["Content-Disposition"]
    response = client.get("/gk/sfj/annual-reports/2024/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert client.get("/gk/sfj/annual-reports/2024/report.json").status_code == 404


def test_staff_downloads_include_json(client, office):
    agency, handler, _ = office
    report = services.create_draft(agency, year=2024, actor=handler)
    client.force_login(handler)
    response = client.get(f"/staff/reports/{report.pk}/report.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert json.loads(response.content)["t3"]["new_received"]["total"] == 3
    response = client.get(f"/staff/reports/{report.pk}/report.docx")
    assert response["Content-Type"] == DOCX and response.content[:2] == b"PK"
    response = client.get(f"/staff/reports/{report.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content[:5] == b"%PDF-"
    assert client.get(f"/staff/reports/{report.pk}/report.xml").status_code == 404


def test_a_correction_is_a_new_version_with_its_note(client, office):
    agency, handler, head = office
    report = publish(agency, handler, head, problems="第一版的问题。")
    client.force_login(head)
    doc = html(client.post(f"/staff/reports/{report.pk}/reopen/", {"reopen-note": ""}), 400)
    assert doc.xpath("//div[@role='alert']")
    response = client.post(
        f"/staff/reports/{report.pk}/reopen/", {"reopen-note": "更正第五部分的文字"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "draft" and report.version == 2
    assert "第一版的问题" in text(html(client.get("/gk/sfj/annual-reports/2024/")))
    services.edit_sections(report, sections={"problems": "第二版的问题。"}, actor=head)
    services.approve(report, actor=head)
    services.publish(report, actor=head)
    doc = html(client.get("/gk/sfj/annual-reports/2024/"))
    assert "第二版的问题" in text(doc) and "第一版的问题" not in text(doc)
    versions = text(doc.xpath("//section[@aria-labelledby='h-versions']")[0])
    assert "第2版" in versions and "更正第五部分的文字" in versions and "第1版" in versions
    old = html(client.get("/gk/sfj/annual-reports/2024/?version=1"))
    assert "第一版的问题" in text(old) and "已被更正" in text(old)
    assert client.get("/gk/sfj/annual-reports/2024/?version=7").status_code == 404
    listing = text(html(client.get("/gk/sfj/annual-reports/")))
    assert "已更正，第2版" in listing


def test_the_workspace_compares_with_last_year(client, office):
    agency, handler, head = office
    previous = services.create_draft(agency, year=2023, actor=handler)
    report = services.create_draft(agency, year=2024, actor=handler)
    client.force_login(handler)
    doc = html(client.get(f"/staff/reports/{report.pk}/"))
    (table,) = doc.xpath("//table[contains(@class,'compare')]")
    rows = {
        " ".join(tr.xpath("th")[0].text_content().split()): [
            " ".join(td.text_content().split()) for td in tr.xpath("td")
        ]
        for tr in table.xpath("tbody/tr")
    }
    assert rows["新收政府信息公开申请（件）"] == ["3", "0", "+3"]
    assert rows["结转下年度继续办理（件）"] == ["1", "0", "+1"]
    assert "行政复议（件）" in rows and "本平台主动公开信息（条）" in rows
    assert previous.year == 2023
    first = html(client.get(f"/staff/reports/{previous.pk}/"))
    assert not first.xpath("//table[contains(@class,'compare')]")


def test_texts_are_escaped(client, office):
    agency, handler, head = office
    publish(agency, handler, head, problems="<script>alert(1)</script>")
    body = client.get("/gk/sfj/annual-reports/2024/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body

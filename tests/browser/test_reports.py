"""The annual report in a real browser: the office head drafts last year's report, sees that
table 二's figures from other systems are blank (warnings beside the cells), enters them on the
figures page, refreshes the draft, approves and publishes it; the portal lists it and shows it
in the national format; the DOCX and PDF downloads are what they say. axe-core checks the
workspace and the public page. Screenshots and the PDF go to $XXGK_SCREENSHOTS (or the test's
temporary directory)."""

from __future__ import annotations

import datetime as dt

from tests.applications import factories
from tests.browser.test_catalog import serious_violations, sign_in
from xxgk.applications import services as apps
from xxgk.applications.grounds import Ground
from xxgk.reports.models import AnnualReport

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def bureau(year: int):
    """A bureau of a city government (whose supervising office has a member, `gkb`), with a
    head and a handler who received three applications in `year`."""
    city = factories.agency(code="city", name="示范市人民政府", kind="government")
    factories.user(city, role="supervisor", username="gkb")
    agency = factories.agency(code="sfj", name="示范市司法局", parent=city)
    handler = factories.user(agency, username="handler")
    factories.user(agency, role="head", username="head")
    for day in (3, 4, 5):
        app = factories.received(agency, handler, dt.date(year, 6, day))
        if day != 5:
            apps.decide(
                app,
                on=dt.date(year, 6, 20),
                ground=Ground.ART36_2_CAN_BE_DISCLOSED,
                legal_basis="第三十六条",
                actor=handler,
            )
    return agency


def test_draft_fix_approve_publish_and_download(live_server, browser, shots):
    from playwright.sync_api import expect

    year = dt.date.today().year - 1
    bureau(year)
    base = live_server.url
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    public = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})

    # --- the head drafts last year's report --------------------------------------------------
    page = sign_in(staff, base, "head")
    page.goto(f"{base}/staff/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开工作年度报告")
    expect(page.locator("tbody tr").first).to_contain_text("尚未编制")
    page.screenshot(path=shots / "reports-list.png", full_page=True)
    page.locator("#id_new-year").select_option(str(year))
    page.get_by_role("button", name="生成草稿").click()
    title = f"示范市司法局{year}年政府信息公开工作年度报告"
    expect(page.locator("main > .wrap > h1")).to_have_text(title)
    expect(page.locator(".status")).to_have_text("草稿")

    # table 二's fee figure is blank: a warning, and the cell is marked
    findings = page.locator(".finding-list li")
    expect(findings.filter(has_text="行政事业性收费")).to_contain_text("空白")
    expect(page.locator(".xxgk-annual-report td.finding-warning").first).to_be_visible()
    page.screenshot(path=shots / "reports-workspace.png", full_page=True)
    assert serious_violations(page) == []

    # --- the figures are entered and the draft refreshed ----------------------------------------
    page.get_by_role("link", name=f"填报{year}年度表二业务数据").click()
    page.get_by_label("行政许可处理决定数量").fill("120")
    page.get_by_label("行政处罚处理决定数量").fill("35")
    page.get_by_label("行政强制处理决定数量").fill("0")
    page.get_by_label("行政事业性收费金额（万元）").fill("0")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("已保存")
    page.goto(f"{base}/staff/reports/")
    page.get_by_role("link", name=f"{year}年度报告").click()
    page.locator("#action-refresh summary").click()
    page.get_by_role("button", name="重新生成").click()
    expect(page.get_by_role("status").first).to_contain_text("已根据业务记录重新生成统计表")
    # the blank cells are gone; only the prompts of the prefilled text remain to be written
    expect(page.locator(".finding-list")).not_to_contain_text("空白")
    expect(page.locator(".finding-list")).to_contain_text("待填写")

    # the text is edited
    page.get_by_label("五、存在的主要问题及改进情况").fill(
        "一是政策解读形式较为单一。\n二是依申请公开答复文书的规范性有待提高。"
    )
    page.get_by_role("button", name="保存正文").click()
    expect(page.get_by_role("status").first).to_contain_text("正文已保存")

    # --- approved and published ------------------------------------------------------------
    page.locator("#action-approve summary").click()
    page.get_by_role("button", name="审定报告").click()
    expect(page.locator(".status")).to_have_text("已审定")
    page.get_by_role("button", name="向社会公布").click()
    expect(page.locator(".status")).to_have_text("已发布")
    page.screenshot(path=shots / "reports-workspace-published.png", full_page=True)
    report = AnnualReport.objects.get(year=year)
    assert report.versions.count() == 1

    # --- the portal ----------------------------------------------------------------------------
    reader = public.new_page()
    reader.goto(f"{base}/gk/sfj/annual-reports/")
    reader.get_by_role("link", name=title).click()
    expect(reader.locator("article h1")).to_have_text(title)
    expect(reader.locator("article table.t3")).to_be_visible()
    expect(reader.locator("article")).to_contain_text("一是政策解读形式较为单一。")
    expect(reader.locator("article td.finding-warning")).to_have_count(0)
    reader.screenshot(path=shots / "reports-public.png", full_page=True)
    assert serious_violations(reader) == []
    reader.set_viewport_size({"width": 390, "height": 844})  # a phone
    reader.screenshot(path=shots / "reports-public-phone.png", full_page=True)
    # table 三 pans instead of squeezing: its row labels keep at least six characters a line
    t3 = reader.evaluate(
        """() => {
          const box = document.querySelector('article .table-scroll.t3');
          const labels = [...box.querySelectorAll('th[scope=row]')];
          const em = parseFloat(getComputedStyle(labels[0]).fontSize);
          return {scrolls: box.scrollWidth > box.clientWidth,
                  narrowest: Math.min(...labels.filter(th => th.textContent.trim().length > 6)
                                             .map(th => th.clientWidth)) / em};
        }"""
    )
    assert t3["scrolls"] and t3["narrowest"] >= 6, t3
    assert serious_violations(reader) == []
    reader.set_viewport_size({"width": 1280, "height": 900})

    docx_link = reader.get_by_role("link", name="下载 Word 文档（DOCX）").get_attribute("href")
    pdf_link = reader.get_by_role("link", name="下载 PDF 文档").get_attribute("href")
    response = public.request.get(base + docx_link)
    assert response.ok and response.headers["content-type"] == DOCX
    assert response.body()[:2] == b"PK"
    response = public.request.get(base + pdf_link)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body[:5] == b"%PDF-"
    (shots / "reports-public.pdf").write_bytes(body)
    with reader.expect_download() as info:
        reader.get_by_role("link", name="下载 PDF 文档").click()
    assert info.value.suggested_filename == f"{title}.pdf"

    # unpublished years are 404
    assert reader.goto(f"{base}/gk/sfj/annual-reports/{year - 1}/").status == 404

    # --- the supervising office sees it published, and the aggregate updated -------------------
    overseer_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    overseer = sign_in(overseer_ctx, base, "gkb")
    overseer.goto(f"{base}/supervision/{year}/")
    row = overseer.locator("tr", has=overseer.get_by_role("rowheader", name="示范市司法局"))
    expect(row).to_contain_text("已发布")
    expect(overseer.get_by_text("已汇总 1 个部门的报告")).to_be_visible()
    new_row = overseer.locator("table.data.compact tr", has_text="本年新收").first
    expect(new_row).to_contain_text("3")
    overseer.screenshot(path=shots / "supervision-after-publishing.png", full_page=True)
    for context in (staff, public, overseer_ctx):
        context.close()

"""Proactive disclosure in a real browser: an editor drafts an item (with an attachment), a
reviewer approves it, it appears in its column and in search for a two-character word of its
body; before approval its public URL is 404; withdrawing removes it again. axe-core checks
the portal's home, a column list, an item page and search results (no serious or critical
violations). Screenshots go to $XXGK_SCREENSHOTS (or the test's temporary directory)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from tests.applications import factories
from xxgk.agencies.models import Agency
from xxgk.catalog import services
from xxgk.catalog.models import Column, Item, Section, Topic

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "pw-Secret-123"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BODY = (
    "<p>为加强本市湿地保护，维护湿地生态功能和生物多样性，根据有关法律法规，结合本市实际，"
    "制定本办法。</p><p>第一条　本办法适用于本市行政区域内的湿地保护、修复和利用活动。</p>"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def portal():
    """A city government with two bureaus; the environment bureau has published a few items."""
    government = factories.agency(
        code="sfs", name="示范市人民政府", kind=Agency.Kind.GOVERNMENT, short_name="示范市政府"
    )
    office = factories.agency(
        code="sfsb",
        name="示范市人民政府办公室",
        kind=Agency.Kind.SUPERVISING_OFFICE,
        parent=government,
    )
    bureau = factories.agency(
        code="sthjj",
        name="示范市生态环境局",
        parent=government,
        index_code="11210400MB0000000X",
        office_name="示范市生态环境局办公室",
        office_address="示范市人民路1号",
        office_hours="工作日上午9:00—12:00，下午13:30—17:00",
        office_phone="010-12345678",
        office_fax="010-12345679",
        office_email="gk@sthjj.example.gov.cn",
        review_body="示范市人民政府",
    )
    factories.agency(code="sfj", name="示范市司法局", parent=government)
    factories.agency(code="sthjj-jc", name="示范市环境监测中心", parent=bureau, kind="sub_unit")
    statutory = Section.objects.create(agency=bureau, name="法定主动公开内容", slug="fdzdgknr")
    system = Section.objects.create(agency=bureau, name="公开制度", slug="zd", order=1)
    documents = Column.objects.create(
        agency=bureau,
        section=statutory,
        name="政策文件",
        slug="zcwj",
        description="规章和规范性文件",
    )
    readings = Column.objects.create(
        agency=bureau, section=statutory, name="政策解读", slug="zcjd", order=1
    )
    Column.objects.create(agency=bureau, section=statutory, name="行政执法", slug="xzzf", order=2)
    Column.objects.create(agency=bureau, section=system, name="政府信息公开制度", slug="gkzd")
    top = Topic.objects.create(name="城乡建设、环境保护")
    topic = Topic.objects.create(name="环境监测、保护与治理", parent=top)
    Topic.objects.create(name="综合政务", order=1)
    editor = factories.user(bureau, role="editor", username="editor")
    reviewer = factories.user(bureau, role="reviewer", username="reviewer")
    factories.user(office, role="editor", username="office-editor")

    today = timezone.localdate()

    def published(title, *, days_ago, **kw):
        data = dict(
            title=title,
            formed_on=today - dt.timedelta(days=days_ago + 3),
            column_id=documents.pk,
            topic_id=topic.pk,
            issuer="示范市生态环境局",
            body="<p>各区生态环境分局、各有关单位：现将有关事项通知如下。</p>",
        )
        data.update(kw)
        item = services.create_draft(bureau, data=services.ItemInput(**data), actor=editor)
        services.submit_for_review(item, actor=editor)
        services.approve(
            item,
            opinion="不涉密，同意发布",
            actor=reviewer,
            on=today - dt.timedelta(days=days_ago),
        )
        item.refresh_from_db()
        return item

    old = published(
        "示范市扬尘污染防治管理办法",
        days_ago=300,
        document_number="示环规〔2023〕1号",
        genre=Item.Genre.NORMATIVE,
    )
    new = published(
        "示范市扬尘污染防治管理办法（2025年修订）",
        days_ago=40,
        document_number="示环规〔2025〕2号",
        genre=Item.Genre.NORMATIVE,
    )
    services.set_validity(
        old,
        validity=Item.Validity.REPEALED,
        on=today - dt.timedelta(days=40),
        replaced_by=new,
        actor=editor,
    )
    published(
        "《示范市扬尘污染防治管理办法（2025年修订）》政策解读",
        days_ago=39,
        column_id=readings.pk,
        genre=Item.Genre.INTERPRETATION,
        interprets=[new.pk],
    )
    for n, title in enumerate(
        [
            "关于开展2025年度重点排污单位自行监测检查的通知",
            "示范市生态环境局关于机动车排放检验机构监督检查情况的通报",
            "关于做好夏季臭氧污染防治工作的通知",
        ]
    ):
        published(title, days_ago=10 + n, document_number=f"示环发〔2025〕{20 + n}号")
    return bureau, documents


def sign_in(context, base: str, username: str):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return page


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: run `npm ci` (scripts/test.sh does)")
    # evaluated through the DevTools protocol, which the page's CSP does not govern (an
    # injected <script> would be refused, and bypassing the CSP would hide its violations)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_draft_review_publish_search_and_withdraw(live_server, browser, shots, media, tmp_path):
    from playwright.sync_api import expect

    bureau, documents = portal()
    base = live_server.url
    public = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    editor_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    reviewer_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})

    # --- the editor drafts --------------------------------------------------------------
    editor = sign_in(editor_ctx, base, "editor")
    editor.goto(f"{base}/staff/items/")
    editor.get_by_role("link", name="起草新信息").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("起草新信息")
    editor.get_by_label("栏目").select_option(label="政策文件")
    editor.get_by_label("标题", exact=True).fill("示范市湿地保护办法")
    editor.get_by_label("文号", exact=True).fill("示环规〔2026〕1号")
    editor.get_by_label("成文日期").fill(timezone.localdate().isoformat())
    editor.get_by_label("主题分类").select_option(label="城乡建设、环境保护\\环境监测、保护与治理")
    editor.get_by_label("体裁").select_option(label="行政规范性文件")
    editor.get_by_label("内容概述").fill("规定本市湿地保护、修复和利用的管理措施。")
    editor.get_by_label("正文", exact=True).fill(BODY)
    editor.get_by_role("button", name="保存草稿").click()
    expect(editor.get_by_role("heading", level=1)).to_contain_text("示范市湿地保护办法")
    expect(editor.locator(".status")).to_have_text("草稿")
    item = Item.objects.get(title="示范市湿地保护办法")
    item_url = f"{base}/gk/sthjj/items/{item.pk}/"

    # an attachment: a disguised program is refused, a real PDF is kept
    exe = tmp_path / "通知.pdf"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    pdf = tmp_path / "湿地名录.pdf"
    pdf.write_bytes(PDF)
    editor.locator("#action-attach summary").click()
    editor.get_by_label("附件文件").set_input_files(str(exe))
    editor.get_by_role("button", name="上传").click()
    expect(editor.get_by_role("alert").first).to_contain_text("不能上传")
    expect(editor.locator("#action-attach")).to_have_attribute("open", "")  # kept open
    editor.get_by_label("附件文件").set_input_files(str(pdf))
    editor.get_by_role("button", name="上传").click()
    expect(editor.get_by_role("link", name="湿地名录.pdf")).to_be_visible()

    # the draft's public URL is 404 before approval
    page = public.new_page()
    assert page.goto(item_url).status == 404
    editor.get_by_role("button", name="提交审查").click()
    expect(editor.locator(".status")).to_have_text("待保密审查")
    assert page.goto(item_url).status == 404
    page.screenshot(path=shots / "catalog-404.png")

    # --- the reviewer approves ------------------------------------------------------------
    reviewer = sign_in(reviewer_ctx, base, "reviewer")
    reviewer.goto(f"{base}/staff/items/")
    queue = reviewer.locator("section[aria-labelledby='h-queue']")
    queue.get_by_role("link", name="示范市湿地保护办法").click()
    reviewer.get_by_label("同意发布").check()
    reviewer.get_by_label("审查意见").fill("不涉及国家秘密、商业秘密和个人隐私，同意发布。")
    reviewer.screenshot(path=shots / "catalog-staff-review.png", full_page=True)
    reviewer.get_by_role("button", name="提交审查结论").click()
    expect(reviewer.locator(".status")).to_have_text("已发布")

    # --- the portal -----------------------------------------------------------------------
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开平台")
    page.screenshot(path=shots / "catalog-home.png", full_page=True)
    assert serious_violations(page) == []

    page.goto(f"{base}/gk/sthjj/")
    page.screenshot(path=shots / "catalog-agency.png", full_page=True)
    assert serious_violations(page) == []

    page.goto(f"{base}/gk/sthjj/zcwj/")
    expect(page.get_by_role("link", name="示范市湿地保护办法", exact=True)).to_be_visible()
    page.screenshot(path=shots / "catalog-list.png", full_page=True)
    assert serious_violations(page) == []

    page.get_by_role("link", name="示范市湿地保护办法", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("示范市湿地保护办法")
    expect(page.locator(".gk-meta")).to_contain_text("11210400MB0000000X/")
    expect(page.get_by_role("link", name="湿地名录.pdf")).to_be_visible()
    page.screenshot(path=shots / "catalog-item.png", full_page=True)
    assert serious_violations(page) == []

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.screenshot(path=shots / "catalog-item-phone.png", full_page=True)
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    repealed = Item.objects.get(title="示范市扬尘污染防治管理办法")
    page.goto(f"{base}/gk/sthjj/items/{repealed.pk}/")
    expect(page.locator(".gk-validity")).to_contain_text("本文件已废止")
    page.screenshot(path=shots / "catalog-item-repealed.png", full_page=True)

    page.goto(f"{base}/")
    page.get_by_label("检索政府信息").fill("湿地")
    page.get_by_label("检索政府信息").press("Enter")
    expect(page.locator(".gk-hits h3 a")).to_have_text(["示范市湿地保护办法"])
    expect(page.locator(".gk-snippet mark").first).to_have_text("湿地")
    page.screenshot(path=shots / "catalog-search.png", full_page=True)
    assert serious_violations(page) == []

    page.goto(f"{base}/gk/sthjj/guide/")
    page.screenshot(path=shots / "catalog-guide.png", full_page=True)
    assert serious_violations(page) == []

    # --- withdrawing removes it everywhere -------------------------------------------------
    editor.goto(f"{base}/staff/items/{item.pk}/")
    editor.locator("#action-withdraw summary").click()
    editor.get_by_label("撤回理由").fill("内容需要调整")
    editor.get_by_role("button", name="撤回", exact=True).click()
    expect(editor.locator(".status")).to_have_text("已撤回")
    assert page.goto(item_url).status == 404
    page.goto(f"{base}/gk/sthjj/zcwj/")
    expect(page.get_by_role("link", name="示范市湿地保护办法", exact=True)).to_have_count(0)
    page.goto(f"{base}/search/?q=湿地")
    expect(page.locator(".gk-hits")).to_have_count(0)
    expect(page.get_by_role("status").first).to_contain_text("没有找到")

    editor.screenshot(path=shots / "catalog-staff-item.png", full_page=True)
    editor.goto(f"{base}/staff/items/")
    editor.screenshot(path=shots / "catalog-staff-list.png", full_page=True)
    editor.get_by_role("link", name="起草新信息").click()
    editor.screenshot(path=shots / "catalog-staff-new.png", full_page=True)
    for context in (public, editor_ctx, reviewer_ctx):
        context.close()

"""A disclosure application in a real browser: a citizen applies online and follows the case
by its tracking code; a handler confirms receipt, asks for a correction, receives it, decides
and downloads the reply letter; another agency's handler is refused; the workbench masks the
ID number. Screenshots go to $XXGK_SCREENSHOTS (or the test's temporary directory)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.applications import factories

ID_NUMBER = "11010519491231002X"
PASSWORD = "pw-Secret-123"


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def sign_in(page, base: str, username: str, shot: Path | None = None) -> None:
    page.goto(f"{base}/accounts/login/")
    if shot:
        page.screenshot(path=shot, full_page=True)
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def open_action(page, name: str):
    """Unfold the action's <details> (the first one on the page is open already)."""
    details = page.locator(f"#action-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def test_apply_track_handle_and_decide(live_server, browser, shots, media):
    from playwright.sync_api import expect

    cache.clear()
    city = factories.agency(code="city", name="示范市人民政府办公室")
    bureau = factories.agency(code="sfj", name="示范市司法局", parent=city)
    other = factories.agency(code="jtj", name="示范市交通局", parent=city)
    factories.user(bureau, username="handler")
    factories.user(city, role="supervisor", username="overseer")
    factories.user(other, username="stranger")
    base = live_server.url
    # two cases already on the handler's desk: one overdue, one due soon
    from django.utils import timezone

    today = timezone.localdate()
    handler = bureau.memberships.get().user
    overdue = factories.received(
        bureau, handler, today - dt.timedelta(days=45), applicant_name="李四"
    )
    soon = factories.received(
        bureau,
        handler,
        today - dt.timedelta(days=25),
        applicant_type="legal_commercial",
        applicant_name="示范科技有限公司",
        id_type="credit_code",
        id_number="91350100M000100Y43",
        contact_person="赵六",
    )

    # ---- a citizen applies online
    citizen = browser.new_page(locale="zh-CN", viewport={"width": 1100, "height": 900})
    citizen.goto(f"{base}/")
    citizen.get_by_role("link", name="在线申请").click()
    citizen.get_by_role("link", name="示范市司法局").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("向示范市司法局申请政府信息公开")
    citizen.screenshot(path=shots / "apply-empty.png", full_page=True)

    citizen.get_by_label("自然人").check()
    citizen.get_by_label("姓名或名称").fill("王小明")
    citizen.get_by_label("证件类型").select_option(label="居民身份证")
    citizen.get_by_label("证件号码").fill("110105194912310021")  # wrong check digit first
    citizen.get_by_label("联系电话").fill("139 1234 5678")
    citizen.get_by_label("电子邮箱").fill("wang@example.invalid")
    citizen.get_by_label("通信地址").fill("示范市示范区示范路8号")
    citizen.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "2025年本局作出的全部行政许可决定书"
    )
    citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.get_by_role("alert")).to_contain_text("居民身份证号码校验位不正确")
    citizen.screenshot(path=shots / "apply-errors.png", full_page=True)

    citizen.get_by_label("证件号码").fill(ID_NUMBER)
    citizen.screenshot(path=shots / "apply.png", full_page=True)
    citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("申请已提交")
    code = citizen.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    citizen.screenshot(path=shots / "submitted.png", full_page=True)

    # ---- and follows it by the tracking code
    citizen.goto(f"{base}/track/")
    citizen.get_by_label("查询码").fill(code.replace("-", "").lower())
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("办理进度")
    expect(citizen.locator("main")).to_contain_text("待确认收到")
    expect(citizen.locator("main")).to_contain_text("王**")
    assert ID_NUMBER not in citizen.content() and "王小明" not in citizen.content()

    # ---- a handler signs in: the workbench masks the ID number
    staff = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    blocked = []
    staff.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    sign_in(staff, base, "handler", shots / "login.png")
    expect(staff.get_by_role("heading", level=1)).to_have_text("依申请公开工作台")
    codes = staff.locator("table.data tbody th").all_inner_texts()
    assert codes[:2] == [overdue.tracking_code, soon.tracking_code]
    expect(staff.get_by_role("row").filter(has_text=overdue.tracking_code)).to_contain_text(
        "已逾期"
    )
    row = staff.get_by_role("row").filter(has_text=code)
    expect(row).to_contain_text("110105********002X")
    expect(row).to_contain_text("139****5678")
    assert ID_NUMBER not in staff.content()
    staff.screenshot(path=shots / "workbench.png", full_page=True)

    # ---- confirms receipt, asks for a correction, receives it
    staff.get_by_role("link", name=code).click()
    case_url = staff.url
    expect(staff.get_by_role("heading", level=1)).to_contain_text(code)
    expect(staff.locator("main")).to_contain_text(ID_NUMBER)  # full data on the case page
    staff.get_by_role("button", name="确认收到").click()
    expect(staff.get_by_role("status")).to_contain_text("已确认收到申请")
    staff.locator("details.deadline summary").click()
    expect(staff.locator("details.deadline table")).to_contain_text("起算日")
    staff.locator("section[aria-labelledby='h-clock']").screenshot(path=shots / "case-clock.png")

    open_action(staff, "request-correction")
    staff.get_by_label("需要补正的事项").fill("请写明所需决定书的具体年份和事项名称")
    staff.get_by_role("button", name="告知补正").click()
    expect(staff.get_by_role("status")).to_contain_text("已告知补正")
    expect(staff.locator("main")).to_contain_text("等待申请人补正")

    staff.get_by_role("button", name="登记收到补正").click()
    expect(staff.get_by_role("status")).to_contain_text("重新计算")

    # ---- decides: disclosed
    open_action(staff, "decide")
    staff.get_by_label("答复类型").select_option(label="予以公开（第三十六条第二项）")
    # decide.js fills in the ground's legal basis (the server does the same without it)
    expect(staff.get_by_label("法律依据")).to_have_value(
        "《中华人民共和国政府信息公开条例》第三十六条第二项"
    )
    staff.get_by_label("答复内容").fill("提供2025年行政许可决定书12份，电子文档见附件。")
    staff.screenshot(path=shots / "case-deciding.png", full_page=True)
    staff.get_by_role("button", name="作出答复").click()
    expect(staff.get_by_role("status")).to_contain_text("已作出答复")
    expect(staff.locator(".status")).to_have_text("已办结")
    expect(staff.locator("#h-decision + dl")).to_contain_text("予以公开（第三十六条第二项）")
    staff.screenshot(path=shots / "case.png", full_page=True)

    assert blocked == []

    # ---- downloads the reply letter, when letters.py makes one
    from xxgk.applications.models import Application

    app = Application.objects.get(tracking_code=code)
    reply = app.letters.filter(kind="reply").first()
    if reply is not None:
        with staff.expect_download() as info:
            staff.get_by_role("link", name=re.compile(re.escape(reply.number))).click()
        path = info.value.path()
        assert Path(path).read_bytes()[:2] == b"PK"
        assert info.value.suggested_filename.endswith(".docx")

    # ---- the citizen sees the decision
    citizen.goto(f"{base}/track/{code}/")
    expect(citizen.locator("main")).to_contain_text("已办结")
    expect(citizen.locator("main")).to_contain_text("请写明所需决定书的具体年份和事项名称")
    expect(citizen.locator("main")).to_contain_text("予以公开")
    citizen.screenshot(path=shots / "tracking.png", full_page=True)

    # ---- another agency's handler is refused
    stranger = browser.new_page(locale="zh-CN")
    sign_in(stranger, base, "stranger")
    response = stranger.goto(case_url)
    assert response.status == 403
    expect(stranger.get_by_role("heading", level=1)).to_have_text("无权访问")
    expect(stranger.locator("main")).not_to_contain_text(code)
    stranger.screenshot(path=shots / "forbidden.png", full_page=True)

    # ---- the supervising office reads the case, without action forms
    overseer = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    sign_in(overseer, base, "overseer")
    overseer.goto(case_url)
    expect(overseer.locator("main")).to_contain_text("只读")
    expect(overseer.locator("main")).to_contain_text("已脱敏")  # identity masked (item 8)
    assert ID_NUMBER not in overseer.content()
    assert overseer.locator("main form[method='post']").count() == 0
    overseer.screenshot(path=shots / "case-readonly.png", full_page=True)

    for page in (citizen, staff, stranger, overseer):
        page.close()


def test_the_apply_form_and_the_workbench_in_english(live_server, browser, shots):
    from playwright.sync_api import expect

    cache.clear()
    bureau = factories.agency(code="sfj", name="示范市司法局")
    handler = factories.user(bureau, username="handler")
    factories.received(bureau, handler, dt.date.today())
    page = browser.new_page(locale="en-US", viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/apply/sfj/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Apply to 示范市司法局 for government information"
    )
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("alert")).to_contain_text("Phone: please fill in")
    page.screenshot(path=shots / "apply-en.png", full_page=True)

    sign_in_en = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 700})
    sign_in_en.goto(f"{live_server.url}/accounts/login/")
    sign_in_en.get_by_label("Username").fill("handler")
    sign_in_en.get_by_label("Password").fill(PASSWORD)
    sign_in_en.get_by_role("button", name="Sign in").click()
    expect(sign_in_en.get_by_role("heading", level=1)).to_have_text("Applications workbench")
    expect(sign_in_en.locator("table")).to_contain_text("working days left")
    sign_in_en.screenshot(path=shots / "workbench-en.png", full_page=True)
    page.close()
    sign_in_en.close()

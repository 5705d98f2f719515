"""The README's account in a real browser: admin/admin signs in through the form, lands on
the work list with the demo's cases, and opens the supervision pages."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from tests.applications import factories
from xxgk.accounts.models import User
from xxgk.agencies.models import Agency


@pytest.mark.django_db(transaction=True)
def test_admin_signs_in_and_sees_the_work(live_server, browser, shots):
    from playwright.sync_api import expect

    call_command("demo", "--no-cases", stdout=StringIO(), stderr=StringIO())
    case = factories.received(
        Agency.objects.get(code="demo-sfj"),
        User.objects.get(username="sfj-handler"),
        dt.date(2026, 11, 2),
    )
    page = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", name="演示账户")).to_be_visible()
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill("admin")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{live_server.url}/staff/applications/")
    expect(page.get_by_role("link", name=case.tracking_code)).to_be_visible()
    expect(page.locator(".role-banner")).to_contain_text("系统管理员")
    page.screenshot(path=shots / "admin-worklist-1366.png", full_page=True)
    page.get_by_role("link", name="监督检查").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("年度报告概况")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "admin-supervision-390.png", full_page=True)
    page.close()

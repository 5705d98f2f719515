"""长辈版 in a real browser: reached from the page, without JavaScript, larger type, and
axe-core finds no serious problem on the pages a reader visits in it."""

from __future__ import annotations

import pytest

from tests.catalog.sites import (
    publish,
    site,  # noqa: F401  (the fixture)
)

from .test_catalog import serious_violations


@pytest.mark.django_db(transaction=True)
def test_elder_mode_pages_pass_axe(live_server, browser, shots, site):  # noqa: F811
    from playwright.sync_api import expect

    item = publish(site, title="关于示范市生态环境保护工作的通知")
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1366, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/gk/sthjj/")
    standard_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="长辈版").click()
    expect(page.locator("html")).to_have_class("mode-elder")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= (
        standard_size * 1.2
    )
    context.close()

    # axe needs script: the same reader's cookie, now with JavaScript on
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.add_cookies([{"name": "xxgk_mode", "value": "elder", "url": live_server.url}])
    page = context.new_page()
    for path in ("/", "/gk/sthjj/", f"/gk/sthjj/items/{item.pk}/", "/site-map/", "/contact/"):
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_class("mode-elder")
        assert serious_violations(page) == [], path
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            name = path.strip("/").replace("/", "-") or "home"
            page.screenshot(path=shots / f"elder-{name}-{width}.png", full_page=True)
    context.close()

"""The home page in a real browser: Chinese first, then English through the language form."""

from __future__ import annotations


def test_home_page_switches_from_chinese_to_english(live_server, browser, tmp_path):
    from playwright.sync_api import expect

    page = browser.new_page(locale="zh-CN", viewport={"width": 1024, "height": 800})
    page.goto(f"{live_server.url}/")

    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开平台")
    expect(page.get_by_role("banner")).to_be_visible()
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    page.screenshot(path=tmp_path / "home-zh.png", full_page=True)

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Government information disclosure platform"
    )
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    page.screenshot(path=tmp_path / "home-en.png", full_page=True)
    assert (tmp_path / "home-en.png").stat().st_size > 10_000
    page.close()

"""The supervising office's pages in a real browser: the overview (status table, aggregate,
charts) and the side-by-side page of a copied report, with axe-core checks and screenshots in
$XXGK_SCREENSHOTS (or the test's temporary directory)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.browser.test_catalog import serious_violations, sign_in
from tests.supervision.test_supervision import FIXTURES, _renumber, _sections, report

pytestmark = [
    pytest.mark.skipif(not FIXTURES.is_dir(), reason="shared report fixtures absent"),
]


def test_overview_and_similarity_detail(live_server, browser, tmp_path):
    from playwright.sync_api import expect

    from tests.applications import factories
    from xxgk.accounts.models import Membership
    from xxgk.agencies.models import Agency

    folder = Path(os.environ.get("XXGK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    gov = factories.agency(code="city", name="示范市人民政府", kind=Agency.Kind.GOVERNMENT)
    sfj = factories.agency(code="sfj", name="示范市司法局", parent=gov)
    sthjj = factories.agency(code="sthjj", name="示范市生态环境局", parent=gov)
    factories.user(gov, role=Membership.Role.SUPERVISOR, username="gkb")
    kewei = _sections("kewei-2024.md")
    report(sfj, 2023, published=dt.date(2024, 1, 20), sections=kewei,
           t3={"new_received": 12, "granted": 9})  # fmt: skip
    report(sfj, 2024, published=dt.date(2025, 1, 20), sections=_renumber(kewei),
           t3={"new_received": 15, "granted": 10, "partially_granted": 3})  # fmt: skip
    report(sthjj, 2024, published=dt.date(2025, 2, 10), sections=_sections("huaian-2024.pdf"),
           t3={"new_received": 8, "granted": 4, "unable.not_held": 2})  # fmt: skip

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = sign_in(context, live_server.url, "gkb")
    page.goto(f"{live_server.url}/supervision/2024/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "2024年度政府信息公开工作年度报告概况"
    )
    expect(page.get_by_role("img", name="2024年各机关新收申请件数比较")).to_be_visible()
    expect(page.locator("tr", has_text="示范市生态环境局").first).to_contain_text("逾期发布")
    assert serious_violations(page) == []
    page.screenshot(path=folder / "supervision-overview.png", full_page=True)

    page.get_by_role("link", name="雷同检查").click()
    expect(page.locator("tr.row-flagged").first).to_contain_text("示范市司法局")
    page.get_by_role("link", name="查看示范市司法局两年正文对照").click()
    expect(page.locator("mark").first).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path=folder / "supervision-similarity.png", full_page=True)
    context.close()

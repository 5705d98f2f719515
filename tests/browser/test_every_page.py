"""Every public and staff page of the demo in a real browser, at a phone's 390 and a desktop's
1366 pixels: each answers, shows no CSP violation or script error in the console, keeps the
page within the screen's width (wide tables pan inside their own scrollers), and leaves a
screenshot in $XXGK_SCREENSHOTS (docs/ui.md says which were looked at and what was fixed)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from xxgk.applications.models import Application
from xxgk.catalog.models import Column, Item
from xxgk.disputes.models import Case
from xxgk.reports.models import AnnualReport
from xxgk.supervision.models import Complaint

WIDTHS = (390, 1366)


def pages() -> dict[str | None, list[str]]:
    """The pages each person opens (None: an anonymous reader)."""
    sfj = "demo-sfj"
    item = Item.objects.public().filter(agency__code=sfj).order_by("-pk").first()
    column = Column.objects.filter(agency__code=sfj).first()
    year = dt.date.today().year - 1
    case = Application.objects.filter(agency__code=sfj).order_by("pk").first()
    report = AnnualReport.objects.filter(agency__code=sfj, year=year).first()
    dispute = Case.objects.filter(agency__code=sfj).first()
    complaint = Complaint.objects.first()
    public = [
        "/",
        "/search/?q=%E8%A1%8C%E6%94%BF%E8%AE%B8%E5%8F%AF",
        "/apply/",
        f"/apply/{sfj}/",
        "/track/",
        "/complaints/new/",
        "/site-map/",
        "/contact/",
        f"/gk/{sfj}/",
        f"/gk/{sfj}/guide/",
        f"/gk/{sfj}/{column.slug}/",
        f"/gk/{sfj}/items/{item.pk}/",
        f"/gk/{sfj}/annual-reports/",
        f"/gk/{sfj}/annual-reports/{year}/",
        "/accounts/login/",
        "/data/",
        "/api/v1/docs",
    ]
    handler = [
        "/staff/applications/",
        f"/staff/applications/{case.pk}/",
        "/staff/applications/new/",
        "/staff/disputes/",
        *([f"/staff/disputes/{dispute.pk}/"] if dispute else []),
        "/staff/reports/",
        f"/staff/reports/{report.pk}/",
    ]
    editor = ["/staff/items/", "/staff/items/new/", f"/staff/figures/{year}/"]
    office = [
        f"/supervision/{year}/",
        f"/supervision/{year}/similarity/",
        "/supervision/complaints/",
        *([f"/supervision/complaints/{complaint.pk}/"] if complaint else []),
        "/supervision/import/",
    ]
    head = ["/staff/api-tokens/"]
    return {
        None: public, "sfj-handler": handler, "editor": editor, "gkb": office, "sfj-head": head
    }  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_every_page_at_phone_and_desktop_width(live_server, browser, shots, settings, tmp_path):
    settings.XXGK_OPEN_DATA_DIR = tmp_path / "open-data"
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    call_command("open_data", stdout=StringIO())
    base = live_server.url
    problems: list[str] = []
    for username, paths in pages().items():
        context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
        if username:
            page.goto(f"{base}/accounts/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", username)
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
        for path in paths:
            response = page.goto(base + path)
            if response is None or response.status >= 400:
                problems.append(f"{username} {path}: {response and response.status}")
                continue
            name = (username or "public") + "-" + (path.strip("/").split("?")[0] or "home")
            name = name.replace("/", "-")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 1:
                    problems.append(f"{username} {path} at {width}px: {overflow}px too wide")
                page.screenshot(path=shots / f"{name}-{width}.png", full_page=True)
            page.set_viewport_size({"width": 1366, "height": 900})
        context.close()
    assert problems == []

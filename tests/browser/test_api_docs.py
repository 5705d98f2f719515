"""The API's interactive docs in a real browser: Swagger UI from our own static files renders
every operation (a schema it cannot parse shows "Unable to render" instead), tries one out,
and no script error or CSP violation appears."""

from __future__ import annotations

import pytest


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_every_operation_and_try_one(live_server, browser, shots):
    from playwright.sync_api import expect

    from xxgk.api.main import api

    operations = sum(len(ops) for ops in api.get_openapi_schema()["paths"].values())
    errors: list[str] = []
    page = browser.new_page(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert page.locator(".opblock").count() == operations
    assert "Unable to render" not in page.content()
    page.locator(".opblock-summary-path", has_text="/api/v1/agencies").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text(
        "200", timeout=15_000
    )
    page.screenshot(path=shots / "api-docs-1366.png", full_page=False)
    assert errors == []
    assert all(u.startswith(live_server.url) for u in requests), (
        "the docs load nothing from elsewhere"
    )
    page.close()


@pytest.mark.django_db(transaction=True)
def test_a_new_token_fits_a_phone(live_server, browser, shots, settings):
    from tests.applications import factories

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = factories.agency(code="tok", name="示范局")
    head = factories.user(agency, role="head", username="tok-head")
    head.set_password("tok-head")
    head.save()
    factories.user(agency, role="editor", username="tok-editor")
    page = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "tok-head")
    page.fill("input[name=password]", "tok-head")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/staff/api-tokens/")
    page.fill("input[name=token-name]", "OA 系统")
    page.get_by_role("button", name="签发", exact=True).click()
    assert page.locator("#token-secret").inner_text().startswith("xxgk_")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.screenshot(path=shots / "api-token-issued-390.png", full_page=True)
    assert overflow <= 1  # the token wraps instead of widening the page
    page.close()

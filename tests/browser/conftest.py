"""What every browser test shares: Debian's Chromium through Playwright (one browser per
module), the `browser` mark and the skip when Chromium is missing, and the screenshot folder
($XXGK_SCREENSHOTS, or the test's temporary directory)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing: install Debian's chromium (scripts/test.sh does)",
    )
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(missing)


class CheckedBrowser:
    """The browser, with every page it opens watched for Content Security Policy violations
    (Chromium reports them on the console): the site's own CSP must never drop a style or a
    script of ours, so the check runs after every browser test (`_no_csp_violations`)."""

    def __init__(self, browser):
        self._browser = browser
        self.violations: list[str] = []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def _watch(self, context):
        def on_console(message) -> None:
            if "Content Security Policy" in message.text:
                url = message.page.url if message.page else "?"
                self.violations.append(f"{url}: {message.text}")

        context.on("console", on_console)
        return context

    def new_context(self, **kwargs):
        assert not kwargs.get("bypass_csp"), "bypass_csp would hide the CSP violations"
        return self._watch(self._browser.new_context(**kwargs))

    def new_page(self, **kwargs):
        context = self.new_context(**kwargs)
        page = context.new_page()
        page.on("close", lambda _: context.close())
        return page


@pytest.fixture(autouse=True)
def _no_csp_violations(request):
    yield
    if "browser" not in request.fixturenames:
        return
    checked = request.getfixturevalue("browser")
    found, checked.violations[:] = list(checked.violations), []
    assert not found, "CSP violations in the browser console:\n" + "\n".join(found[:10])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; without this, Django refuses
    # the database work that live_server does between tests.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield CheckedBrowser(browser)
            browser.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("XXGK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder

"""Whole portal pages from the cache: served without the database, replaced by any change to
the catalog, each reader with their own CSRF token, never for signed-in staff."""

from __future__ import annotations

import lxml.html
import pytest
from django.test import Client

from tests.catalog.sites import publish
from xxgk.catalog import services
from xxgk.catalog.models import Column

pytestmark = pytest.mark.django_db

PAGES = ("/", "/gk/sthjj/", "/gk/sthjj/guide/", "/gk/sthjj/zcwj/")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """As with a shared cache (REDIS_URL), where the page cache is on by default."""
    settings.XXGK_PORTAL_PAGE_SECONDS = 300


def test_the_page_cache_is_on_by_default_only_with_a_shared_cache():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.XXGK_PORTAL_PAGE_SECONDS)"
    env = {"DJANGO_SETTINGS_MODULE": "xxgk.settings", "PATH": ""}
    for redis_url, expected in (("", "0"), ("redis://127.0.0.1:6379/9", "300")):
        out = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**env, "REDIS_URL": redis_url},
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == expected


def token(response) -> str:
    doc = lxml.html.fromstring(response.content.decode())
    (value,) = doc.xpath(
        "//form[contains(@action, 'i18n')]//input[@name='csrfmiddlewaretoken']/@value"
    )
    return value


@pytest.fixture
def item(site):
    return publish(site, title="大气污染防治工作通知")


@pytest.mark.parametrize("path", [*PAGES, "item"])
def test_a_second_reader_gets_the_page_without_the_database(
    client, item, path, django_assert_num_queries
):
    path = f"/gk/sthjj/items/{item.pk}/" if path == "item" else path
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = Client().get(path)
    assert second.status_code == 200
    assert second.content.decode().replace(token(second), "") == first.content.decode().replace(
        token(first), ""
    )


def test_changes_replace_cached_pages_at_once(client, site, item):
    assert item.title in client.get("/gk/sthjj/zcwj/").content.decode()
    newer = publish(site, title="扬尘治理新规")
    assert newer.title in client.get("/gk/sthjj/zcwj/").content.decode()
    services.withdraw(newer, reason="内容有误", actor=site.editor)
    assert newer.title not in client.get("/gk/sthjj/zcwj/").content.decode()
    column = Column.objects.get(pk=site.documents.pk)
    column.name = "政策文件库"
    column.save()  # as the admin does
    assert "政策文件库" in client.get("/gk/sthjj/").content.decode()


def test_each_reader_gets_their_own_csrf_token_and_can_switch_language(item):
    first = Client(enforce_csrf_checks=True)
    first.get("/gk/sthjj/")
    reader = Client(enforce_csrf_checks=True)
    page = reader.get("/gk/sthjj/")  # from the cache
    assert page.cookies.get("csrftoken") or reader.cookies.get("csrftoken")
    switched = reader.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/gk/sthjj/", "csrfmiddlewaretoken": token(page)},
    )
    assert switched.status_code == 302
    english = reader.get("/gk/sthjj/")
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()


def test_staff_and_pages_with_messages_are_not_cached(client, site, item):
    client.get("/gk/sthjj/")
    staff = Client()
    staff.force_login(site.editor)
    page = staff.get("/gk/sthjj/").content.decode()
    assert 'class="logout"' in page
    assert 'class="logout"' not in Client().get("/gk/sthjj/").content.decode()


def test_the_cache_can_be_switched_off(client, item, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.XXGK_PORTAL_PAGE_SECONDS = 0
    client.get("/gk/sthjj/")
    with CaptureQueriesContext(connection) as queries:
        Client().get("/gk/sthjj/")
    assert len(queries) > 0  # rendered again


def test_a_404_is_not_cached(client, item):
    assert client.get("/gk/sthjj/items/999999/").status_code == 404
    assert Client().get("/gk/sthjj/items/999999/").status_code == 404

"""Smaller items of the probe (issue 12, item 11): no-store on pages with personal data, the
production 500 page in Chinese, XXGK_SSL_REDIRECT=false passing `check --deploy`, and images
from other sites dropped by the sanitiser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.urls import path

from tests.applications import factories
from tests.web.helpers import run_xxgk
from tests.web.test_deploy_check import production_env
from xxgk.catalog.services import sanitise
from xxgk.urls import urlpatterns as site_patterns


def boom(request):
    raise RuntimeError("a fault")


urlpatterns = [path("boom/", boom), *site_patterns]


@pytest.mark.django_db
def test_pages_with_personal_data_are_not_stored(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = factories.agency()
    handler = factories.user(agency)
    app = factories.received(agency, handler, dt.date(2026, 11, 2))
    staff = Client()
    staff.force_login(handler)
    for url in (f"/staff/applications/{app.pk}/", "/staff/applications/", "/"):
        assert "no-store" in staff.get(url)["Cache-Control"], url
    anonymous = Client()
    assert "no-store" in anonymous.get(f"/track/{app.tracking_code}/")["Cache-Control"]
    assert "no-store" not in anonymous.get("/").get("Cache-Control", "")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_the_500_page_is_chinese_and_plain():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统暂时出错" in text and "Server Error (500)" not in text


def test_ssl_redirect_off_passes_the_deploy_check(tmp_path):
    env = production_env(tmp_path, XXGK_SSL_REDIRECT="false")
    done = run_xxgk("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_images_from_other_sites_are_dropped():
    body = sanitise(
        '<p><img src="http://evil.example/t.gif" alt="a"><img src="//evil.example/b" alt="b">'
        '<img src="/gk/demo-sfj/items/1/attachments/2/" alt="c"></p>'
    )
    assert "evil.example" not in body
    assert 'src="/gk/demo-sfj/items/1/attachments/2/"' in body

"""The home page, in Chinese by default and in English on request."""

from __future__ import annotations

import lxml.html
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CHINESE_HEADING = "政府信息公开平台"
ENGLISH_HEADING = "Government information disclosure platform"


def page(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def heading(doc) -> str:
    (h1,) = doc.xpath("//h1")
    return h1.text_content().strip()


def test_home_page_is_in_chinese_by_default(client):
    doc = page(client.get("/"))
    assert doc.get("lang") == "zh-hans"
    assert heading(doc) == CHINESE_HEADING
    sections = [h.text_content() for h in doc.xpath("//h2")]
    assert sections == ["各机关政府信息公开", "依申请公开", "最新公开信息"]
    assert doc.xpath("//form[@role='search']/@action") == ["/search/"]


def test_a_browser_asking_for_zh_cn_gets_chinese(client):
    doc = page(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5"))
    assert doc.get("lang") == "zh-hans"
    assert heading(doc) == CHINESE_HEADING


def test_a_browser_asking_for_english_gets_english(client):
    doc = page(client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert doc.get("lang") == "en"
    assert heading(doc) == ENGLISH_HEADING
    assert "Disclosure on request" in doc.text_content()


def test_the_language_cookie_wins_over_accept_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    doc = page(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN"))
    assert heading(doc) == ENGLISH_HEADING


def test_the_page_has_landmarks_and_a_skip_link(client):
    doc = page(client.get("/"))
    for tag in ("header", "main", "footer"):
        assert len(doc.xpath(f"//{tag}")) == 1, tag
    (skip,) = doc.xpath("//a[@class='skip-link']")
    assert skip.get("href") == "#main"
    assert doc.xpath("//main/@id") == ["main"]


def language_form(doc):
    (form,) = doc.xpath("//form[contains(@class, 'language-switcher')]")
    return form


def test_the_language_form_posts_to_set_language_with_a_csrf_token(client):
    form = language_form(page(client.get("/")))
    assert form.get("method") == "post"
    assert form.get("action") == "/i18n/setlang/"
    (token,) = form.xpath(".//input[@name='csrfmiddlewaretoken']/@value")
    assert len(token) >= 32
    buttons = {b.get("value"): b.text_content().strip() for b in form.xpath(".//button")}
    assert buttons == {"zh-hans": "简体中文", "en": "English"}


def test_switching_to_english_through_the_form(client):
    client.handler.enforce_csrf_checks = True
    form = language_form(page(client.get("/")))
    (token,) = form.xpath(".//input[@name='csrfmiddlewaretoken']/@value")
    response = client.post(
        "/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": "/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert heading(page(client.get("/"))) == ENGLISH_HEADING


def test_switching_language_without_the_csrf_token_is_refused(client):
    client.handler.enforce_csrf_checks = True
    client.get("/")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403


def test_pages_carry_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp


def test_the_admin_login_page_is_mounted(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "xxgk" in response.content.decode()

"""Search results by relevance — items whose title (or 文号) has the query first, newest first
within — or by date (issue 13, point 5)."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.test import Client

from tests.catalog.sites import (
    publish,
    site,  # noqa: F401  (the fixture)
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    doc = lxml.html.fromstring(response.content)
    return [a.text_content().strip() for a in doc.xpath("//ol[@class='gk-hits']/li//h3//a")]


def test_title_matches_come_before_boilerplate_matches(site):  # noqa: F811
    publish(site, title="关于开展安全检查的通知", body="<p>请做好扬尘治理工作。</p>",
            on=dt.date(2026, 3, 1))  # fmt: skip
    publish(site, title="扬尘治理专项行动方案", body="<p>方案全文。</p>", on=dt.date(2025, 5, 1))
    publish(site, title="月度工作简报", body="<p>本月推进扬尘治理。</p>", on=dt.date(2026, 6, 1))
    by_relevance = titles(Client().get("/search/", {"q": "扬尘治理"}))
    assert by_relevance[0] == "扬尘治理专项行动方案"
    by_date = titles(Client().get("/search/", {"q": "扬尘治理", "sort": "date"}))
    assert by_date == ["月度工作简报", "关于开展安全检查的通知", "扬尘治理专项行动方案"]
    page = Client().get("/search/", {"q": "扬尘治理"}).content.decode()
    assert "相关度" in page and "sort=date" in page

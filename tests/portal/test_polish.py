"""Portal details a reader of gov.cn sites expects: the current column highlighted, page
numbers with a page to jump to, the 落款 on the right, 索引号 that do not break inside the
number, "RSS 订阅", and the search first on a phone."""

from __future__ import annotations

import lxml.html
import pytest
from django.core.paginator import Paginator
from django.test import Client

from tests.catalog.sites import publish
from xxgk.portal.bodies import mark_signature
from xxgk.portal.templatetags.portal_extras import code_breaks, page_window, query_pairs


def test_the_closing_agency_and_date_are_marked_as_the_signature():
    body = "<p>特此通知。</p><p>示范市司法局</p><p>2026年11月26日</p>"
    doc = lxml.html.fragment_fromstring(mark_signature(body), create_parent="div")
    assert [p.get("class") for p in doc] == [None, "gk-signature", "gk-signature"]
    # a sentence above the date is text, not a signature; no date at the end: unchanged
    sentence = "<p>请各单位认真贯彻落实。</p><p>2026年11月26日</p>"
    assert mark_signature(sentence).count("gk-signature") == 1
    assert mark_signature("<p>特此公告。</p>") == "<p>特此公告。</p>"
    assert (
        mark_signature("<p>2026年11月26日</p><table><tr><td>x</td></tr></table>").count(
            "gk-signature"
        )
        == 0
    )


def test_index_numbers_break_only_after_the_slash():
    html = str(code_breaks("11210400MB01000033/2026-00015"))
    assert html == (
        '<span class="gk-nowrap">11210400MB01000033/</span><wbr>'
        '<span class="gk-nowrap">2026-00015</span>'
    )
    assert "&lt;" in str(code_breaks("<b>"))


def test_page_numbers_keep_first_last_and_neighbours():
    paginator = Paginator(range(200), 10)
    assert page_window(paginator.page(1)) == [1, 2, 3, None, 20]
    assert page_window(paginator.page(10)) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_window(paginator.page(20)) == [1, None, 18, 19, 20]
    assert query_pairs("q=%E6%94%BF%E5%BA%9C&page=3&year=2025") == [("q", "政府"), ("year", "2025")]


@pytest.mark.django_db
def test_column_page_highlights_its_column_and_numbers_its_pages(site, settings):
    for n in range(25):
        publish(site, title=f"第{n}号通知")
    slug = site.documents.slug
    page = lxml.html.fromstring(Client().get(f"/gk/sthjj/{slug}/?page=2").content)
    current = page.xpath("//nav[@aria-labelledby='gk-columns-title']//a[@aria-current='page']")
    assert [a.get("href") for a in current] == [f"/gk/sthjj/{slug}/"]
    numbers = page.xpath("//nav[@class='pagination']//li//text()")
    assert "1" in [t.strip() for t in numbers] and "2" in [t.strip() for t in numbers]
    jump = page.xpath("//form[@class='page-jump']")[0]
    assert jump.get("method") == "get" and jump.xpath(".//input[@name='page']/@max")
    assert page.xpath("//a[@class='gk-feed']")[0].text_content() == "RSS 订阅"


@pytest.mark.django_db
def test_agency_home_puts_search_first_and_its_catalog_once_on_phones(site):
    page = lxml.html.fromstring(Client().get("/gk/sthjj/").content)
    assert page.xpath("//div[@class='gk-search-top']//form[@role='search']")
    assert page.xpath("//nav[@class='gk-side-home-columns']")
    home_link = page.xpath("//ul[@class='gk-nav']//a[@aria-current='page']")
    assert [a.get("href") for a in home_link] == ["/gk/sthjj/"]

"""The catalog's pages: the public portal (home, agency home, guide, column lists, feeds, item
pages, search, sitemap) and the staff pages (items, drafting, review, attachments, table 二)."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from decimal import Decimal

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.catalog.sites import D, draft, publish
from xxgk.catalog import services
from xxgk.catalog.models import AnnualFigures, Attachment, Item
from xxgk.portal import searching

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def html(response, status=200):
    assert response.status_code == status, response.content.decode()[:2000]
    return lxml.html.fromstring(response.content.decode())


def text(doc) -> str:
    return " ".join(doc.text_content().split())


def links(doc) -> set[str]:
    return set(doc.xpath("//a/@href"))


def h1(doc) -> str:
    (heading,) = doc.xpath("//h1")
    return " ".join(heading.text_content().split())


# ------------------------------------------------------------------ the portal


def test_home_shows_the_cluster_as_a_tree_with_search_and_apply_links(client, site):
    publish(site)
    doc = html(client.get("/"))
    assert h1(doc) == "政府信息公开平台"
    assert doc.xpath("//form[@role='search']/@action") == ["/search/"]
    tree = doc.xpath("//ul[@class='gk-tree']")[0]
    (government,) = tree.xpath("./li")
    assert government.xpath("./span/a[1]/text()") == ["示范市人民政府"]
    departments = government.xpath("./ul/li/span/a[1]/text()")
    assert departments == ["示范市司法局", "示范市生态环境局"]
    assert {"/gk/sfs/", "/gk/sthjj/", "/apply/sthjj/", "/gk/sthjj/guide/"} <= links(doc)
    assert "关于加强大气污染防治工作的通知" in text(doc)


def test_the_agency_home_has_the_four_parts_columns_and_latest_items(client, site):
    item = publish(site)
    doc = html(client.get("/gk/sthjj/"))
    assert h1(doc) == "示范市生态环境局政府信息公开"
    hrefs = links(doc)
    for href in (
        "/gk/sthjj/guide/",
        "/gk/sthjj/gkzd/",  # 政府信息公开制度: a configured column
        "/gk/sthjj/annual-reports/",
        "/apply/sthjj/",
        "/gk/sthjj/zcwj/",
        "/gk/sthjj/zcjd/",
        f"/gk/sthjj/items/{item.pk}/",
    ):
        assert href in hrefs, href
    assert "/gk/sthjj/#section-fdzdgknr" in hrefs  # 法定主动公开内容
    body = text(doc)
    for words in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"):
        assert words in body
    assert "010-12345678" in body
    assert doc.xpath("//*[@id='section-fdzdgknr']")


def test_an_agency_without_a_rules_column_has_no_rules_link(client, site):
    doc = html(client.get("/gk/sfj/"))
    assert not any(h.endswith("/gkzd/") for h in links(doc))
    assert client.get("/gk/nowhere/").status_code == 404


def test_the_guide_is_written_from_the_agency_settings(client, site):
    doc = html(client.get("/gk/sthjj/guide/"))
    assert h1(doc) == "示范市生态环境局政府信息公开指南"
    body = text(doc)
    for fact in (
        "示范市生态环境局办公室",
        "示范市人民路1号",
        "100001",
        "工作日 9:00—17:00",
        "010-12345678",
        "010-12345679",
        "gk@sthjj.example.gov.cn",
        "20个工作日",
        "双方确认之日",
        "国办函〔2020〕109号",
        "向示范市人民政府申请",  # remedies: the review body
        "政策文件",
        "城乡建设、环境保护",
    ):
        assert fact in body, fact
    assert "/apply/sthjj/" in links(doc)


def test_the_annual_reports_page_is_a_placeholder(client, site):
    doc = html(client.get("/gk/sthjj/annual-reports/"))
    assert "尚未在本平台发布年度报告" in text(doc)


def test_a_column_lists_newest_first_with_pagination(client, site):
    for day in range(1, 23):
        publish(site, title=f"第{day}号公告", on=D(2025, 3, 10) + dt.timedelta(days=day))
    doc = html(client.get("/gk/sthjj/zcwj/"))
    assert h1(doc) == "政策文件"
    titles = doc.xpath("//ul[@class='gk-list']/li/a/text()")
    assert len(titles) == 20 and titles[0] == "第22号公告" and titles[-1] == "第3号公告"
    assert "?page=2" in links(doc)
    page2 = html(client.get("/gk/sthjj/zcwj/?page=2"))
    assert page2.xpath("//ul[@class='gk-list']/li/a/text()") == ["第2号公告", "第1号公告"]
    assert html(client.get("/gk/sthjj/zcwj/?page=abc")).xpath("//ul[@class='gk-list']/li")
    assert client.get("/gk/sthjj/nothing/").status_code == 404
    assert client.get("/gk/sfj/zcwj/").status_code == 404  # another agency's column slug


def test_the_column_feed_is_atom(client, site):
    item = publish(site)
    draft(site, title="尚未发布的草稿")
    response = client.get("/gk/sthjj/zcwj/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body and item.title in body and f"/gk/sthjj/items/{item.pk}/" in body
    assert "尚未发布的草稿" not in body


def test_the_item_page_shows_the_metadata_block_body_and_attachments(client, site, media):
    item = draft(
        site,
        document_number="示环发〔2025〕3号",
        issuer="示范市生态环境局",
        topic_id=site.environment.pk,
        genre=Item.Genre.NORMATIVE,
        body='<p>正文<strong>加粗</strong><script>alert(1)</script></p><p onclick="x()">第二段</p>',
    )
    Attachment.objects.create(
        item=item,
        file=SimpleUploadedFile("a.pdf", PDF),
        name="附件1.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )
    services.submit_for_review(item, actor=site.editor)
    services.approve(item, opinion="同意", actor=site.reviewer, on=D(2025, 3, 10))
    item.refresh_from_db()
    doc = html(client.get(f"/gk/sthjj/items/{item.pk}/"))
    assert h1(doc) == item.title
    meta = {
        dt_.text_content().strip(): dt_.getnext().text_content().strip()
        for dt_ in doc.xpath("//section[contains(@class,'gk-meta')]//dt")
    }
    assert meta == {
        "索引号": "11210400MB0000000X/2025-00001",
        "主题分类": "城乡建设、环境保护\\环境监测、保护与治理",
        "发布机构": "示范市生态环境局",
        "成文日期": "2025-03-03",
        "标题": item.title,
        "发文字号": "示环发〔2025〕3号",
        "发布日期": "2025-03-10",
        "有效性": "有效",
        "公开方式": "主动公开",
    }
    (body,) = doc.xpath("//div[@class='gk-body']")
    assert body.xpath(".//strong/text()") == ["加粗"]
    assert not body.xpath(".//script") and not body.xpath(".//*[@onclick]")
    (href,) = doc.xpath("//section[@aria-labelledby='h-attachments']//a/@href")
    download = client.get(href)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_titles_are_escaped_and_only_the_body_is_html(client, site):
    item = publish(site, title="<b>标题</b>", summary="<i>概述</i>")
    response = client.get(f"/gk/sthjj/items/{item.pk}/")
    assert b"&lt;b&gt;\xe6\xa0\x87\xe9\xa2\x98&lt;/b&gt;" in response.content
    assert b"<b>" not in response.content


def test_a_repealed_document_says_so_and_links_to_its_replacement(client, site):
    old = publish(site, title="旧办法", genre=Item.Genre.NORMATIVE)
    new = publish(site, title="新办法", genre=Item.Genre.NORMATIVE)
    services.set_validity(
        old, validity=Item.Validity.REPEALED, on=D(2025, 6, 1), replaced_by=new, actor=site.editor
    )
    doc = html(client.get(f"/gk/sthjj/items/{old.pk}/"))
    (notice,) = doc.xpath("//div[@class='gk-validity']")
    assert "本文件已废止（2025-06-01）" in text(notice)
    assert notice.xpath(".//a/@href") == [f"/gk/sthjj/items/{new.pk}/"]
    new_doc = html(client.get(f"/gk/sthjj/items/{new.pk}/"))
    assert f"/gk/sthjj/items/{old.pk}/" in links(new_doc)
    assert not new_doc.xpath("//div[@class='gk-validity']")
    listing = html(client.get("/gk/sthjj/zcwj/"))
    assert "废止" in text(listing)


def test_documents_and_their_interpretations_link_both_ways(client, site):
    document = publish(site, title="示范市扬尘污染防治办法")
    reading = publish(
        site,
        title="《示范市扬尘污染防治办法》政策解读",
        column_id=site.interpretations.pk,
        genre=Item.Genre.INTERPRETATION,
        interprets=[document.pk],
    )
    doc = html(client.get(f"/gk/sthjj/items/{document.pk}/"))
    assert f"/gk/sthjj/items/{reading.pk}/" in links(doc)
    assert "相关解读" in text(doc)
    doc = html(client.get(f"/gk/sthjj/items/{reading.pk}/"))
    assert f"/gk/sthjj/items/{document.pk}/" in links(doc)
    assert "解读的文件" in text(doc)


def test_unpublished_items_are_404(client, site, media):
    item = draft(site)
    Attachment.objects.create(
        item=item,
        file=SimpleUploadedFile("a.pdf", PDF),
        name="a.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )
    attachment = item.attachments.get()
    assert client.get(f"/gk/sthjj/items/{item.pk}/").status_code == 404
    assert client.get(f"/gk/sthjj/items/{item.pk}/attachments/{attachment.pk}/").status_code == 404
    services.submit_for_review(item, actor=site.editor)
    assert client.get(f"/gk/sthjj/items/{item.pk}/").status_code == 404  # in review
    services.approve(item, opinion="同意", actor=site.reviewer, on=D(2025, 3, 10))
    assert client.get(f"/gk/sthjj/items/{item.pk}/").status_code == 200
    assert client.get(f"/gk/sfj/items/{item.pk}/").status_code == 404  # another agency's URL


def test_items_not_disclosed_proactively_are_never_public(client, site):
    item = publish(site, mode=Item.Mode.ON_APPLICATION, mode_reason="涉及第三方，依申请公开")
    assert item.status == Item.Status.PUBLISHED
    assert client.get(f"/gk/sthjj/items/{item.pk}/").status_code == 404
    assert item.title not in text(html(client.get("/gk/sthjj/zcwj/")))
    assert item.title not in client.get("/sitemap.xml").content.decode()


def test_a_withdrawn_item_is_404_and_gone_from_lists_search_feeds_and_sitemap(client, site):
    item = publish(site, title="将被撤回的通知")
    url = f"/gk/sthjj/items/{item.pk}/"
    assert client.get(url).status_code == 200
    assert url in links(html(client.get("/search/?q=扬尘")))
    services.withdraw(item, reason="内容有误", actor=site.editor)
    assert client.get(url).status_code == 404
    for page in ("/", "/gk/sthjj/", "/gk/sthjj/zcwj/", "/search/?q=扬尘", "/search/?q=撤回"):
        assert url not in links(html(client.get(page))), page
    assert url not in client.get("/gk/sthjj/zcwj/feed.atom").content.decode()
    assert url not in client.get("/sitemap.xml").content.decode()


# ------------------------------------------------------------------ search


def hits(doc) -> list[str]:
    return [" ".join(a.text_content().split()) for a in doc.xpath("//ol[@class='gk-hits']/li/h3/a")]


def test_search_finds_a_two_character_word_of_a_body_and_highlights_it(client, site):
    item = publish(site, body="<p>今年重点推进扬尘治理和机动车排放检验。</p>")
    publish(site, title="无关的通知", body="<p>关于会议安排。</p>")
    doc = html(client.get("/search/?q=扬尘"))
    assert hits(doc) == [item.title]
    (snippet,) = doc.xpath("//p[@class='gk-snippet']")
    assert snippet.xpath(".//mark/text()") == ["扬尘"]
    assert "找到 1 条" in text(doc)
    doc = html(client.get("/search/?q=排放"))  # inside jieba's word 排放检验
    assert hits(doc) == [item.title]


def test_search_filters_by_agency_column_topic_and_year(client, site):
    a = publish(site, title="环保通知甲", topic_id=site.environment.pk, on=D(2024, 5, 6))
    b = publish(
        site,
        title="环保解读乙",
        column_id=site.interpretations.pk,
        topic_id=site.openness.pk,
        on=D(2025, 5, 6),
    )
    c = publish(
        site,
        title="环保公告丙",
        agency=site.other,
        column_id=site.other_column.pk,
        editor=site.other_editor,
        reviewer=site.other_reviewer,
        on=D(2025, 5, 7),
    )

    def found(query: str) -> set[str]:
        return set(hits(html(client.get(f"/search/?q=环保{query}"))))

    assert found("") == {a.title, b.title, c.title}
    assert found("&agency=sthjj") == {a.title, b.title}
    assert found("&agency=sfj") == {c.title}
    assert found(f"&column={site.interpretations.pk}") == {b.title}
    top = site.environment.parent_id
    assert found(f"&topic={top}") == {a.title}  # a top level includes its sub-themes
    assert found(f"&topic={site.openness.pk}") == {b.title}
    assert found("&year=2025") == {b.title, c.title}
    assert found("&year=2024&agency=sthjj") == {a.title}
    assert found("&year=abc&column=x&topic=-1&agency=nowhere") == {a.title, b.title, c.title}
    doc = html(client.get("/search/?q=环保&agency=sthjj"))
    assert doc.xpath("//select[@name='agency']/option[@selected]/@value") == ["sthjj"]


def test_search_results_are_paginated(client, site):
    for n in range(23):
        publish(site, title=f"扬尘治理通报{n}")
    doc = html(client.get("/search/?q=扬尘"))
    assert len(hits(doc)) == 20 and "找到 23 条" in text(doc)
    (next_link,) = doc.xpath("//a[@rel='next']/@href")
    assert "q=%E6%89%AC%E5%B0%98" in next_link and "page=2" in next_link
    assert len(hits(html(client.get("/search/" + next_link)))) == 3


def test_a_search_counts_at_most_the_cap_and_says_there_are_more(client, site, monkeypatch):
    monkeypatch.setattr(searching, "SEARCH_COUNT_CAP", 5)
    for n in range(7):
        publish(site, title=f"扬尘治理通报{n}", on=D(2025, 3, 1) + dt.timedelta(days=n))
    doc = html(client.get("/search/?q=扬尘"))
    assert "找到超过 5 条" in text(doc) and "显示最新的 5 条" in text(doc)
    assert hits(doc) == [f"扬尘治理通报{n}" for n in (6, 5, 4, 3, 2)]
    assert not doc.xpath("//a[@rel='next']")  # the pages cover the first 5 only
    publish(site, title="只此一条的通报", body="<p>秸秆禁烧</p>")
    doc = html(client.get("/search/?q=秸秆"))
    assert "找到 1 条" in text(doc) and "超过" not in text(doc)


def test_the_year_filter_spans_the_first_to_the_last_publication(client, site):
    publish(site, title="较早的通知", on=D(2022, 5, 6))
    publish(site, title="较新的通知", on=D(2025, 1, 6))
    doc = html(client.get("/search/?q=通知"))
    assert doc.xpath("//select[@name='year']/option/@value") == [
        "",
        "2025",
        "2024",
        "2023",
        "2022",
    ]


def test_column_counts_follow_publishing_and_withdrawing_at_once(client, site):
    def count_of_column(doc) -> str:
        path = "//a[@href='/gk/sthjj/zcwj/']/following-sibling::span[@class='gk-count']/text()"
        (count,) = doc.xpath(path)
        return count.strip()

    publish(site, title="第一份文件")
    before = count_of_column(html(client.get("/gk/sthjj/")))  # now cached
    item = publish(site, title="第二份文件")
    after = count_of_column(html(client.get("/gk/sthjj/")))
    assert (before, after) == ("1 条", "2 条")
    doc = html(client.get("/gk/sthjj/zcwj/"))
    assert len(doc.xpath("//ul[@class='gk-list']/li")) == 2
    services.withdraw(item, reason="内容有误", actor=site.editor)
    assert count_of_column(html(client.get("/gk/sthjj/"))) == before
    assert len(html(client.get("/gk/sthjj/zcwj/")).xpath("//ul[@class='gk-list']/li")) == 1


@pytest.mark.parametrize("q", ["", "   ", "！？。，、……", "<>&\"'%;--", "()[]{}*"])
def test_an_empty_or_punctuation_only_query_asks_for_a_word(client, site, q):
    publish(site)
    doc = html(client.get("/search/", {"q": q}))
    assert "请输入检索词" in text(doc)
    assert not hits(doc)


def test_a_huge_query_is_answered_quickly_and_safely(client, site):
    publish(site)
    for q in ("扬尘" * 5000, "a" * 10_000, "'; DROP TABLE catalog_item; --" * 300, '"' * 10_000):
        started = time.monotonic()
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200
        assert time.monotonic() - started < 2
    doc = html(client.get("/search/", {"q": "扬尘" * 5000}))
    assert "只使用了前100个字" in text(doc)
    assert len(doc.xpath("//input[@name='q']/@value")[0]) <= 100
    assert Item.objects.count() == 1


def test_search_escapes_the_query(client, site):
    publish(site)
    response = client.get("/search/", {"q": "<script>扬尘</script>"})
    assert b"<script>\xe6" not in response.content
    assert "&lt;script&gt;" in response.content.decode()


def test_the_sitemap_lists_agency_homes_columns_and_published_items(client, site):
    item = publish(site)
    hidden = draft(site, title="草稿")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/gk/sthjj/", "/gk/sfs/", "/gk/sthjj/zcwj/", f"/gk/sthjj/items/{item.pk}/"):
        assert f"http://testserver{path}</loc>" in body, path
    assert f"/items/{hidden.pk}/" not in body


# ------------------------------------------------------------------ staff: access


def test_staff_pages_need_a_sign_in(client, site):
    item = draft(site)
    for url in (
        "/staff/items/",
        "/staff/items/new/",
        f"/staff/items/{item.pk}/",
        "/staff/figures/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_editor_of_another_agency_cannot_open_or_act_on_an_item(client, site, media):
    item = draft(site)
    client.force_login(site.other_editor)
    assert client.get(f"/staff/items/{item.pk}/").status_code == 403
    assert client.get(f"/staff/items/{item.pk}/edit/").status_code == 403
    assert client.post(f"/staff/items/{item.pk}/submit/").status_code == 403
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    assert (
        client.post(f"/staff/items/{item.pk}/attach/", {"attach-file": upload}).status_code == 403
    )
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT and not item.attachments.exists()
    doc = html(client.get("/staff/items/"))
    assert item.title not in text(doc)


def test_someone_without_a_catalog_role_cannot_draft(client, site):
    from tests.applications import factories

    handler = factories.user(site.bureau, role="handler")
    client.force_login(handler)
    assert client.get("/staff/items/new/").status_code == 403
    assert "不是任何机关的信息编辑或保密审查人员" in text(html(client.get("/staff/items/")))


# ------------------------------------------------------------------ staff: the workflow


def draft_form(site, **kw) -> dict:
    data = {
        "column": site.documents.pk,
        "title": "关于开展扬尘专项整治的通知",
        "document_number": "示环发〔2025〕9号",
        "issuer": "",
        "formed_on": "2025-04-01",
        "topic": site.environment.pk,
        "genre": "document",
        "content_kind": "catalog",
        "mode": "proactive",
        "mode_reason": "",
        "summary": "部署扬尘专项整治",
        "body": "<p>各区：现开展扬尘专项整治。</p>",
        "validity": "",
        "effective_on": "",
    }
    data.update(kw)
    return data


def test_an_editor_drafts_a_reviewer_publishes(client, site):
    client.force_login(site.editor)
    doc = html(client.get("/staff/items/new/"))
    columns = doc.xpath("//select[@name='column']//option/@value")
    assert str(site.other_column.pk) not in columns and str(site.documents.pk) in columns
    response = client.post("/staff/items/new/", draft_form(site))
    assert response.status_code == 302
    item = Item.objects.get(title="关于开展扬尘专项整治的通知")
    assert response["Location"] == f"/staff/items/{item.pk}/"
    assert item.status == Item.Status.DRAFT and item.topic == site.environment
    assert client.get(f"/gk/sthjj/items/{item.pk}/").status_code == 404

    response = client.post(f"/staff/items/{item.pk}/edit/", draft_form(site, title="改后的标题"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "改后的标题"

    assert client.post(f"/staff/items/{item.pk}/submit/").status_code == 302
    item.refresh_from_db()
    assert item.status == Item.Status.IN_REVIEW

    # the editor is not a reviewer: the refusal is shown, nothing changes
    doc = html(
        client.post(
            f"/staff/items/{item.pk}/review/",
            {"review-decision": "approve", "review-opinion": "同意"},
        )
    )
    assert "您没有本机关的保密审查权限" in text(doc)

    client.force_login(site.reviewer)
    queue = html(client.get("/staff/items/"))
    assert queue.xpath("//section[@aria-labelledby='h-queue']//a/text()") == ["改后的标题"]
    doc = html(client.post(f"/staff/items/{item.pk}/review/", {"review-decision": "approve"}))
    assert "请填写审查意见" in text(doc)
    response = client.post(
        f"/staff/items/{item.pk}/review/",
        {"review-decision": "approve", "review-opinion": "不涉密，同意发布"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED and item.index_number
    assert client.get(f"/gk/sthjj/items/{item.pk}/").status_code == 200
    doc = html(client.get(f"/staff/items/{item.pk}/"))
    assert "不涉密，同意发布" in text(doc)
    assert [
        e.text_content()
        for e in doc.xpath("//section[@aria-labelledby='h-events']//tbody/tr/td[2]")
    ] == [
        "起草",
        "修改",
        "提交审查",
        "审查通过",
        "发布",
    ]


def test_a_draft_form_with_another_agencys_column_is_refused(client, site):
    client.force_login(site.editor)
    doc = html(client.post("/staff/items/new/", draft_form(site, column=site.other_column.pk)))
    assert "请从列表中选择栏目" in text(doc)
    assert not Item.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "请填写标题"), ("en", "Title: please fill in")],
)
def test_the_error_summary_names_the_field_once(client, site, language, expected):
    client.force_login(site.editor)
    response = client.post(
        "/staff/items/new/", draft_form(site, title=""), HTTP_ACCEPT_LANGUAGE=language
    )
    doc = html(response)
    summary = [
        " ".join(li.text_content().split()) for li in doc.xpath("//div[@class='error-summary']//li")
    ]
    assert summary == [expected]


def test_the_mode_needs_a_reason_unless_proactive(client, site):
    client.force_login(site.editor)
    doc = html(client.post("/staff/items/new/", draft_form(site, mode="not_disclosed")))
    assert "须写明理由" in text(doc)


def test_the_reviewer_returns_and_the_editor_withdraws_with_a_reason(client, site):
    item = draft(site)
    services.submit_for_review(item, actor=site.editor)
    client.force_login(site.reviewer)
    client.post(
        f"/staff/items/{item.pk}/review/",
        {"review-decision": "return", "review-opinion": "含个人信息，请删除"},
    )
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT

    published = publish(site, title="已发布的通知")
    client.force_login(site.editor)
    doc = html(client.post(f"/staff/items/{published.pk}/withdraw/", {"withdraw-reason": ""}))
    assert "请填写撤回理由" in text(doc)
    client.post(f"/staff/items/{published.pk}/withdraw/", {"withdraw-reason": "内容调整"})
    published.refresh_from_db()
    assert published.status == Item.Status.WITHDRAWN


def test_a_refused_action_shows_the_services_message(client, site):
    item = publish(site)
    client.force_login(site.editor)
    doc = html(client.post(f"/staff/items/{item.pk}/submit/"))
    assert "不能提交审查" in text(doc)
    assert client.post(f"/staff/items/{item.pk}/nonsense/").status_code == 404


def test_revise_keeps_the_published_version_until_review(client, site):
    item = publish(site)
    client.force_login(site.editor)
    form = draft_form(site, title="修订后的标题", reason="更正错字")
    assert client.post(f"/staff/items/{item.pk}/revise/", form).status_code == 302
    assert h1(html(client.get(f"/gk/sthjj/items/{item.pk}/"))) == item.title
    client.force_login(site.reviewer)
    doc = html(client.get(f"/staff/items/{item.pk}/"))
    assert "待审查版本正文" in text(doc)
    client.post(
        f"/staff/items/{item.pk}/review/", {"review-decision": "approve", "review-opinion": "同意"}
    )
    assert h1(html(client.get(f"/gk/sthjj/items/{item.pk}/"))) == "修订后的标题"


def test_set_validity_from_the_item_page(client, site):
    old = publish(site, title="旧办法", genre=Item.Genre.NORMATIVE)
    new = publish(site, title="新办法", genre=Item.Genre.NORMATIVE)
    client.force_login(site.editor)
    response = client.post(
        f"/staff/items/{old.pk}/validity/",
        {
            "validity-validity": "repealed",
            "validity-on": "2025-06-01",
            "validity-replaced_by": new.pk,
            "validity-reason": "已被新办法替代",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.validity == Item.Validity.REPEALED and old.replaced_by == new
    assert old.repealed_on == D(2025, 6, 1)


# ------------------------------------------------------------------ staff: attachments


def test_attachments_are_checked_by_content(client, site, media):
    item = draft(site)
    client.force_login(site.editor)
    url = f"/staff/items/{item.pk}/attach/"
    response = client.post(url, {"attach-file": SimpleUploadedFile("通知.pdf", PDF)})
    assert response.status_code == 302
    (attachment,) = item.attachments.all()
    assert attachment.name == "通知.pdf" and attachment.content_type == "application/pdf"

    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
    doc = html(client.post(url, {"attach-file": SimpleUploadedFile("invoice.pdf", exe)}))
    assert "内容是Windows 可执行程序，不能上传" in text(doc)
    doc = html(client.post(url, {"attach-file": SimpleUploadedFile("tool.exe", exe)}))
    assert "类型不允许上传" in text(doc)
    assert item.attachments.count() == 1

    staff_download = client.get(f"/staff/items/{item.pk}/attachments/{attachment.pk}/")
    assert staff_download.status_code == 200

    response = client.post(f"/staff/items/{item.pk}/detach/", {"detach-attachment": attachment.pk})
    assert response.status_code == 302 and not item.attachments.exists()


def test_an_oversize_attachment_is_refused(client, site, media):
    item = draft(site)
    client.force_login(site.editor)
    big = PDF + b"0" * (20 * 1024 * 1024)
    doc = html(
        client.post(
            f"/staff/items/{item.pk}/attach/", {"attach-file": SimpleUploadedFile("big.pdf", big)}
        )
    )
    assert "超过了附件大小上限20 MB" in text(doc)
    assert not item.attachments.exists()


def test_attachments_cannot_change_after_submission(client, site, media):
    item = draft(site)
    services.submit_for_review(item, actor=site.editor)
    client.force_login(site.editor)
    doc = html(
        client.post(
            f"/staff/items/{item.pk}/attach/", {"attach-file": SimpleUploadedFile("a.pdf", PDF)}
        )
    )
    assert "只有草稿可以增删附件" in text(doc)


# ------------------------------------------------------------------ staff: table 二 figures


def test_the_figures_form_saves_and_keeps_blanks_blank(client, site):
    client.force_login(site.editor)
    doc = html(client.get("/staff/figures/2025/"))
    assert "2025年度表二业务数据" in h1(doc)
    response = client.post(
        "/staff/figures/2025/",
        {
            "agency": "sthjj",
            "figures-licensing": "12",
            "figures-penalty": "",
            "figures-coercion": "0",
            "figures-fee_wan": "1.2345",
        },
    )
    assert response.status_code == 302
    row = AnnualFigures.objects.get(agency=site.bureau, year=2025)
    assert (row.licensing_decisions, row.penalty_decisions, row.coercion_decisions) == (12, None, 0)
    assert row.fee_amount == Decimal("1.2345")
    doc = html(client.post("/staff/figures/2025/", {"agency": "sthjj", "figures-licensing": "-1"}))
    assert "不能小于0" in text(doc)


def test_figures_of_another_agency_are_not_reachable(client, site):
    client.force_login(site.other_editor)
    response = client.post("/staff/figures/2025/", {"agency": "sthjj", "figures-licensing": "5"})
    assert response.status_code == 403
    assert client.get("/staff/figures/2025/?agency=sthjj").status_code == 403
    assert not AnnualFigures.objects.exists()
    client.force_login(site.reviewer)  # a reviewer does not enter figures
    assert client.get("/staff/figures/2025/").status_code == 403


def csv_upload(content: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", content.encode(encoding), content_type="text/csv")


def test_a_good_csv_is_imported(client, site):
    from xxgk.accounts.models import Membership

    Membership.objects.create(user=site.editor, agency=site.other, role="editor")
    client.force_login(site.editor)
    content = (
        "agency_code,year,licensing,penalty,coercion,fee_wan\n"
        "sthjj,2025,120,35,2,12.5\n"
        "sthjj,2024,100,,0,0\n"
        "sfj,2025,7,1,0,\n"
    )
    response = client.post(
        "/staff/figures/import/", {"import-file": csv_upload(content, "gb18030")}
    )
    assert response.status_code == 302
    rows = {
        (r.agency.code, r.year): (
            r.licensing_decisions,
            r.penalty_decisions,
            r.coercion_decisions,
            r.fee_amount,
        )
        for r in AnnualFigures.objects.select_related("agency")
    }
    assert rows == {
        ("sthjj", 2025): (120, 35, 2, Decimal("12.5")),
        ("sthjj", 2024): (100, None, 0, Decimal("0")),
        ("sfj", 2025): (7, 1, 0, None),
    }


def test_a_bad_csv_names_each_bad_line_and_writes_nothing(client, site):
    client.force_login(site.editor)
    content = (
        "\ufeffagency_code,year,licensing,penalty,coercion,fee_wan\n"
        "sthjj,2025,120,35,2,12.5\n"
        "sthjj,二〇二五,1,2,3,4\n"
        "nowhere,2025,1,2,3,4\n"
        "sfj,2025,1,2,3,4\n"
        "sthjj,2024,-3,x,1.5,-1\n"
        "sthjj,2025,1,1,1,1\n"
        "sthjj,2023,1\n"
    )
    doc = html(client.post("/staff/figures/import/", {"import-file": csv_upload(content)}), 400)
    errors = [li.text_content() for li in doc.xpath("//div[@class='error-summary']//li")]
    assert [e.split("：")[0] for e in errors] == [
        "第3行",
        "第4行",
        "第5行",
        "第6行",
        "第7行",
        "第8行",
    ]
    assert "年度应为四位数字" in errors[0]
    assert "没有代码为“nowhere”的机关" in errors[1]
    assert "您没有机关“示范市司法局”的填报权限" in errors[2]
    assert "行政许可处理决定数量应为不小于0的整数" in errors[3] and "收费金额" in errors[3]
    assert "与第2行重复" in errors[4]
    assert "应有6列" in errors[5]
    assert not AnnualFigures.objects.exists()


def test_a_csv_with_a_wrong_header_is_refused(client, site):
    client.force_login(site.editor)
    doc = html(
        client.post(
            "/staff/figures/import/", {"import-file": csv_upload("机关,年度\nsthjj,2025\n")}
        ),
        400,
    )
    assert "第1行：表头应为 agency_code,year,licensing,penalty,coercion,fee_wan" in text(doc)


def test_docx_made_by_python_docx_is_accepted(client, site, media):
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    item = draft(site)
    client.force_login(site.editor)
    response = client.post(
        f"/staff/items/{item.pk}/attach/",
        {"attach-file": SimpleUploadedFile("说明.docx", buffer.getvalue())},
    )
    assert response.status_code == 302
    assert item.attachments.get().content_type.endswith("wordprocessingml.document")
    # a zip of something else, named .docx, is refused
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", "hello")
    doc = html(
        client.post(
            f"/staff/items/{item.pk}/attach/",
            {"attach-file": SimpleUploadedFile("假的.docx", other.getvalue())},
        )
    )
    assert "不能上传" in text(doc)


def test_a_missing_page_has_a_chinese_404(client, site):
    doc = html(client.get("/gk/sthjj/items/999999/"), 404)
    assert h1(doc) == "页面不存在"
    assert "/search/" in links(doc)


def test_the_admin_refuses_a_column_slug_the_portal_uses(site):
    from xxgk.catalog.admin import ColumnForm

    section = site.documents.section
    form = ColumnForm(
        {
            "agency": site.bureau.pk,
            "section": section.pk,
            "name": "指南",
            "slug": "guide",
            "order": 0,
        }
    )
    assert not form.is_valid() and "保留路径" in str(form.errors["slug"])
    form = ColumnForm(
        {"agency": site.other.pk, "section": section.pk, "name": "公告", "slug": "gg", "order": 0}
    )
    assert not form.is_valid() and "板块不属于所选机关" in str(form.errors["section"])


def test_the_admin_lists_sections_columns_and_topics(admin_client, site):
    for url in ("/admin/catalog/section/", "/admin/catalog/column/", "/admin/catalog/topic/"):
        assert admin_client.get(url).status_code == 200, url

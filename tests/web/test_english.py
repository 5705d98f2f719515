"""The pages in English (Accept-Language: en): the portal (home, an agency, its guide, a column,
an item, the annual reports, search) and the staff pages of the catalog, the annual reports,
the reconsideration and litigation register and the supervising office.

Besides a few labels checked by name, no heading, label, button, legend, summary, table header,
term or navigation text that comes from a template may be left in Chinese once the data the
test created (agency, section, column and topic names, titles, the language's own name) is
taken out. The annual report itself (its preview, its section fields, and the national form's
Table 3 and 4 labels summed for the supervising office) is a Chinese document and stays Chinese.
"""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

from tests.applications import factories
from tests.catalog.sites import Site, publish, site  # noqa: F401  (the fixture)
from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.annual.render._common import report_title
from xxgk.catalog import services as catalog
from xxgk.catalog.models import Column, Item, Section, Topic
from xxgk.disputes import services as disputes
from xxgk.reports import queries as report_queries
from xxgk.reports import services as reports
from xxgk.supervision.services import file_complaint

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
# CJK ideographs, CJK punctuation (、。「」〔〕) and full-width forms (（）：；，).
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
CHECKED = ("h1", "h2", "h3", "label", "button", "legend", "summary", "th", "dt", "nav")
# The annual report is a Chinese document in the national format: its preview, the fields of
# its section texts, and the Table 3/4 labels in the supervising office's sums.
DOCUMENT = frozenset({"preview-frame", "sections-form", "compact"})


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(site: Site):  # noqa: F811  (the fixture)
    item = publish(site, document_number="示环发〔2025〕3号", topic_id=site.environment.pk)
    office = factories.agency(
        code="gkb",
        name="示范市政务公开办",
        parent=site.government,
        kind=Agency.Kind.SUPERVISING_OFFICE,
    )
    supervisor = factories.user(office, role=Membership.Role.SUPERVISOR, username="gkb")
    Membership.objects.create(
        user=supervisor, agency=site.government, role=Membership.Role.SUPERVISOR
    )
    handler = factories.user(site.bureau, username="handler")
    head = factories.user(site.bureau, role=Membership.Role.HEAD, username="head")
    report = reports.create_draft(site.bureau, year=2024, actor=handler)
    case = disputes.register_case(
        site.bureau,
        kind="review",
        body="示范市人民政府",
        filed_on=dt.date(2025, 3, 1),
        actor=handler,
    )
    return dict(
        site=site,
        item=item,
        supervisor=supervisor,
        handler=handler,
        head=head,
        report=report,
        case=case,
    )


def data_values(*extra: str) -> list[str]:
    """Every Chinese value the fixtures stored, longest first so that none is cut in two."""
    values = {"简体中文", *extra}
    for agency in Agency.objects.all():
        values |= {agency.name, agency.short_name, agency.office_name}
    values |= set(Section.objects.values_list("name", flat=True))
    for column in Column.objects.all():
        values |= {column.name, column.description}
    values |= set(Topic.objects.values_list("name", flat=True))
    values |= set(Item.objects.values_list("title", flat=True))
    return sorted((v for v in values if v), key=len, reverse=True)


def get(client, url: str, status: int = 200):
    response = client.get(url, **ENGLISH)
    assert response.status_code == status, url
    doc = lxml.html.fromstring(response.content.decode())
    assert doc.get("lang") == "en", url
    return doc


def texts(doc, tag: str) -> list[str]:
    return [" ".join(el.text_content().split()) for el in doc.iter(tag)]


def in_document(el) -> bool:
    return any(set((e.get("class") or "").split()) & DOCUMENT for e in (el, *el.iterancestors()))


def leftovers(doc, values: list[str]) -> list[str]:
    """Template texts still in Chinese: headings, labels, buttons, table headers, navigation."""
    left = []
    for el in doc.iter(*CHECKED):
        if in_document(el):
            continue
        text = " ".join(el.text_content().split())
        for value in values:
            text = text.replace(value, "")
        if CHINESE.search(text):
            left.append(f"<{el.tag}> {text}")
    return left


def assert_english(client, url: str, values: list[str], status: int = 200):
    doc = get(client, url, status)
    assert leftovers(doc, values) == [], url
    return doc


# ------------------------------------------------------------------ the portal


def test_portal_home_in_english(client, world):
    doc = assert_english(client, "/", data_values())
    assert texts(doc, "h1") == ["Government information disclosure platform"]
    assert "Disclosure by agency" in texts(doc, "h2")
    assert "Search government information" in texts(doc, "label")
    assert "Search" in texts(doc, "button")


def test_agency_pages_in_english(client, world):
    sample, item = world["site"], world["item"]
    values = data_values()
    bureau = f"/gk/{sample.bureau.code}/"

    doc = assert_english(client, bureau, values)
    assert texts(doc, "h1") == [f"{sample.bureau.name}: government information disclosure"]
    assert texts(doc, "h2") == [
        "Latest information",
        "Government information catalogue",
        "Government information disclosure office",
    ]
    assert doc.xpath("//nav[@class='breadcrumb']/@aria-label") == ["You are here"]
    assert doc.xpath("//nav[@class='breadcrumb']//a/text()")[0] == "Home"
    (side,) = doc.xpath("//nav[@aria-labelledby='gk-nav-title']")
    assert "Disclosure guide" in side.text_content()
    assert "Annual reports" in side.text_content()
    counts = [" ".join(c.text_content().split()) for c in doc.find_class("gk-count")]
    assert counts == ["1 item", "0 items", "0 items"]

    doc = assert_english(client, f"{bureau}guide/", values)
    assert texts(doc, "h1") == [f"Government information disclosure guide of {sample.bureau.name}"]
    assert "4. Disclosure on request" in texts(doc, "h2")

    doc = assert_english(client, f"{bureau}{sample.documents.slug}/", values)
    assert texts(doc, "h1") == [sample.documents.name]
    (count,) = doc.find_class("gk-count-line")
    assert count.text_content().strip() == "Total: 1"
    assert doc.find_class("gk-feed")[0].text_content() == "RSS feed"

    doc = assert_english(client, f"{bureau}items/{item.pk}/", values)
    assert texts(doc, "h1") == [item.title]
    assert "Information index" in texts(doc, "h2")
    for term in ("Index number", "Subject", "Document date", "Document number", "Validity"):
        assert term in texts(doc, "dt"), term

    doc = assert_english(client, f"{bureau}annual-reports/", values)
    assert texts(doc, "h1") == ["Annual reports on government information disclosure"]

    doc = assert_english(client, "/gk/no-such-agency/", values, status=404)
    assert texts(doc, "h1") == ["Page not found"]


def test_search_page_in_english(client, world):
    values = data_values("大气")
    doc = assert_english(client, "/search/?q=大气", values)
    assert texts(doc, "h1") == ["Search"]
    assert texts(doc, "h2") == ["Search results"]
    assert {"Search terms", "Agency", "Column", "Subject", "Year published"} <= set(
        texts(doc, "label")
    )
    assert {"Search", "Filter"} <= set(texts(doc, "button"))
    (count,) = doc.find_class("gk-count-line")
    assert count.text_content() == "1 result for “大气”"

    doc = assert_english(client, "/search/?q=nothing-like-this", values)
    assert "Nothing found for “nothing-like-this”." in doc.text_content()


# ------------------------------------------------------------------ the staff pages


def test_catalog_staff_pages_in_english(client, world):
    sample, item = world["site"], world["item"]
    values = data_values()
    client.force_login(sample.editor)

    doc = assert_english(client, "/staff/items/", values)
    assert texts(doc, "h1") == ["Proactive disclosure"]
    (nav,) = doc.xpath("//nav[@class='site-nav']")
    # an editor's header: the catalog and the annual report, not the case work
    for label in ("Search", "Proactive disclosure", "Annual reports", "Large print"):
        assert label in nav.text_content(), label
    assert "Workbench" not in nav.text_content()
    assert {"Title", "Column", "Status", "Index number", "Publication date"} <= set(
        texts(doc, "th")
    )

    doc = assert_english(client, f"/staff/items/{item.pk}/", values)
    assert {"Actions", "Catalogue data", "Attachments", "History"} <= set(texts(doc, "h2"))
    assert {"Change validity", "Withdraw"} <= set(texts(doc, "summary"))

    doc = assert_english(client, "/staff/items/new/", values)
    assert texts(doc, "h1") == ["Draft new information"]
    assert {"Title", "Document number", "Document date", "Subject"} <= set(texts(doc, "label"))
    assert "Save the draft" in texts(doc, "button")

    assert_english(client, f"/staff/items/{item.pk}/revise/", values)
    doc = assert_english(client, "/staff/figures/2024/", values)
    assert texts(doc, "h1") == ["Table 2 figures for 2024"]

    client.force_login(sample.reviewer)
    assert_english(client, f"/staff/items/{item.pk}/", values)


def test_reports_workspace_in_english(client, world):
    report = world["report"]
    values = data_values(report_title(report_queries.as_report(report)))
    client.force_login(world["head"])

    doc = assert_english(client, "/staff/reports/", values)
    assert texts(doc, "h1") == ["Annual reports on government information disclosure"]
    assert {"Agency", "Year", "Status", "Publication deadline", "Time left"} <= set(
        texts(doc, "th")
    )
    assert "Generate the draft" in texts(doc, "button")

    doc = assert_english(client, f"/staff/reports/{report.pk}/", values)
    assert {"Check results", "Actions", "Report preview (national standard format)"} <= set(
        texts(doc, "h2")
    )
    assert "Approve" in texts(doc, "summary")
    assert "Approve the report" in texts(doc, "button")


def test_disputes_pages_in_english(client, world):
    case = world["case"]
    values = data_values()
    client.force_login(world["handler"])

    doc = assert_english(client, "/staff/disputes/", values)
    assert texts(doc, "h1") == ["Administrative reconsideration and litigation"]
    assert {"Case number", "Kind", "Date accepted"} <= set(texts(doc, "th"))
    assert texts(doc, "caption") == ["1 case"]  # not the applications' "1 application"

    doc = assert_english(client, f"/staff/disputes/{case.pk}/", values)
    assert texts(doc, "h1") == ["Administrative reconsideration Not concluded yet"]
    assert "Record the final outcome" in texts(doc, "h2")
    assert "Record the outcome" in texts(doc, "button")

    doc = assert_english(client, "/staff/disputes/new/", values)
    assert texts(doc, "h1") == ["Register a reconsideration or litigation case"]
    assert "Respondent agency" in texts(doc, "label")


def test_supervision_pages_in_english(client, world):
    values = data_values()
    client.force_login(world["supervisor"])

    doc = assert_english(client, "/supervision/2024/", values)
    assert texts(doc, "h1") == [
        "Overview of the 2024 annual reports on government information disclosure"
    ]
    (subnav,) = doc.xpath("//nav[@class='subnav']")
    assert subnav.get("aria-label") == "Competent department"
    assert texts(subnav, "a") == [
        "2024 annual reports overview",
        "Similarity check",
        "Complaints",
        "Import published reports",
    ]
    assert {"Report status by agency", "Charts"} <= set(texts(doc, "h2"))

    doc = assert_english(client, "/supervision/2024/similarity/", values)
    assert texts(doc, "h1") == ["Similarity check of the 2024 annual reports"]
    doc = assert_english(client, "/supervision/complaints/", values)
    assert texts(doc, "h1") == ["Complaints"]
    doc = assert_english(client, "/supervision/import/", values)
    assert texts(doc, "h1") == ["Import published reports"]


# ------------------------------------------------------------------ plurals, dates, punctuation


def test_the_portal_pagination_says_first_where_the_breadcrumb_says_home():
    """The pagination numbers its pages (the first and last always among them) in both
    languages; its jump form says how many pages there are."""
    page = Paginator(range(60), 20).page(2)
    links = {}
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            html = render_to_string("portal/_pagination.html", {"page": page})
        links[lang] = texts(lxml.html.fromstring(html), "a")
    assert links["zh-hans"] == ["上一页", "1", "3", "下一页"]
    assert links["en"] == ["Previous", "1", "3", "Next"]


def test_dates_in_words_follow_the_language(client, world):
    """The deadlines are 2025年1月31日 on the Chinese pages and 31 January 2025 on the English."""
    report = world["report"]
    client.force_login(world["head"])
    for url in ("/staff/reports/", f"/staff/reports/{report.pk}/"):
        english = [t.text for t in get(client, url).iter("time") if "T" not in t.get("datetime")]
        assert "31 January 2025" in english, url
        assert not any(CHINESE.search(t) for t in english), url
        chinese = lxml.html.fromstring(client.get(url).content.decode())
        assert "2025年1月31日" in [t.text for t in chinese.iter("time")], url


def test_finding_levels_are_translated(client, world):
    report = world["report"]
    client.force_login(world["head"])
    doc = get(client, f"/staff/reports/{report.pk}/")
    labels = {el.text for el in doc.xpath("//section[@class='report-findings']//span")}
    assert labels and labels <= {"Error", "Warning", "Note"}

    client.force_login(world["supervisor"])
    doc = get(client, "/supervision/2024/")
    counts = [" ".join(td.text_content().split()) for td in doc.xpath("//td[@class='findings']")]
    shown = [c for c in counts if c != "—"]  # the bureau's draft; no report for the others
    assert len(shown) == 1 and re.fullmatch(r"Error \d+ · Warning \d+ · Note \d+", shown[0])


def test_counts_name_what_they_count(client, world):
    file_complaint(
        world["site"].bureau, name="张三", contact="13800000000", text="未公开", ip="10.0.0.1"
    )
    client.force_login(world["supervisor"])
    doc = get(client, "/supervision/complaints/")
    assert texts(doc, "caption") == ["1 complaint"]
    doc = get(client, "/supervision/2024/similarity/")
    (lead,) = doc.find_class("lead")
    assert re.match(r"Compared 1 report with text\. ", lead.text_content()), lead.text_content()
    client.force_login(world["site"].editor)
    doc = get(client, "/staff/items/")
    assert texts(doc, "caption") == ["Total: 1"]


def test_punctuation_around_values_follows_the_language(client, world):
    sample, item = world["site"], world["item"]
    old = publish(sample, title="旧办法", genre=Item.Genre.NORMATIVE)
    catalog.set_validity(
        old,
        validity=Item.Validity.REPEALED,
        on=dt.date(2025, 6, 1),
        replaced_by=item,
        actor=sample.editor,
    )
    office = sample.bureau
    values = data_values(office.office_address, office.office_hours)
    bureau = f"/gk/{sample.bureau.code}/"

    def english(el) -> str:
        text = " ".join(el.text_content().split())
        for value in values:
            text = text.replace(value, "")
        return text

    doc = get(client, f"{bureau}items/{old.pk}/")
    (notice,) = doc.find_class("gk-validity")
    assert [" ".join(p.text_content().split()) for p in notice.iter("p")] == [
        "This document has been repealed (2025-06-01)",
        f"Replaced by: {item.title} (示环发〔2025〕3号)",
    ]

    doc = get(client, "/")
    hidden = [el.text_content() for el in doc.xpath("//ul[@class='gk-tree']//a/span")]
    assert f" ({sample.bureau.name})" in hidden
    assert not any(CHINESE.search(english(el)) for el in doc.xpath("//ul[@class='gk-tree']//a"))

    doc = get(client, f"{bureau}guide/")
    (topics,) = [p for p in doc.iter("p") if p.text_content().startswith("By subject")]
    assert english(topics) == "By subject: “”, “”."
    sections = doc.xpath("//h2[@id='g-organisation']/following-sibling::ul[1]/li")
    assert [english(li) for li in sections] == [": , ", ": "]
    for dd in doc.xpath("//dl[@class='facts']/dd"):
        assert not CHINESE.search(english(dd)), english(dd)

    client.force_login(sample.editor)
    response = client.post("/staff/items/new/", {"title": ""}, **ENGLISH)
    doc = lxml.html.fromstring(response.content.decode())
    errors = [el.text_content() for el in doc.xpath("//div[@class='error-summary']//a")]
    assert errors and any(e.startswith("Title: ") for e in errors), errors
    assert not any(CHINESE.search(e) for e in errors), errors

    client.force_login(world["supervisor"])
    doc = get(client, "/supervision/2024/")
    notes = [
        p.text_content() for p in doc.find_class("muted") if "Not totalled" in p.text_content()
    ]
    assert notes and not any(CHINESE.search(english(p)) for p in doc.find_class("muted")), notes


# ------------------------------------------------------------------ the check itself


def test_the_check_finds_the_chinese_of_the_default_language(client, world):
    """Without Accept-Language the same pages are Chinese, and `leftovers` says so: the data
    values taken out are not what makes the English pages pass."""
    values = data_values()
    client.force_login(world["head"])
    for url in ("/", f"/gk/{world['site'].bureau.code}/", "/search/?q=x", "/staff/reports/"):
        doc = lxml.html.fromstring(client.get(url).content.decode())
        assert doc.get("lang") == "zh-hans"
        assert len(leftovers(doc, values)) >= 3, url

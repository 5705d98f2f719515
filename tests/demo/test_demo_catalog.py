"""The demo catalog (`xxgk.demo.catalog`, part of `xxgk demo`): portals, topics and items built
through the catalog services, idempotent, searchable, and a table 二 with its figures.

To keep the module quick the drawn columns run at a quarter of their yearly rates (`SCALE`);
the periodic and paired items (guides, reports, budgets, interpretations, replacements) are
as in the full demo, which tests/demo/test_demo.py loads through the command. Everything is
loaded once for the module (twice, for idempotency) inside a transaction rolled back at the
end; the tests read a snapshot taken before the rollback.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.catalog import queries, search, services
from xxgk.catalog.models import (
    AnnualFigures,
    Column,
    Item,
    ItemEvent,
    ItemVersion,
    Review,
    Section,
    Topic,
)
from xxgk.demo import catalog, people
from xxgk.demo.loader import DEMO_AGENCIES, load_demo

pytestmark = pytest.mark.django_db

TEST_SCALE = 0.25


def _counts() -> dict[str, int]:
    models = (Section, Column, Topic, Item, ItemVersion, ItemEvent, Review, AnnualFigures)
    out = {m.__name__: m.objects.count() for m in models}
    out["memberships"] = Membership.objects.count()
    return out


def _load() -> catalog.CatalogResult:
    agencies = {d.key: Agency.objects.get(code=d.code) for d in DEMO_AGENCIES}
    users = {u.username: u for u in User.objects.filter(username__in=("editor", "reviewer"))}
    return catalog.load_catalog(agencies, users)


def _snapshot() -> dict:
    s: dict = {"today": timezone.localdate()}
    load_demo(with_cases=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(catalog.writer, "SCALE", TEST_SCALE)
        s["result1"] = _load()
        s["first"] = _counts()
        s["result2"] = _load()
        s["second"] = _counts()

    items = list(Item.objects.select_related("agency", "column__section", "topic"))
    s["items"] = [
        {
            "pk": i.pk,
            "agency": i.agency.code,
            "title": i.title,
            "status": i.status,
            "mode": i.mode,
            "genre": i.genre,
            "content_kind": i.content_kind,
            "validity": i.validity,
            "replaced_by": i.replaced_by_id,
            "late": i.late,
            "formed_on": i.formed_on,
            "published_on": i.published_on,
            "index_number": i.index_number,
            "topic": i.topic_id,
            "same_agency_column": i.column.agency_id == i.agency_id,
        }
        for i in items
    ]
    s["interpretations"] = list(
        Item.interprets.through.objects.values_list("from_item__genre", "to_item__genre")
    )
    s["agencies"] = {
        a.code: {
            "index_code": a.index_code,
            "sections": list(a.sections.values_list("name", flat=True)),
            "statutory_columns": list(
                a.columns.filter(section__name=catalog.STATUTORY_SECTION).values_list(
                    "name", flat=True
                )
            ),
            "column_slugs": set(a.columns.values_list("slug", flat=True)),
            "roles": set(
                Membership.objects.filter(
                    agency=a, user__username__in=("editor", "reviewer")
                ).values_list("user__username", "role")
            ),
        }
        for a in Agency.objects.filter(code__in=[d.code for d in DEMO_AGENCIES])
    }
    s["topics"] = {
        t.name: [c.name for c in t.children.all()] for t in Topic.objects.filter(parent=None)
    }
    s["searchable"], s["withdrawn_found"] = _search_checks(items)
    departments = Agency.objects.filter(kind=Agency.Kind.DEPARTMENT, code__startswith="demo-")
    year = s["today"].year - 1
    s["t2"] = queries.table2_counts(departments.values_list("pk", flat=True), year)
    s["t2_city"] = queries.table2_counts(
        [Agency.objects.get(code="demo-city").pk], s["today"].year - 1
    )
    s["pages"] = _pages(items)
    return s


def _search_checks(items: list[Item]) -> tuple[list[bool], list[bool]]:
    public = Item.objects.public()
    rng = random.Random(7)
    published = [i for i in items if i.is_public]
    found = [
        search.matching(public, i.title).filter(pk=i.pk).exists() for i in rng.sample(published, 30)
    ]
    withdrawn = [
        search.matching(Item.objects.all(), i.title).filter(pk=i.pk).exists()
        for i in items
        if i.status == Item.Status.WITHDRAWN
    ]
    return found, withdrawn


def _pages(items: list[Item]) -> dict[str, int]:
    client = Client()
    item = next(i for i in items if i.is_public and i.genre == Item.Genre.NORMATIVE)
    urls = [
        "/gk/demo-sthjj/",
        "/gk/demo-sthjj/xzcf/",
        "/gk/demo-city/gkzd/",
        f"/gk/{item.agency.code}/items/{item.pk}/",
        "/search/?q=行政处罚",
    ]
    return {u: client.get(u).status_code for u in urls}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> dict:
    with django_db_blocker.unblock(), transaction.atomic():
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


# ------------------------------------------------------------------ idempotency


def test_a_second_run_creates_and_changes_nothing(demo):
    assert demo["first"] == demo["second"]
    second = demo["result2"]
    assert second.items_created == 0 and not second.actions
    assert second.sections_created == second.columns_created == second.topics_created == 0
    assert second.figures_created == second.memberships_created == 0


def test_the_services_refused_nothing(demo):
    assert demo["result1"].refusals == []
    assert demo["result1"].items_created == demo["first"]["Item"] > 500


def test_every_item_was_reviewed_by_someone_else(demo):
    # create_draft → submit_for_review → review: one approving review per published version
    actions = demo["result1"].actions
    assert actions["review"] >= actions["create_draft"] - 10
    assert demo["first"]["Review"] >= sum(1 for i in demo["items"] if i["published_on"])


# ------------------------------------------------------------------ portals and topics


def test_every_agency_has_the_four_parts_and_its_columns(demo):
    for code, a in demo["agencies"].items():
        assert a["sections"] == [
            "政府信息公开指南",
            "政府信息公开制度",
            "法定主动公开内容",
            "政府信息公开年报",
        ], code
        assert len(a["statutory_columns"]) >= 4, code
        assert "工作动态" in a["statutory_columns"] or "政务要闻" in a["statutory_columns"]
        assert {"gkzn", "gkzd", "gknb"} <= a["column_slugs"]
        assert {("editor", "editor"), ("reviewer", "reviewer")} <= a["roles"], code
    departments = [demo["agencies"][f"demo-{k}"]["statutory_columns"] for k in ("sfj", "sthjj")]
    assert departments[0] != departments[1]  # the columns vary per agency
    assert {"政策文件", "规范性文件", "政策解读", "行政许可", "行政处罚", "财政信息"} <= set(
        departments[1]
    )


def test_index_codes_are_unified_social_credit_codes(demo):
    codes = [a["index_code"] for a in demo["agencies"].values()]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert code.startswith("11210400MB0") and people.valid_uscc(code), code
        Agency(code="x", name="x", index_code=code).clean_fields(exclude=["code", "name"])


def test_the_topic_tree_has_the_22_themes(demo):
    topics = demo["topics"]
    assert len(topics) == 22
    assert topics["综合政务"][:3] == ["政务公开", "政务督查", "应急管理"]
    assert sum(1 for children in topics.values() if len(children) >= 2) == 21


# ------------------------------------------------------------------ items


def test_items_of_every_genre_and_content_kind(demo):
    items = demo["items"]
    assert {i["genre"] for i in items} == set(Item.Genre.values)
    assert {i["content_kind"] for i in items} == set(Item.ContentKind.values)
    genres = Counter(i["genre"] for i in items)
    assert genres[Item.Genre.RULE] < genres[Item.Genre.NORMATIVE] < genres[Item.Genre.NEWS]
    assert all(i["same_agency_column"] and i["topic"] for i in items)


def test_every_agency_has_items_over_the_years(demo):
    by_agency = Counter(i["agency"] for i in demo["items"])
    assert set(by_agency) == {d.code for d in DEMO_AGENCIES}
    years = {i["formed_on"].year for i in demo["items"]}
    assert years == set(range(2023, demo["today"].year + 1))


def test_validity_and_replacements(demo):
    documents = [i for i in demo["items"] if i["genre"] in (Item.Genre.RULE, Item.Genre.NORMATIVE)]
    validity = Counter(i["validity"] for i in documents)
    assert validity[Item.Validity.VALID] > validity[Item.Validity.AMENDED] > 0
    assert validity[Item.Validity.REPEALED] > 0
    replaced = [i for i in documents if i["replaced_by"]]
    assert replaced and all(
        i["validity"] in (Item.Validity.AMENDED, Item.Validity.REPEALED) for i in replaced
    )


def test_interpretations_point_to_documents(demo):
    pairs = demo["interpretations"]
    assert len(pairs) >= 10
    assert {a for a, _ in pairs} == {Item.Genre.INTERPRETATION}
    assert {b for _, b in pairs} <= {
        Item.Genre.RULE,
        Item.Genre.NORMATIVE,
        Item.Genre.OTHER_DOCUMENT,
    }


def test_publication_dates_late_and_withdrawn(demo):
    items = demo["items"]
    published = [i for i in items if i["published_on"]]
    assert all(i["formed_on"] <= i["published_on"] <= demo["today"] for i in published)
    assert all(i["index_number"] for i in published)
    late = [i for i in published if i["late"]]
    assert 1 <= len(late) <= len(published) * 0.05
    for i in late:
        assert services.is_late(i["formed_on"], i["published_on"])
    statuses = Counter(i["status"] for i in items)
    assert 1 <= statuses[Item.Status.WITHDRAWN] <= len(items) * 0.02
    assert statuses[Item.Status.PUBLISHED] > len(items) * 0.95


# ------------------------------------------------------------------ search and pages


def test_published_items_are_found_by_their_titles(demo):
    assert all(demo["searchable"])
    assert demo["withdrawn_found"] and not any(demo["withdrawn_found"])


def test_portal_pages_show_the_demo_catalog(demo):
    assert demo["pages"] == {u: 200 for u in demo["pages"]}


# ------------------------------------------------------------------ table 二


def test_table2_of_the_past_year_is_complete(demo):
    t2 = demo["t2"]
    for row, cells in t2.items():
        if row.startswith("art20_1."):
            assert None not in cells.values(), row
    assert t2["art20_1.normative_documents"]["in_force"] > 0
    for row, cell in (
        ("art20_5.admin_licensing", "decisions"),
        ("art20_6.admin_penalty", "decisions"),
        ("art20_6.admin_coercion", "decisions"),
        ("art20_8.admin_fees", "fee_amount"),
    ):
        assert t2[row][cell] is not None, row
    assert t2["art20_6.admin_penalty"]["decisions"] > 20
    assert t2["art20_5.admin_licensing"]["decisions"] > t2["art20_6.admin_coercion"]["decisions"]


def test_the_city_government_has_rules_in_force(demo):
    rules = demo["t2_city"]["art20_1.regulations"]
    assert None not in rules.values()
    assert rules["in_force"] >= 1


def test_figures_only_for_past_years(demo):
    years = {i for i in range(2023, demo["today"].year)}
    assert demo["first"]["AnnualFigures"] == 4 * len(years)  # the city and three departments
    assert dt.date(max(years), 12, 31) < demo["today"]


# ------------------------------------------------------------------ benchmark data


def test_synthetic_catalog_is_published_and_searchable(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("synthetic_catalog", items=300, agencies=3, batch=120, stdout=out)
    assert "300 synthetic items in 3 agencies" in out.getvalue()
    items = Item.objects.filter(agency__code__startswith="synth-")
    assert items.public().count() == 300
    assert items.values("column").distinct().count() > 5
    sample = list(items.order_by("?")[:20])
    for item in sample:
        extra = f"{item.document_number} {item.summary}"
        assert item.search_text == search.index_text(item.title, item.body, extra)
        assert search.matching(items, item.title).filter(pk=item.pk).exists()
    assert search.matching(items, "工作").count() > 150

"""`search.Matches`: the same matches, newest first, and the same capped count whichever plan
the terms' frequencies choose (on PostgreSQL: the newest items read in order, or the GIN
index and a sort; on SQLite: FTS5)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.catalog.sites import D, publish
from xxgk.catalog import search
from xxgk.catalog.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(site):
    """12 items with 扬尘 (two of them on the same day), 3 without, in publication order."""
    with_word = [
        publish(
            site,
            title=f"扬尘通报{n}",
            on=D(2025, 1, 6) + dt.timedelta(days=n // 2 * 3),
            topic_id=site.environment.pk,
        )
        for n in range(12)
    ]
    for n in range(3):
        publish(site, title=f"会议通知{n}", body="<p>关于会议安排。</p>", on=D(2025, 2, n + 3))
    newest_first = sorted(with_word, key=lambda i: (i.published_on, i.pk), reverse=True)
    return [i.pk for i in newest_first]


def ids(matches, start=0, stop=None) -> list[int]:
    return [i.pk for i in matches[start : stop or len(matches)]]


@pytest.fixture(params=["gin", "newest"])
def plan(request, monkeypatch):
    """Make the terms look rare (the GIN index) or frequent (the newest items read first)."""
    share = 0.0 if request.param == "gin" else 0.9
    monkeypatch.setattr(search, "_term_frequencies", lambda: {"扬尘": share, "通报": share})
    return request.param


def test_all_matches_newest_first_under_the_cap(catalog, plan):
    m = search.Matches(Item.objects.public(), "扬尘", cap=50)
    assert (m.count, m.capped) == (12, False)
    assert ids(m) == catalog
    assert ids(m, 5, 10) == catalog[5:10]  # a later page
    assert all(i.agency.code and i.column.name for i in m[0:3])  # with agency and column


def test_the_count_stops_at_the_cap_and_pages_keep_the_order(catalog, plan):
    m = search.Matches(Item.objects.public(), "扬尘 通报", cap=5)
    assert (m.count, m.capped, len(m)) == (5, True, 5)
    assert ids(m) == catalog[:5]
    assert ids(m, 3, 20) == catalog[3:5]  # nothing beyond the cap


def test_a_too_small_window_falls_back_to_the_index(catalog, plan, monkeypatch):
    monkeypatch.setattr(search, "SCAN_WINDOW", 4)  # fewer than cap + 1 matches in it
    m = search.Matches(Item.objects.public(), "扬尘", cap=5)
    assert (m.count, m.capped) == (5, True)
    assert ids(m) == catalog[:5]


def test_filters_and_no_match(site, catalog, plan):
    in_feb = Item.objects.public().filter(published_on__gte=D(2025, 1, 20))
    m = search.Matches(in_feb, "扬尘", cap=50)
    expected = [pk for pk in catalog if Item.objects.get(pk=pk).published_on >= D(2025, 1, 20)]
    assert ids(m) == expected and 0 < len(expected) < 12
    from django.db.models import Q

    top = site.environment.parent_id  # a filter with a join, as the search page's topic filter
    by_topic = Item.objects.public().filter(Q(topic_id=top) | Q(topic__parent_id=top))
    assert ids(search.Matches(by_topic, "扬尘", cap=3)) == catalog[:3]
    assert len(search.Matches(Item.objects.public(), "秸秆", cap=50)) == 0
    assert len(search.Matches(Item.objects.public(), "！？", cap=50)) == 0  # nothing to search


def test_the_term_frequencies_come_from_the_statistics(catalog):
    """On PostgreSQL the statistics of search_vector give each frequent lexeme's share."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL statistics")
    with connection.cursor() as cur:
        cur.execute("ANALYZE catalog_item")
    search._stats["at"] = -1e9  # forget the cached statistics
    freqs = search._term_frequencies()
    assert freqs.get("扬尘", 0) > freqs.get("会议", 0) > 0  # in 12 and in 3 of the 15 items

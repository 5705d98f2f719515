"""The portal's search page: every agency's published items, filtered by agency, column,
topic and year, the newest first, with the matches highlighted (`xxgk.catalog.search`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from xxgk.agencies.models import Agency
from xxgk.catalog import search
from xxgk.catalog.forms import topic_choices
from xxgk.catalog.models import Column, Item

from . import pagecache
from .views import page_query

SEARCH_PAGE_SIZE = 20
# a search counts at most this many matches ("more than 1000"): counting every item with a
# common word among a million takes far longer than finding the newest 20
SEARCH_COUNT_CAP = 1000


@dataclass(frozen=True)
class Hit:
    item: Item
    title: SafeString  # escaped, matches in <mark>
    snippet: SafeString


def _int(value: str | None) -> int | None:
    """A positive id or year from the query string; anything else is no filter."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) < 10 else None


def _without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _grouped(choices: list) -> list[tuple[str, list[tuple[str, str]]]]:
    """Django-style choices as (group label or "", options) pairs for the template."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            out.append((value, [(str(v), str(lab)) for v, lab in label]))
        elif out and not out[-1][0]:
            out[-1][1].append((str(value), str(label)))
        else:
            out.append(("", [(str(value), str(label))]))
    return out


def _options(groups: list[tuple[str, list[tuple[str, str]]]], selected: str) -> SafeString:
    """<option>s (in <optgroup>s where a group has a label), escaped, `selected` marked:
    built here because a template loop over a city's hundreds of columns costs more than the
    search itself."""
    out = []
    for group, options in groups:
        items = "".join(
            f'<option value="{escape(v)}"{" selected" if v == selected else ""}>{escape(label)}'
            "</option>"
            for v, label in options
        )
        out.append(f'<optgroup label="{escape(group)}">{items}</optgroup>' if group else items)
    return mark_safe("".join(out))


def _hit(item: Item, q: str) -> Hit:
    title = search.highlight(item.title, q, width=3 * len(item.title) + 3)
    text = search.display_text(item.body)
    terms = search.query_terms(q)
    if item.summary and not any(t.lower() in text.lower() for t in terms):
        text = item.summary
    return Hit(item, mark_safe(title), mark_safe(search.highlight(text, q)))


def public_years() -> list[int]:
    """The years of the year filter, newest first: from the first publication to the last
    (two index look-ups; a year without items simply finds nothing)."""
    r = Item.objects.public().aggregate(first=Min("published_on"), last=Max("published_on"))
    if r["first"] is None:
        return []
    return list(range(r["last"].year, r["first"].year - 1, -1))


def _search_choices() -> dict:
    """The agencies, columns and topics of the search filters, cached until the catalog
    changes (pagecache's generation): a city has hundreds of columns."""
    key = f"catalog:search-choices:{pagecache.generation()}"
    choices = cache.get(key)
    if choices is None:
        agencies = list(Agency.objects.order_by("code"))
        rows = Column.objects.order_by("agency__code", "section__order", "order").values_list(
            "pk", "name", "agency__code", "agency__name"
        )
        by_name: dict[str, list] = {}
        by_code: dict[str, list] = {a.code: [] for a in agencies}
        for pk, name, code, agency_name in rows:
            by_name.setdefault(agency_name, []).append((str(pk), name))
            by_code[code].append((str(pk), name))
        choices = {
            "agencies": agencies,
            "all_columns": list(by_name.items()),  # grouped by agency
            "columns": {code: [("", options)] for code, options in by_code.items()},
            "topics": _grouped(topic_choices()[1:]),
        }
        cache.set(key, choices, settings.XXGK_PORTAL_COUNTS_SECONDS)
    return choices


def search_view(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    q = raw.strip()[: search.MAX_QUERY_CHARS]
    choices = _search_choices()
    agencies = choices["agencies"]
    agency = next((a for a in agencies if a.code == request.GET.get("agency")), None)
    column_id, topic_id, year = (
        _int(request.GET.get("column")),
        _int(request.GET.get("topic")),
        _int(request.GET.get("year")),
    )
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    years = public_years()
    if year not in years:  # a year with nothing published, or none at all (year=10000)
        year = None
    terms = search.query_terms(q)
    page = None
    capped = False
    hits: list[Hit] = []
    if terms:
        qs = Item.objects.public()
        if agency is not None:
            qs = qs.filter(agency=agency)
        if column_id:
            qs = qs.filter(column_id=column_id)
        if topic_id:
            qs = qs.filter(Q(topic_id=topic_id) | Q(topic__parent_id=topic_id))
        if year:
            qs = qs.filter(published_on__year=year)
        matches = search.Matches(qs, q, SEARCH_COUNT_CAP, order=sort)
        page = Paginator(matches, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        hits = [_hit(i, q) for i in page]
        capped = matches.capped
    return render(
        request,
        "portal/search.html",
        {
            "q": q,
            "asked": bool(raw.strip()),
            "too_long": len(raw.strip()) > search.MAX_QUERY_CHARS,
            "terms": terms,
            "page": page,
            "hits": hits,
            "capped": capped,
            "query": page_query(request),
            "agencies": agencies,
            "agency": agency,
            "agency_options": _options(
                [("", [(a.code, a.name) for a in agencies])], agency.code if agency else ""
            ),
            "column_options": _options(
                choices["columns"][agency.code] if agency else choices["all_columns"],
                str(column_id or ""),
            ),
            "topic_options": _options(choices["topics"], str(topic_id or "")),
            "years": years,
            "sort": sort,
            "sort_query": _without(request, "page", "sort"),
            "year": year,
            "filtered": bool(agency or column_id or topic_id or year),
            "empty_message": _("请输入检索词"),
        },
    )

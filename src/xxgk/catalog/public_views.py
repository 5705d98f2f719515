"""The public disclosure portal (no account): the cluster's agencies, each agency's 政府信息公开
home with the four standard parts (指南, 制度, 法定主动公开内容, 年报) and 依申请公开, column
lists, item pages with the metadata block, attachments, and search over every agency.

Only published, proactively disclosed items exist here: drafts, items in review, withdrawn
items and items not disclosed proactively are 404 wherever they are asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, Min, Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from xxgk.agencies.models import Agency

from . import pagecache, queries, search, uploads
from .forms import topic_choices
from .models import Attachment, Column, Item, Section, Topic

PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 20
# a search counts at most this many matches ("more than 1000"): counting every item with a
# common word among a million takes far longer than finding the newest 20
SEARCH_COUNT_CAP = 1000
LATEST = 10
# the column that holds the agency's 政府信息公开制度, when it has one (国办公开办函〔2019〕61号)
RULES_COLUMN_NAMES = ("政府信息公开制度", "信息公开制度", "公开制度")
RULES_COLUMN_SLUGS = ("gkzd", "zfxxgkzd", "xxgkzd")
STATUTORY_SECTION_NAME = "法定主动公开内容"
KIND_RANK = {
    Agency.Kind.GOVERNMENT: 0,
    Agency.Kind.SUPERVISING_OFFICE: 1,
    Agency.Kind.DEPARTMENT: 2,
    Agency.Kind.SUB_UNIT: 3,
}


def _listing(qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs.select_related("agency", "column").order_by("-published_on", "-pk")


def _page_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# ------------------------------------------------------------------ the cluster


@dataclass
class Node:
    agency: Agency
    children: list[Node] = field(default_factory=list)


def agency_tree(agencies: list[Agency]) -> list[Node]:
    """Governments first, then the offices and departments below them, by kind and code."""
    nodes = {a.pk: Node(a) for a in agencies}
    roots: list[Node] = []
    for a in agencies:
        parent = nodes.get(a.parent_id) if a.parent_id else None
        (parent.children if parent else roots).append(nodes[a.pk])

    def key(n: Node):
        return (KIND_RANK.get(n.agency.kind, 9), n.agency.code)

    def sort(level: list[Node]) -> None:
        level.sort(key=key)
        for n in level:
            sort(n.children)

    sort(roots)
    return roots


@pagecache.cached_page
def home(request: HttpRequest) -> HttpResponse:
    agencies = list(Agency.objects.all())
    latest = list(_listing(Item.objects.public())[:LATEST])
    return render(
        request,
        "catalog/portal/home.html",
        {"tree": agency_tree(agencies), "latest": latest, "has_agencies": bool(agencies)},
    )


# ------------------------------------------------------------------ one agency


@dataclass(frozen=True)
class Portal:
    """What every page of an agency's disclosure portal shows around its content."""

    agency: Agency
    sections: list[Section]
    rules_column: Column | None
    statutory_anchor: str
    counts: dict[int, int]  # column id → published proactive items


def _portal(agency: Agency) -> Portal:
    """Cached until the catalog changes (pagecache's generation): every page of the agency's
    portal shows it, and counting an agency's tens of thousands of items on each request
    would cost more than the rest of the page."""
    key = f"catalog:portal:{pagecache.generation()}:{agency.pk}"
    portal = cache.get(key)
    if portal is None:
        portal = _read_portal(agency)
        cache.set(key, portal, settings.XXGK_PORTAL_COUNTS_SECONDS)
    return portal


def _read_portal(agency: Agency) -> Portal:
    columns = list(Column.objects.filter(agency=agency).select_related("section"))
    counts = queries.public_column_counts(agency.pk)
    for c in columns:
        c.n = counts.get(c.pk, 0)
    sections = list(Section.objects.filter(agency=agency))
    by_section: dict[int, list[Column]] = {}
    for c in columns:
        by_section.setdefault(c.section_id, []).append(c)
    for s in sections:
        s.column_list = by_section.get(s.pk, [])
    rules = next(
        (c for c in columns if c.name in RULES_COLUMN_NAMES or c.slug in RULES_COLUMN_SLUGS),
        None,
    )
    statutory = next((s for s in sections if s.name == STATUTORY_SECTION_NAME), None)
    anchor = f"section-{statutory.slug}" if statutory else "catalog"
    return Portal(agency, sections, rules, anchor, counts)


def _agency(agency_code: str) -> Agency:
    return get_object_or_404(Agency.objects.select_related("parent"), code=agency_code)


@pagecache.cached_page
def agency_home(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(agency_code)
    latest = list(_listing(Item.objects.public().filter(agency=agency))[:LATEST])
    children = sorted(agency.children.all(), key=lambda a: (KIND_RANK.get(a.kind, 9), a.code))
    return render(
        request,
        "catalog/portal/agency.html",
        {"portal": _portal(agency), "agency": agency, "latest": latest, "children": children},
    )


@pagecache.cached_page
def guide(request: HttpRequest, agency_code: str) -> HttpResponse:
    """政府信息公开指南 (art. 12), written from the agency's settings."""
    agency = _agency(agency_code)
    topics = [t for t in Topic.objects.filter(parent=None).order_by("order", "pk")]
    return render(
        request,
        "catalog/portal/guide.html",
        {"portal": _portal(agency), "agency": agency, "topics": topics},
    )


def annual_reports(request: HttpRequest, agency_code: str) -> HttpResponse:
    """政府信息公开工作年度报告: the agency's published reports (xxgk.reports), newest first."""
    from xxgk.reports.queries import published_reports

    agency = _agency(agency_code)
    return render(
        request,
        "catalog/portal/reports.html",
        {
            "portal": _portal(agency),
            "agency": agency,
            "nav": "reports",
            "reports": published_reports(agency),
        },
    )


@pagecache.cached_page
def column(request: HttpRequest, agency_code: str, column_slug: str) -> HttpResponse:
    agency = _agency(agency_code)
    col = get_object_or_404(
        Column.objects.select_related("section"), agency=agency, slug=column_slug
    )
    portal = _portal(agency)
    qs = _listing(Item.objects.public().filter(column=col)).select_related("topic__parent")
    paginator = Paginator(qs, PAGE_SIZE)
    paginator.count = portal.counts.get(col.pk, 0)  # counted once, with the navigation
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/portal/column.html",
        {
            "portal": portal,
            "agency": agency,
            "column": col,
            "page": page,
            "query": _page_query(request),
        },
    )


def _public_item(agency_code: str, pk: int) -> Item:
    return get_object_or_404(
        Item.objects.public().select_related(
            "agency", "column__section", "topic__parent", "replaced_by__agency"
        ),
        pk=pk,
        agency__code=agency_code,
    )


@pagecache.cached_page
def item(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    it = _public_item(agency_code, pk)
    visible = Item.objects.public().select_related("agency")
    replaced_by = it.replaced_by if it.replaced_by_id and it.replaced_by.is_public else None
    return render(
        request,
        "catalog/portal/item.html",
        {
            "portal": _portal(it.agency),
            "agency": it.agency,
            "item": it,
            "column": it.column,
            # the body is sanitised HTML (services.sanitise): the only field shown unescaped
            "body": mark_safe(it.body),
            "attachments": list(it.attachments.order_by("pk")),
            "interprets": list(visible.filter(interpretations=it)),
            "interpretations": list(visible.filter(interprets=it)),
            "replaced_by": replaced_by,
            "replaces": list(visible.filter(replaced_by=it)),
            "changed": it.validity
            in (Item.Validity.AMENDED, Item.Validity.REPEALED, Item.Validity.EXPIRED),
        },
    )


def attachment(request: HttpRequest, agency_code: str, pk: int, attachment_pk: int) -> FileResponse:
    it = _public_item(agency_code, pk)
    return uploads.file_response(get_object_or_404(Attachment, pk=attachment_pk, item=it))


# ------------------------------------------------------------------ search


@dataclass(frozen=True)
class Hit:
    item: Item
    title: SafeString  # escaped, matches in <mark>
    snippet: SafeString


def _int(value: str | None) -> int | None:
    """A positive id or year from the query string; anything else is no filter."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) < 10 else None


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
        matches = search.Matches(qs, q, SEARCH_COUNT_CAP)
        page = Paginator(matches, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        hits = [_hit(i, q) for i in page]
        capped = matches.capped
    years = public_years()
    return render(
        request,
        "catalog/portal/search.html",
        {
            "q": q,
            "asked": bool(raw.strip()),
            "too_long": len(raw.strip()) > search.MAX_QUERY_CHARS,
            "terms": terms,
            "page": page,
            "hits": hits,
            "capped": capped,
            "query": _page_query(request),
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
            "year": year,
            "filtered": bool(agency or column_id or topic_id or year),
            "empty_message": _("请输入检索词"),
        },
    )

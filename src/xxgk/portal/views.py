"""The public disclosure portal (no account): the cluster's agencies, each agency's 政府信息公开
home with the four standard parts (指南, 制度, 法定主动公开内容, 年报) and 依申请公开, column
lists, item pages with the metadata block and attachments. Search is `searching.py`, the
annual reports `reports.py`, applying and tracking `apply.py`, complaints `complaints.py`.

Only published, proactively disclosed items exist here: drafts, items in review, withdrawn
items and items not disclosed proactively are 404 wherever they are asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from xxgk.agencies.models import Agency
from xxgk.agencies.queries import agency_tree, listing_order
from xxgk.agencies.remedies import review_body_text
from xxgk.catalog import queries, uploads
from xxgk.catalog.models import Attachment, Column, Item, Section, Topic

from . import pagecache
from .bodies import mark_signature

PAGE_SIZE = 20
LATEST = 10
# the column that holds the agency's 政府信息公开制度, when it has one (国办公开办函〔2019〕61号)
RULES_COLUMN_NAMES = ("政府信息公开制度", "信息公开制度", "公开制度")
RULES_COLUMN_SLUGS = ("gkzd", "zfxxgkzd", "xxgkzd")
STATUTORY_SECTION_NAME = "法定主动公开内容"


def _listing(qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs.select_related("agency", "column").order_by("-published_on", "-pk")


def page_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# ------------------------------------------------------------------ the cluster


@pagecache.cached_page
def home(request: HttpRequest) -> HttpResponse:
    agencies = list(Agency.objects.all())
    latest = list(_listing(Item.objects.public())[:LATEST])
    return render(
        request,
        "portal/home.html",
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


def portal_of(agency: Agency) -> Portal:
    """Cached until the catalog changes (pagecache's generation): every page of the agency's
    portal shows it, and counting an agency's tens of thousands of items on each request
    would cost more than the rest of the page."""
    key = f"catalog:portal:{pagecache.generation()}:{agency.pk}"
    portal = cache.get(key)
    if portal is None:
        portal = _readportal_of(agency)
        cache.set(key, portal, settings.XXGK_PORTAL_COUNTS_SECONDS)
    return portal


def _readportal_of(agency: Agency) -> Portal:
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


def agency_or_404(agency_code: str) -> Agency:
    return get_object_or_404(Agency.objects.select_related("parent"), code=agency_code)


@pagecache.cached_page
def agency_home(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = agency_or_404(agency_code)
    latest = list(_listing(Item.objects.public().filter(agency=agency))[:LATEST])
    children = sorted(agency.children.all(), key=listing_order)
    return render(
        request,
        "portal/agency.html",
        {
            "portal": portal_of(agency),
            "agency": agency,
            "latest": latest,
            "children": children,
            "nav": "home",
        },
    )


@pagecache.cached_page
def guide(request: HttpRequest, agency_code: str) -> HttpResponse:
    """政府信息公开指南 (art. 12), written from the agency's settings."""
    agency = agency_or_404(agency_code)
    topics = [t for t in Topic.objects.filter(parent=None).order_by("order", "pk")]
    return render(
        request,
        "portal/guide.html",
        {
            "portal": portal_of(agency),
            "agency": agency,
            "topics": topics,
            # from the tree under the 2023 Administrative Reconsideration Law: agencies.remedies
            "review_body": review_body_text(agency, pgettext("review bodies", "或者")),
        },
    )


@pagecache.cached_page
def column(request: HttpRequest, agency_code: str, column_slug: str) -> HttpResponse:
    agency = agency_or_404(agency_code)
    col = get_object_or_404(
        Column.objects.select_related("section"), agency=agency, slug=column_slug
    )
    portal = portal_of(agency)
    qs = _listing(Item.objects.public().filter(column=col)).select_related("topic__parent")
    paginator = Paginator(qs, PAGE_SIZE)
    paginator.count = portal.counts.get(col.pk, 0)  # counted once, with the navigation
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/column.html",
        {
            "portal": portal,
            "agency": agency,
            "column": col,
            "nav": col.slug,  # the current column, highlighted in the navigation
            "page": page,
            "query": page_query(request),
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
        "portal/item.html",
        {
            "portal": portal_of(it.agency),
            "agency": it.agency,
            "item": it,
            "column": it.column,
            "nav": it.column.slug if it.column_id else "",
            # the body is sanitised HTML (services.sanitise): the only field shown unescaped
            "body": mark_safe(mark_signature(it.body)),
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

"""What the API and the bulk downloads publish, as plain rows: agencies with their guide's
facts, public catalog items (cursor pages over the portal's own index), published annual
reports with their findings, and the cells of their tables. Both `read.py` (the JSON API) and
`bulk.py` (the files of /data/) read from here, so a download and the API agree row for row."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from xxgk.agencies.models import Agency
from xxgk.agencies.remedies import review_body_text
from xxgk.annual.jsonio import json_value
from xxgk.annual.model import Report
from xxgk.annual.templates import TABLE_NAMES, template
from xxgk.catalog import search
from xxgk.catalog.models import Item, ItemEvent, ItemVersion, Topic
from xxgk.reports.models import AnnualReport, ReportVersion
from xxgk.reports.queries import published_version, version_report

MAX_LIMIT = 200  # every list is bounded: at most this many rows a page
DEFAULT_LIMIT = 50


class BadCursor(ValueError):
    """A cursor that this API did not give out (or from another list)."""


# ------------------------------------------------------------------ agencies


def agency_row(agency: Agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "kind_label": str(agency.get_kind_display()),
        "parent": agency.parent.code if agency.parent_id else None,
        "office": {
            "name": agency.office_name,
            "address": agency.office_address,
            "postcode": agency.office_postcode,
            "hours": agency.office_hours,
            "phone": agency.office_phone,
            "fax": agency.office_fax,
            "email": agency.office_email,
        },
        "review_body": review_body_text(agency),
        "portal_url": reverse("portal:agency", args=[agency.code]),
        "guide_url": reverse("portal:guide", args=[agency.code]),
    }


def agencies_after(after: str | None, limit: int) -> list[Agency]:
    qs = Agency.objects.select_related("parent").order_by("code")
    if after:
        qs = qs.filter(code__gt=after)
    return list(qs[:limit])


# ------------------------------------------------------------------ cursors


def encode_cursor(*parts: object) -> str:
    text = "|".join(str(p) for p in parts)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: tuple[type, ...]) -> tuple:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        parts = text.split("|")
        if len(parts) != len(kinds):
            raise ValueError
        return tuple(
            dt.date.fromisoformat(p) if kind is dt.date else kind(p)
            for p, kind in zip(parts, kinds, strict=True)
        )
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursor(cursor) from None


# ------------------------------------------------------------------ catalog items


@dataclass(frozen=True)
class ItemFilters:
    agency: str | None = None
    column: int | None = None
    topic: int | None = None
    genre: str | None = None
    validity: str | None = None
    year: int | None = None
    q: str | None = None


SEARCH_CAP = 1000  # a text query pages over its newest matches only, as the portal's search


def public_items(f: ItemFilters) -> QuerySet:
    """The portal's public items with the filters of its search page (all but the text)."""
    qs = Item.objects.public()
    if f.agency:
        qs = qs.filter(agency__code=f.agency)
    if f.column:
        qs = qs.filter(column_id=f.column)
    if f.topic:  # the topic and its children, as ids: no join in the list's query
        children = Topic.objects.filter(parent_id=f.topic).values_list("pk", flat=True)
        qs = qs.filter(topic_id__in=[f.topic, *children])
    if f.genre:
        qs = qs.filter(genre=f.genre)
    if f.validity:
        qs = qs.filter(validity=f.validity)
    if f.year:
        qs = qs.filter(
            published_on__gte=dt.date(f.year, 1, 1), published_on__lte=dt.date(f.year, 12, 31)
        )
    return qs  # a text query (f.q) goes through search.Matches in items_page


def items_page(f: ItemFilters, cursor: str | None, limit: int) -> tuple[list[Item], str | None]:
    """Newest first, by (published_on, id) — the order of the portal's partial index, so a
    page costs the same at the millionth item as at the first. A text query goes through the
    portal's own search plans (`search.Matches`) over its newest SEARCH_CAP matches."""
    after = decode_cursor(cursor, (dt.date, int)) if cursor else None
    related = ("agency", "column", "topic__parent")
    if f.q and f.q.strip():
        matches = search.Matches(public_items(f), f.q.strip()[: search.MAX_QUERY_CHARS], SEARCH_CAP)
        ids = matches.ids_after(after, limit + 1)
        by_id = Item.objects.select_related(*related).in_bulk(ids)
        rows = [by_id[pk] for pk in ids if pk in by_id]
    else:
        qs = public_items(f)
        if after:  # a row comparison: the index's own order, read from the cursor on
            qs = qs.extra(
                where=["(catalog_item.published_on, catalog_item.id) < (%s, %s)"],
                params=[after[0], after[1]],
            )
        rows = list(qs.select_related(*related).order_by("-published_on", "-pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(rows[-1].published_on, rows[-1].pk) if more and rows else None
    return rows, nxt


def item_row(item: Item) -> dict:
    return {
        "id": item.pk,
        "agency": item.agency.code,
        "agency_name": item.agency.name,
        "column": item.column_id,
        "column_name": item.column.name if item.column_id else "",
        "title": item.title,
        "index_number": item.index_number or "",
        "document_number": item.document_number,
        "issuer": item.issuer,
        "formed_on": item.formed_on,
        "published_on": item.published_on,
        "topic": str(item.topic) if item.topic_id else "",
        "genre": item.genre,
        "content_kind": item.content_kind,
        "validity": item.validity,
        "effective_on": item.effective_on,
        "repealed_on": item.repealed_on,
        "summary": item.summary,
        "version": item.version,
        "url": reverse("portal:item", args=[item.agency.code, item.pk]),
    }


def public_item(pk: int) -> Item | None:
    return (
        Item.objects.public()
        .select_related("agency", "column", "topic__parent", "replaced_by")
        .filter(pk=pk)
        .first()
    )


def item_detail(item: Item) -> dict:
    row = item_row(item)
    row["body_html"] = item.body  # sanitised on save (catalog.services.sanitise)
    row["body_text"] = search.plain_text(item.body)
    row["replaced_by"] = (
        item.replaced_by_id if item.replaced_by_id and item.replaced_by.is_public else None
    )
    row["attachments"] = [
        {
            "name": a.name,
            "size": a.size,
            "content_type": a.content_type,
            "url": reverse("portal:attachment", args=[item.agency.code, item.pk, a.pk]),
        }
        for a in item.attachments.order_by("pk")
    ]
    row["history"] = public_history(item)
    return row


def public_history(item: Item) -> list[dict]:
    """The versions the public saw and when, and changes of validity: never drafts, returned
    versions, reviewers or reasons (those stay in the staff's audit trail)."""
    published = {
        v.number: v
        for v in ItemVersion.objects.filter(item=item, state=ItemVersion.State.PUBLISHED)
    }
    out = []
    for event in ItemEvent.objects.filter(
        item=item, kind__in=[ItemEvent.Kind.PUBLISHED, ItemEvent.Kind.VALIDITY_CHANGED]
    ).order_by("at", "pk"):
        data = event.data or {}
        if event.kind == ItemEvent.Kind.PUBLISHED:
            version = published.get(data.get("version"))
            if version is None:
                continue
            out.append(
                {"event": "published", "at": event.at, "version": version.number,
                 "title": version.title}
            )  # fmt: skip
        else:
            out.append(
                {"event": "validity_changed", "at": event.at, "version": None,
                 "title": str(data.get("validity", ""))}
            )  # fmt: skip
    return out


# ------------------------------------------------------------------ annual reports


def published_reports(year: int | None, agency: str | None) -> QuerySet:
    qs = AnnualReport.objects.filter(versions__isnull=False).distinct()
    if year:
        qs = qs.filter(year=year)
    if agency:
        qs = qs.filter(agency__code=agency)
    return qs.select_related("agency")


def reports_page(
    year: int | None, agency: str | None, cursor: str | None, limit: int
) -> tuple[list[tuple[AnnualReport, ReportVersion]], str | None]:
    """Newest year first, then by agency code."""
    qs = published_reports(year, agency)
    if cursor:
        y, code = decode_cursor(cursor, (int, str))
        qs = qs.filter(Q(year__lt=y) | Q(year=y, agency__code__gt=code))
    rows = list(qs.order_by("-year", "agency__code")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    out = [(r, published_version(r)) for r in rows]
    nxt = encode_cursor(rows[-1].year, rows[-1].agency.code) if more and rows else None
    return out, nxt


def find_report(
    agency: str, year: int, version: int | None = None
) -> tuple[AnnualReport, ReportVersion] | None:
    report = (
        AnnualReport.objects.select_related("agency").filter(agency__code=agency, year=year).first()
    )
    if report is None:
        return None
    versions = report.versions.order_by("-number")
    chosen = versions.filter(number=version).first() if version else versions.first()
    return (report, chosen) if chosen else None


def report_row(report: AnnualReport, version: ReportVersion) -> dict:
    code, year = report.agency.code, report.year
    base = f"/api/v1/reports/{code}/{year}"
    return {
        "agency": code,
        "agency_name": report.agency.name,
        "year": year,
        "version": version.number,
        "published_at": version.published_at,
        "corrected": version.number > 1,
        "correction_note": version.note,
        "source": report.source,
        "layout": dict(version.data.get("layout", {})),
        "url": reverse("reports_public:report", args=[code, year]),
        "json_url": base,
        "findings_url": f"{base}/findings",
        "csv_url": f"{base}/tables.csv",
    }


def cell_rows(report: Report) -> Iterator[dict]:
    """One row per cell of the three tables, in the national order, with the row's and
    column's labels of the template the table follows."""
    for name in ("t2", "t3", "t4"):
        tpl = template(report.layout.t2 if name == "t2" else report.layout.t3)
        table = getattr(tpl, name)
        rows = {r.key: r for r in table.rows} if name != "t2" else None
        for row_key, cols in report.table(name).items():
            if name == "t2":
                row = table.row(row_key)
                columns = table.columns_of(row_key)
            else:
                row = rows.get(row_key)
                columns = table.columns
            row_label = " · ".join(p for p in (row.group, row.label) if p) if row else row_key
            labels = {c.key: _column_label(c) for c in columns}
            for col_key, value in cols.items():
                yield {
                    "table": name,
                    "table_name": TABLE_NAMES[name],
                    "row": row_key,
                    "row_label": row_label or row_key,
                    "column": col_key,
                    "column_label": labels.get(col_key, col_key),
                    "value": json_value(value),
                }


def _column_label(column) -> str:
    return " · ".join([*column.group, column.label or column.key])


def version_cells(version: ReportVersion) -> Iterator[dict]:
    return cell_rows(version_report(version))

"""Reads that matter: table 二 from the catalog, and the counts the report's text needs.

Table 二 counting rule (docs/decisions.md): a rule (规章) or normative document is *issued*
in the year of its 成文日期, *repealed* in the year of its 废止/失效 date, and *in force* at
31 December when formed by then and not repealed by then; only published items count.
Licensing, penalty, coercion and fee figures come from other systems (`AnnualFigures`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q, Sum

from xxgk.annual.model import Value
from xxgk.annual.templates import template

from .models import AnnualFigures, Column, Item

GENRE_ROWS = {"regulations": Item.Genre.RULE, "normative_documents": Item.Genre.NORMATIVE}


def _document_counts(ids: list[int], year: int, genre: str) -> dict[str, int]:
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = Item.objects.filter(agency_id__in=ids, genre=genre, status=Item.Status.PUBLISHED)
    return qs.aggregate(
        issued=Count("pk", filter=Q(formed_on__gte=jan1, formed_on__lte=dec31)),
        repealed=Count("pk", filter=Q(repealed_on__gte=jan1, repealed_on__lte=dec31)),
        in_force=Count(
            "pk",
            filter=Q(formed_on__lte=dec31)
            & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=dec31)),
        ),
        newly_published=Count("pk", filter=Q(published_on__gte=jan1, published_on__lte=dec31)),
        total_published=Count("pk", filter=Q(published_on__lte=dec31)),
    )


def _figures(ids: list[int], year: int) -> dict[str, Value]:
    rows = AnnualFigures.objects.filter(agency_id__in=ids, year=year)
    if not rows.exists():
        return {}
    sums = rows.aggregate(
        licensing=Sum("licensing_decisions"),
        penalty=Sum("penalty_decisions"),
        coercion=Sum("coercion_decisions"),
        fees=Sum("fee_amount"),
    )
    if sums["fees"] is not None:
        sums["fees"] = Decimal(sums["fees"]).normalize()
    return sums


def table2_counts(
    agency_ids: Iterable[int], year: int, version: str = "v2021"
) -> dict[str, dict[str, Value]]:
    ids = list(agency_ids)
    t2 = template(version).t2
    table: dict[str, dict[str, Value]] = {
        k: {c.key: None for c in t2.columns_of(k)} for k in t2.row_keys()
    }
    for row, genre in GENRE_ROWS.items():
        counts = _document_counts(ids, year, genre)
        if version == "v2021":
            table[f"art20_1.{row}"] = {k: counts[k] for k in ("issued", "repealed", "in_force")}
        else:
            table[f"art20_1.{row}"] = {
                "newly_made": counts["issued"],
                "newly_published": counts["newly_published"],
                "total_published": counts["total_published"],
            }
    figures = _figures(ids, year)
    if version == "v2021":
        table["art20_5.admin_licensing"]["decisions"] = figures.get("licensing")
        table["art20_6.admin_penalty"]["decisions"] = figures.get("penalty")
        table["art20_6.admin_coercion"]["decisions"] = figures.get("coercion")
        table["art20_8.admin_fees"]["fee_amount"] = figures.get("fees")
    else:
        table["art20_5.admin_licensing"]["decisions"] = figures.get("licensing")
        table["art20_6.admin_penalty"]["decisions"] = figures.get("penalty")
        table["art20_6.admin_coercion"]["decisions"] = figures.get("coercion")
    return table


def published_counts(agency_ids: Iterable[int], year: int) -> dict[str, dict[str, int]]:
    """Items published in the year by content kind (概况类/政务动态/信息公开目录) and by column:
    the figures section 一 of the report states."""
    qs = Item.objects.filter(
        agency_id__in=list(agency_ids), status=Item.Status.PUBLISHED, published_on__year=year
    )
    by_kind = {r["content_kind"]: r["n"] for r in qs.values("content_kind").annotate(n=Count("pk"))}
    by_column = {
        r["column__name"]: r["n"] for r in qs.values("column__name").annotate(n=Count("pk"))
    }
    return {"total": {"all": sum(by_kind.values())}, "by_kind": by_kind, "by_column": by_column}


# ------------------------------------------------------------------ the portal's counts


def public_column_counts(agency_id: int) -> dict[int, int]:
    """{column id: published proactive items} of one agency (the portal caches them with
    the rest of the portal's navigation)."""
    columns = Column.objects.filter(agency_id=agency_id).values("pk")
    return dict(
        Item.objects.public()
        .filter(column_id__in=columns)
        .values_list("column_id")
        .annotate(n=Count("pk"))
        .order_by()
    )

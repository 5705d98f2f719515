"""Reads that matter: the work list, the ledger, and table 三 counted from the records.

Counting rule for table 三 (docs/decisions.md), by dates only, per applicant type:
- 一 new_received: receipt date in the year;
- 二 carried_over: received before 1 January and not concluded before it;
- 三 results: concluded in the year, row = outcome_to_t3_row[ground] for the layout;
- 四 carried_forward: received by 31 December and not concluded by then.
Every case open during the year is either carried over or new, and either concluded in the
year or carried forward, so 一 + 二 = 三（七） + 四 holds by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from xxgk.accounts import permissions
from xxgk.annual.templates import template

from .grounds import t3_row
from .models import OPEN_STATUSES, Application, Event, FeeNotice


def table3_counts(
    agency_ids: Iterable[int], year: int, version: str = "v2021"
) -> dict[str, dict[str, int]]:
    """Table 三 of `year` for the given agencies (summed), in `version`'s rows: two queries."""
    ids = list(agency_ids)
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tpl = template(version).t3
    table = {row: dict.fromkeys(tpl.column_keys(), 0) for row in tpl.row_keys()}
    base = Application.objects.filter(agency_id__in=ids, receipt_date__isnull=False)
    open_at = lambda day: Q(concluded_on__isnull=True) | Q(concluded_on__gt=day)  # noqa: E731
    per_type = (
        base.filter(receipt_date__lte=dec31)
        .values("applicant_type")
        .annotate(
            new=Count("pk", filter=Q(receipt_date__gte=jan1)),
            carried_over=Count(
                "pk",
                filter=Q(receipt_date__lt=jan1)
                & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=jan1)),
            ),
            carried_forward=Count("pk", filter=open_at(dec31)),
        )
    )
    for r in per_type:
        col = r["applicant_type"]
        table["new_received"][col] += r["new"]
        table["carried_over"][col] += r["carried_over"]
        table["carried_forward"][col] += r["carried_forward"]
    results = (
        base.filter(concluded_on__gte=jan1, concluded_on__lte=dec31)
        .values("applicant_type", "ground")
        .annotate(n=Count("pk"))
    )
    for r in results:
        row = t3_row(r["ground"], version)
        table[row][r["applicant_type"]] += r["n"]
        table["result_total"][r["applicant_type"]] += r["n"]
    for cols in table.values():
        cols["total"] = sum(v for k, v in cols.items() if k != "total")
    return table


def worklist(
    user, *, today: dt.date, agency_ids: Iterable[int] | None = None
) -> QuerySet[Application]:
    """Open cases the user may see (ordered by the stored due date, an index: where each stands
    today is `deadlines.standing`)."""
    ids = permissions.visible_agency_ids(user) if agency_ids is None else set(agency_ids)
    qs = Application.objects.filter(agency_id__in=ids, status__in=OPEN_STATUSES).select_related(
        "agency"
    )
    # earliest due first (overdue, then due soon); cases with the clock stopped after them
    return qs.order_by(F("due_date").asc(nulls_last=True), "submitted_at")


def recently_moved(agency_ids: Iterable[int], *, since: dt.datetime) -> QuerySet[Event]:
    """Open cases whose deadline a holiday schedule moved since `since` (the work list says so)."""
    return (
        Event.objects.filter(
            kind=Event.Kind.DEADLINE_CHANGED,
            application__agency_id__in=list(agency_ids),
            application__status__in=OPEN_STATUSES,
            at__gte=since,
        )
        .select_related("application")
        .order_by("-at")[:50]
    )


def unconfirmed(agency_ids: Iterable[int], year: int) -> QuerySet[Application]:
    """Online, fax and ordinary-letter applications submitted in `year` whose receipt was never
    confirmed (art. 31): they have no day 0, so table 三 cannot count them."""
    return Application.objects.filter(
        agency_id__in=list(agency_ids), receipt_date__isnull=True, submitted_at__year=year
    )


@dataclass(frozen=True)
class FeesCollected:
    """信息处理费 actually paid in a year (国办函〔2020〕109号): not notices, money."""

    cases: int
    amount: Decimal

    @property
    def any(self) -> bool:
        return self.cases > 0


def fees_collected(agency_ids: Iterable[int], year: int) -> FeesCollected:
    """The fees paid in `year` (by payment date) to the agencies."""
    paid = FeeNotice.objects.filter(
        application__agency_id__in=list(agency_ids), paid_on__year=year
    ).aggregate(n=Count("pk"), total=Sum("amount"))
    return FeesCollected(paid["n"], paid["total"] or Decimal("0.00"))


def ledger(agency_ids: Iterable[int], year: int) -> QuerySet[Application]:
    """台账: every application received (or submitted) in the year, oldest first."""
    return (
        Application.objects.filter(agency_id__in=list(agency_ids))
        .filter(Q(receipt_date__year=year) | Q(receipt_date__isnull=True, submitted_at__year=year))
        .select_related("agency", "decision")
        .order_by("receipt_date", "submitted_at")
    )

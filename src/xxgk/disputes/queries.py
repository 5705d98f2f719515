"""Table 四 from the register.

Counting rule across years (docs/decisions.md), as for table 三: a case is counted in the year
it is concluded, in its result column; a case still open on 31 December is counted in that
year's 尚未审结, whatever year it was filed in. 总计 = concluded in the year + open at its end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from .models import Case

PREFIX = {Case.Kind.REVIEW: "review", Case.Kind.LITIGATION_DIRECT: "lit_direct",
          Case.Kind.LITIGATION_AFTER_REVIEW: "lit_after_review"}  # fmt: skip


def table4_counts(agency_ids: Iterable[int], year: int) -> dict[str, dict[str, int]]:
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    row = {
        f"{p}_{c}": 0
        for p in PREFIX.values()
        for c in ("maintained", "corrected", "other", "pending", "total")
    }
    qs = Case.objects.filter(agency_id__in=list(agency_ids), filed_on__lte=dec31)
    counts = qs.values("kind").annotate(
        maintained=Count(
            "pk",
            filter=Q(
                result=Case.Result.MAINTAINED, concluded_on__gte=jan1, concluded_on__lte=dec31
            ),
        ),
        corrected=Count(
            "pk",
            filter=Q(result=Case.Result.CORRECTED, concluded_on__gte=jan1, concluded_on__lte=dec31),
        ),
        other=Count(
            "pk",
            filter=Q(result=Case.Result.OTHER, concluded_on__gte=jan1, concluded_on__lte=dec31),
        ),
        pending=Count("pk", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=dec31)),
    )
    for r in counts:
        p = PREFIX[r["kind"]]
        for c in ("maintained", "corrected", "other", "pending"):
            row[f"{p}_{c}"] += r[c]
    for p in PREFIX.values():
        row[f"{p}_total"] = sum(
            row[f"{p}_{c}"] for c in ("maintained", "corrected", "other", "pending")
        )
    return {"cases": row}

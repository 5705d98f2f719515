"""The annual report computed from the records: tables 二, 三 and 四 of an agency's year.

Table 三 comes from the applications (`applications.queries.table3_counts`), table 二 from the
catalog and the entered figures (`catalog.queries.table2_counts`), table 四 from the review and
litigation register (`disputes.queries.table4_counts`). Figures that come from nowhere stay
`None`: a missing number is reported as blank, never as zero.
"""

from __future__ import annotations

from xxgk.agencies.models import Agency
from xxgk.annual.model import Layout, Report, empty_report
from xxgk.applications.queries import table3_counts
from xxgk.catalog.queries import table2_counts
from xxgk.disputes.queries import table4_counts


def agency_ids(agency: Agency, *, aggregate: bool = False) -> list[int]:
    """The agency itself, or with `aggregate` it and every agency below it (汇总: the
    government's report adds up its own office's records and its departments')."""
    if aggregate:
        return [agency.pk, *(a.pk for a in agency.descendants())]
    return [agency.pk]


def aggregates(agency: Agency) -> bool:
    """A government with departments reports their records summed with its own (汇总)."""
    return agency.kind == Agency.Kind.GOVERNMENT and agency.children.exists()


def report_agency_ids(agency: Agency) -> list[int]:
    """The agencies whose records make up `agency`'s annual report."""
    return agency_ids(agency, aggregate=aggregates(agency))


def compile_report(
    agency: Agency, year: int, *, version: str = "v2021", aggregate: bool = False
) -> Report:
    blank = empty_report(Layout(version, version), agency=agency.name, year=year)
    ids = agency_ids(agency, aggregate=aggregate)
    t3 = table3_counts(ids, year, version)
    t2 = table2_counts(ids, year, version)
    return Report(
        agency=agency.name,
        year=year,
        layout=blank.layout,
        t2=t2,
        t3=t3,
        t4=table4_counts(ids, year),
        extra={"scope": "aggregate" if aggregate else "agency", "agency_code": agency.code},
    )


def agencies_with_records() -> list[Agency]:
    return list(Agency.objects.filter(applications__isnull=False).distinct().order_by("code"))

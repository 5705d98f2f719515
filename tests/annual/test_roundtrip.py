"""Reports we render in the national layout read back exactly, blank cells included.

A wide net for the readers and the extractor: random reports (both templates, the hybrid,
blank cells anywhere) → HTML / DOCX / PDF → parse → the same cells.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual.parse import parse_bytes
from xxgk.annual.render import render

from .strategies import LAYOUTS, consistent_report

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def report_with_blanks(draw):
    report = draw(st.sampled_from(LAYOUTS).flatmap(lambda lay: consistent_report(layout=lay)))
    report = replace(report, agency="示范市司法局", year=2025)
    refs = [ref for ref, _ in report.cells()]
    for ref in draw(st.lists(st.sampled_from(refs), max_size=4, unique=True)):
        report = report.with_cell(ref, None)
    return report


def same_cells(got, want):
    diffs = [
        f"{ref}: {want.get(ref)!r} -> {got.get(ref)!r}"
        for ref, _ in want.cells()
        if got.get(ref) != want.get(ref)
    ]
    assert got.layout == want.layout
    assert diffs == []


@SETTINGS
@given(report_with_blanks())
def test_html_round_trip(report):
    result = parse_bytes(render(report, "html"), name="r.html")
    same_cells(result.report, report)
    assert (result.report.agency, result.report.year) == ("示范市司法局", 2025)


@SETTINGS
@given(report_with_blanks())
def test_docx_round_trip(report):
    same_cells(parse_bytes(render(report, "docx"), name="r.docx").report, report)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_with_blanks())
def test_pdf_round_trip(report):
    from weasyprint import HTML

    pdf = HTML(string=render(report, "html").decode("utf-8")).write_pdf()
    same_cells(parse_bytes(pdf, name="r.pdf").report, report)

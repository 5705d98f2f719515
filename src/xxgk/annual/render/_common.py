"""What the three renderers share: the report title, section order and column widths.

The table shapes themselves come from `xxgk.annual.grid`; this module only adds presentation
hints (how wide each grid column should be on an A4 page) so HTML, DOCX and XLSX agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from xxgk.annual.grid import Grid, report_grids
from xxgk.annual.model import Finding, Report
from xxgk.annual.templates import template

# Text width of an A4 portrait page with 22 mm left/right margins: wide enough for table 三's
# four-character column headings (商业企业, 科研机构) on one line at 9 pt.
PAGE_MARGIN_MM = 22.0
PAGE_TEXT_MM = 210.0 - 2 * PAGE_MARGIN_MM

SECTION_TABLE = {"proactive": "t2", "applications": "t3", "review_litigation": "t4"}


def report_title(report: Report) -> str:
    """「{agency}{year}年政府信息公开工作年度报告」, leaving out what the report does not say."""
    agency = (report.agency or "").strip()
    year = f"{report.year}年" if report.year is not None else ""
    return f"{agency}{year}政府信息公开工作年度报告"


def paragraphs(text: str | None) -> list[str]:
    """Non-empty lines of a section text, stripped (each line is one paragraph)."""
    if not text:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Part:
    """One of the six sections, with its text paragraphs and the table that follows them."""

    key: str
    heading: str
    paragraphs: tuple[str, ...]
    grid: Grid | None


def report_parts(report: Report) -> Iterator[Part]:
    """The six sections of the national format in order, each with its table (二/三/四)."""
    grids = {g.table: g for g in report_grids(report)}
    sections = report.sections or {}
    for s in template(report.layout.t3).sections:
        table = SECTION_TABLE.get(s.key)
        yield Part(
            key=s.key,
            heading=s.heading,
            paragraphs=tuple(paragraphs(sections.get(s.key))),
            grid=grids[table] if table else None,
        )


def column_widths_mm(grid: Grid, total: float = PAGE_TEXT_MM) -> list[float]:
    """Width of every grid column (mm) so that the table fills `total`.

    Table 三: a narrow column for 「三、本年度办理结果」 (two characters a line), one for the
    group labels （三）…（六） (four a line), a wide one for the row labels (one line for most)
    and seven equal number columns (four characters a line at 9 pt).
    Table 四: fifteen equal columns. Table 二: the 信息内容 label column a little wider.
    """
    if grid.table == "t3":
        label = [8.0, 14.0, 46.0]
        rest = (total - sum(label)) / (grid.width - 3)
        return label + [rest] * (grid.width - 3)
    if grid.table == "t2":
        first = 40.0
        rest = (total - first) / (grid.width - 1)
        return [first] + [rest] * (grid.width - 1)
    return [total / grid.width] * grid.width


def findings_by_cell(findings: Iterable[Finding] | None) -> dict[str, list[Finding]]:
    """str(CellRef) -> the findings that name that cell."""
    out: dict[str, list[Finding]] = {}
    for f in findings or ():
        for ref in f.cells:
            out.setdefault(str(ref), []).append(f)
    return out

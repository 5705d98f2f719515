"""HTML rendering of an annual report in the national layout (tables 二, 三, 四 as real tables).

`render_html(report)` gives a complete, printable page; `render_html(report, standalone=False)`
only the `<article>`, for embedding in a site template together with `STYLESHEET`.
Everything taken from the report is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from xxgk.annual.grid import Grid, GridCell
from xxgk.annual.model import LEVEL_LABELS as _LEVEL_LABELS
from xxgk.annual.model import Finding, Level, Report, cell_label

from ._common import column_widths_mm, findings_by_cell, report_parts, report_title

_SEVERITY = {Level.ERROR: 3, Level.WARNING: 2, Level.INFO: 1}

# Scoped to the article so it can be embedded in another page without leaking.
STYLESHEET = """\
.xxgk-annual-report {
  --ink: #000;
  max-width: 190mm; margin: 0 auto; padding: 12mm 10mm;
  color: var(--ink); background: #fff;
  font-family: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC",
    "Source Han Serif SC", "Noto Serif SC", serif;
  font-size: 12pt; line-height: 1.75;
}
.xxgk-annual-report h1 {
  font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Songti SC",
    "Noto Serif CJK SC", serif;
  font-size: 20pt; font-weight: bold; text-align: center; line-height: 1.4; margin: 0 0 1.2em;
}
.xxgk-annual-report h2 {
  font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC",
    "Noto Sans SC", sans-serif;
  font-size: 14pt; font-weight: normal; margin: 1.2em 0 0.4em;
}
.xxgk-annual-report p { text-indent: 2em; margin: 0 0 0.3em; text-align: justify; }
.xxgk-annual-report table {
  border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; table-layout: fixed;
  font-size: 10pt; line-height: 1.35; page-break-inside: auto;
}
.xxgk-annual-report table.t3, .xxgk-annual-report table.t4 { font-size: 9pt; }
.xxgk-annual-report caption {
  caption-side: top; font-weight: bold; font-size: 11pt; padding: 0 0 0.4em; text-align: center;
}
.xxgk-annual-report th, .xxgk-annual-report td {
  border: 1px solid var(--ink); padding: 0.25em 0.3em; vertical-align: middle;
  text-align: center; font-weight: normal; overflow-wrap: anywhere; text-wrap: balance;
}
.xxgk-annual-report th[scope="row"] { text-align: left; }
.xxgk-annual-report td.corner { font-size: 8.5pt; text-align: left; }
.xxgk-annual-report td[data-cell] { font-variant-numeric: tabular-nums; }
.xxgk-annual-report tr { page-break-inside: avoid; break-inside: avoid; }
.xxgk-annual-report thead { display: table-header-group; }
.xxgk-annual-report td.finding-error { background: #fdd; outline: 2px solid #c00; outline-offset: -2px; }
.xxgk-annual-report td.finding-warning { background: #fff0c0; outline: 2px solid #b80; outline-offset: -2px; }
.xxgk-annual-report td.finding-info { background: #e0ecff; }
.xxgk-annual-report .findings { border-top: 1px solid var(--ink); margin-top: 2em; font-size: 10.5pt; }
.xxgk-annual-report .findings li { margin: 0.2em 0; }
.xxgk-annual-report .findings .level { font-weight: bold; }
.xxgk-annual-report .findings li.finding-error .level { color: #c00; }
.xxgk-annual-report .findings li.finding-warning .level { color: #960; }
.xxgk-annual-report .findings code { font-size: 9pt; }
.xxgk-annual-report .table-scroll { overflow-x: auto; margin: 0.6em 0 1.2em; }
.xxgk-annual-report .table-scroll > table { margin: 0; }
.xxgk-annual-report .table-scroll:focus-visible { outline: 2px solid #1a5fb4; }
/* below these widths the labels would wrap a character a line: the table scrolls instead */
.xxgk-annual-report table.t2 { min-width: 30em; }
.xxgk-annual-report table.t3 { min-width: 52em; }
.xxgk-annual-report table.t4 { min-width: 44em; }
@media (max-width: 40em) {
  .xxgk-annual-report { padding: 4mm 2mm; }
  .xxgk-annual-report caption { text-align: left; }  /* in view when the table pans */
}
@media print {
  .xxgk-annual-report { max-width: none; padding: 0; }
  .xxgk-annual-report .table-scroll { overflow: visible; }
  .xxgk-annual-report table.t2, .xxgk-annual-report table.t3,
  .xxgk-annual-report table.t4 { min-width: 0; }
  .xxgk-annual-report td.finding-error, .xxgk-annual-report td.finding-warning,
  .xxgk-annual-report td.finding-info { outline-width: 1px; }
}
"""

WIDTH_STEP = 5  # per mille: 0.5 % steps, 200 rules
STYLESHEET += "".join(
    f".xxgk-annual-report col.cw-{n} {{ width: {n / 10:g}%; }}\n"
    for n in range(WIDTH_STEP, 1001, WIDTH_STEP)
)

_PAGE_CSS = """\
@page { size: A4 portrait; margin: 25mm 22mm; }
html, body { margin: 0; padding: 0; background: #fff; }
"""


def _attrs(**attrs: str | int | None) -> str:
    out = []
    for name, value in attrs.items():
        if value is None:
            continue
        out.append(f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"')
    return "".join(out)


def _span_attrs(cell: GridCell) -> dict[str, int | None]:
    return {
        "rowspan": cell.rowspan if cell.rowspan > 1 else None,
        "colspan": cell.colspan if cell.colspan > 1 else None,
    }


def _cell_html(cell: GridCell, marks: dict[str, list[Finding]]) -> str:
    text = escape(cell.text)
    if cell.header and cell.scope:
        return f"<th{_attrs(scope=cell.scope, **_span_attrs(cell))}>{text}</th>"
    if cell.header:
        # A header-area cell that heads nothing (the 勾稽 note in table 三's corner): a note.
        return f"<td{_attrs(class_='corner', **_span_attrs(cell))}>{text}</td>"
    ref = str(cell.ref) if cell.ref is not None else None
    cls = title = None
    found = marks.get(ref, []) if ref else []
    if found:
        worst = max(found, key=lambda f: _SEVERITY.get(f.level, 0))
        cls = f"finding-{Level(worst.level).value}"
        title = "\n".join(f.message for f in found)
    return f"<td{_attrs(class_=cls, data_cell=ref, title=title, **_span_attrs(cell))}>{text}</td>"


def table_html(grid: Grid, marks: dict[str, list[Finding]] | None = None) -> str:
    """One grid as a `<table>` (caption, colgroup, thead for the header rows, tbody)."""
    marks = marks or {}
    widths = column_widths_mm(grid)
    total = sum(widths)
    # the scroller lets a phone pan a wide table instead of squeezing its labels
    out = [
        f'<div class="table-scroll {grid.table}" tabindex="0" role="region" '
        f'aria-label="{escape(grid.caption)}">'
    ]
    out.append(f'<table class="annual-table {grid.table}" data-table="{grid.table}">')
    out.append(f"<caption>{escape(grid.caption)}</caption>")
    out.append("<colgroup>")
    # widths by class, not by style attribute: the site's CSP refuses inline styles
    out.extend(f'<col class="{width_class(w / total)}">' for w in widths)
    out.append("</colgroup>")
    head, body = grid.rows[: grid.header_rows], grid.rows[grid.header_rows :]
    if head:
        out.append("<thead>")
        out.extend("<tr>" + "".join(_cell_html(c, marks) for c in row) + "</tr>" for row in head)
        out.append("</thead>")
    out.append("<tbody>")
    out.extend("<tr>" + "".join(_cell_html(c, marks) for c in row) + "</tr>" for row in body)
    out.append("</tbody>")
    out.append("</table>")
    out.append("</div>")
    return "\n".join(out)


def width_class(share: float) -> str:
    """The class of a column taking `share` (0–1) of its table: `cw-<per mille, step 5>`."""
    step = max(WIDTH_STEP, min(1000, round(share * 1000 / WIDTH_STEP) * WIDTH_STEP))
    return f"cw-{step}"


def _findings_html(report: Report, findings: Sequence[Finding]) -> str:
    out = ['<section class="findings">', "<h2>检查结果</h2>"]
    if not findings:
        out.append("<p>未发现问题。</p>")
    else:
        out.append("<ul>")
        for f in findings:
            level = Level(f.level)
            names = []
            for ref in f.cells:
                try:
                    names.append(cell_label(report.layout, ref))
                except (KeyError, ValueError):
                    names.append(str(ref))
            cells = f'<span class="cells">（{escape("；".join(names))}）</span>' if names else ""
            out.append(
                f'<li class="finding-{level.value}"><span class="level">'
                f"{escape(_LEVEL_LABELS[level])}</span> <code>{escape(f.check_id)}</code> "
                f"{escape(f.message)}{cells}</li>"
            )
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def render_html(
    report: Report,
    *,
    findings: Sequence[Finding] | None = None,
    standalone: bool = True,
    title: str | None = None,
) -> str:
    """The report as HTML: a full page (`standalone`) or just the `<article>` fragment.

    Section texts (`report.sections`) are written under their headings, each table after the
    text of its section (表二 under 二, 表三 under 三, 表四 under 四). With `findings`, the
    cells they name get a class `finding-<level>` and a tooltip, and the findings are listed
    after the report.
    """
    heading = title if title is not None else report_title(report)
    marks = findings_by_cell(findings)
    out = ['<article class="xxgk-annual-report" lang="zh-Hans">', f"<h1>{escape(heading)}</h1>"]
    for part in report_parts(report):
        out.append(f'<section class="report-section" data-section="{escape(part.key)}">')
        out.append(f"<h2>{escape(part.heading)}</h2>")
        out.extend(f"<p>{escape(p)}</p>" for p in part.paragraphs)
        if part.grid is not None:
            out.append(table_html(part.grid, marks))
        out.append("</section>")
    if findings is not None:
        out.append(_findings_html(report, list(findings)))
    out.append("</article>")
    article = "\n".join(out)
    if not standalone:
        return article + "\n"
    return (
        "<!doctype html>\n"
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)}</title>\n"
        f"<style>\n{_PAGE_CSS}{STYLESHEET}</style>\n</head>\n<body>\n{article}\n</body>\n</html>\n"
    )

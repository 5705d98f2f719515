"""Excel (.xlsx) rendering of tables 二, 三 and 四 in the national layout, with openpyxl.

One sheet per table (表二, 表三, 表四). Each grid is written at its own coordinates (grid row 0,
column 0 is cell A1), every span is a merged range, numbers are numbers (money as float),
blank values stay empty cells. openpyxl is imported inside the function.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

from xxgk.annual.cells import clean, formula_like
from xxgk.annual.grid import Grid, GridCell, anchors, report_grids
from xxgk.annual.model import Report, Value
from xxgk.annual.templates import TABLE_NAMES

from ._common import column_widths_mm, report_title

FONT_NAME = "宋体"
FONT_PT = 11
LINE_PT = 15.0  # height of one text line at 11 pt
CHAR_UNITS = 2.0  # a Chinese character is about two Excel width units
MM_PER_UNIT = 2.1  # Excel column width unit in mm (Calibri 11 '0' plus padding), roughly


def _cell_value(gc: GridCell) -> Any:
    if gc.ref is None:
        return gc.text
    return _number(gc.value)


def _number(value: Value) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _text_units(text: str) -> float:
    """Approximate width of `text` in Excel width units (CJK characters count double)."""
    return sum(1.0 if ord(ch) < 0x2E80 else CHAR_UNITS for ch in text)


def _sheet(wb: Any, grid: Grid, title: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(TABLE_NAMES[grid.table])
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(name=FONT_NAME, size=FONT_PT, bold=True)
    body_font = Font(name=FONT_NAME, size=FONT_PT)

    widths_mm = column_widths_mm(grid)
    # Scaled from the A4 widths so that 表二/表三 print at about 100 % on A4 portrait and 表四
    # (fifteen columns) on A4 landscape, with 「结果维持」 on one line.
    scale = 1.7 if grid.table == "t4" else 1.2
    units = [max(6.0, w * scale / MM_PER_UNIT) for w in widths_mm]
    for x, u in enumerate(units):
        ws.column_dimensions[get_column_letter(x + 1)].width = round(u, 1)

    line_count = [1] * len(grid.rows)
    for y, x, gc in anchors(grid):
        value = _cell_value(gc)
        if isinstance(value, str):  # a title or label read from someone's report
            value = clean(value)
        cell = ws.cell(row=y + 1, column=x + 1, value=value)
        if isinstance(value, str) and formula_like(value):
            cell.data_type = "s"  # text, never a formula
        if gc.header:
            cell.font = header_font
            horizontal = "left" if gc.scope == "row" or gc.scope is None else "center"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        else:
            cell.font = body_font
            cell.alignment = Alignment(horizontal="center", vertical="center")
        if gc.rowspan > 1 or gc.colspan > 1:
            ws.merge_cells(
                start_row=y + 1,
                start_column=x + 1,
                end_row=y + gc.rowspan,
                end_column=x + gc.colspan,
            )
        # Rows do not grow by themselves for wrapped text: estimate the lines each row needs.
        if gc.rowspan == 1 and gc.text:
            room = sum(units[x : x + gc.colspan]) - 1.0
            line_count[y] = max(line_count[y], math.ceil(_text_units(gc.text) / max(room, 1.0)))
    # Borders on every position, also those covered by a merged range (Excel draws them).
    for row in ws.iter_rows(min_row=1, max_row=len(grid.rows), min_col=1, max_col=grid.width):
        for cell in row:
            cell.border = border
    # Cells spanning rows: make sure the spanned rows together are tall enough.
    for y, x, gc in anchors(grid):
        if gc.rowspan > 1 and gc.text:
            room = sum(units[x : x + gc.colspan]) - 1.0
            need = math.ceil(_text_units(gc.text) / max(room, 1.0))
            have = sum(line_count[y : y + gc.rowspan])
            if need > have:
                line_count[y + gc.rowspan - 1] += need - have
    for y, n in enumerate(line_count):
        ws.row_dimensions[y + 1].height = max(LINE_PT + 3, n * LINE_PT + 3)

    if grid.header_rows:
        first_data_col = 4 if grid.table == "t3" else 1  # table 三: keep the row labels in view
        ws.freeze_panes = ws.cell(row=grid.header_rows + 1, column=first_data_col)
        ws.print_title_rows = f"1:{grid.header_rows}"
    ws.sheet_view.zoomScale = 100
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.table == "t4" else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # Page header codes start with "&": a literal ampersand is written "&&"; 255 characters at most.
    ws.oddHeader.center.text = f"{title}　{grid.caption}".replace("&", "&&")[:200]
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def render_xlsx(report: Report) -> bytes:
    """The three tables as an .xlsx workbook (bytes): sheets 表二, 表三, 表四."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    title = clean(report_title(report))  # the agency name may come from any report file
    wb.properties.title = title
    wb.properties.creator = "xxgk"
    wb.properties.language = "zh-CN"
    for grid in report_grids(report):
        _sheet(wb, grid, title)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

"""The national layout of tables 二, 三 and 四 as grids of cells with row/column spans.

Every renderer (HTML, DOCX, XLSX) walks these grids, so the shape of the official tables is
written down once. A grid is a list of rows; each row lists only the cells that start there
(cells covered by a span above or to the left are omitted, as in HTML).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import CellRef, Report, Value
from .templates import template


@dataclass(frozen=True)
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: str | None = None  # "col" | "row" | "colgroup" | "rowgroup" for header cells
    ref: CellRef | None = None  # data cells: the report cell shown here
    value: Value = None


@dataclass(frozen=True)
class Grid:
    table: str  # t2 | t3 | t4
    caption: str
    width: int
    header_rows: int  # how many leading rows are the table header (<thead>)
    rows: tuple[tuple[GridCell, ...], ...]


def format_value(value: Value) -> str:
    """Cell text: blank for None, integers plain, decimals without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text


def _data(report: Report, table: str, row: str, col: str, colspan: int = 1) -> GridCell:
    ref = CellRef(table, row, col)
    value = report.table(table).get(row, {}).get(col)
    return GridCell(text=format_value(value), colspan=colspan, ref=ref, value=value)


def table2_grid(report: Report) -> Grid:
    t2 = template(report.layout.t2).t2
    width = 1 + max(len(b.columns) for b in t2.blocks)
    rows: list[tuple[GridCell, ...]] = []
    for block in t2.blocks:
        rows.append((GridCell(block.caption, colspan=width, header=True, scope="colgroup"),))
        n = len(block.columns)
        head = [GridCell(block.label_column, header=True, scope="col")]
        for i, c in enumerate(block.columns):
            span = width - n if i == n - 1 else 1  # last column fills the table width
            head.append(GridCell(c.label, colspan=span, header=True, scope="col"))
        rows.append(tuple(head))
        for r in block.rows:
            cells = [GridCell(r.label or "", header=True, scope="row")]
            for i, c in enumerate(block.columns):
                span = width - n if i == n - 1 else 1
                cells.append(_data(report, "t2", f"{block.key}.{r.key}", c.key, colspan=span))
            rows.append(tuple(cells))
    return Grid("t2", t2.title, width, 0, tuple(rows))


def table3_grid(report: Report) -> Grid:
    t3 = template(report.layout.t3).t3
    cols = t3.columns
    width = 3 + len(cols)
    grouped = [c for c in cols if c.group]
    header: list[tuple[GridCell, ...]] = [
        (
            GridCell(t3.corner_cell, rowspan=3, colspan=3, header=True),
            GridCell(t3.super_header, colspan=len(cols), header=True, scope="colgroup"),
        ),
    ]
    second: list[GridCell] = []
    seen_group = False
    for c in cols:
        if c.group:
            if not seen_group:
                second.append(
                    GridCell(c.group[0], colspan=len(grouped), header=True, scope="colgroup")
                )
                seen_group = True
        else:
            second.append(GridCell(c.label, rowspan=2, header=True, scope="col"))
    header.append(tuple(second))
    header.append(tuple(GridCell(c.label, header=True, scope="col") for c in grouped))

    def data_cells(row_key: str) -> list[GridCell]:
        return [_data(report, "t3", row_key, c.key) for c in cols]

    body: list[tuple[GridCell, ...]] = []
    results_started = False
    group_sizes: dict[str, int] = {}
    for r in t3.rows:
        if r.group:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    groups_started: set[str] = set()
    for r in t3.rows:
        label = r.label or ""
        if r.key in ("new_received", "carried_over", "carried_forward"):
            body.append((GridCell(label, colspan=3, header=True, scope="row"), *data_cells(r.key)))
            continue
        cells: list[GridCell] = []
        if not results_started:
            cells.append(
                GridCell(
                    t3.results_block_label,
                    rowspan=t3.results_block_rowspan,
                    header=True,
                    scope="rowgroup",
                )
            )
            results_started = True
        if r.group:
            if r.group not in groups_started:
                cells.append(
                    GridCell(r.group, rowspan=group_sizes[r.group], header=True, scope="rowgroup")
                )
                groups_started.add(r.group)
            cells.append(GridCell(label, header=True, scope="row"))
        else:
            cells.append(GridCell(label, colspan=2, header=True, scope="row"))
        body.append((*cells, *data_cells(r.key)))
    return Grid("t3", t3.title, width, 3, tuple(header + body))


def table4_grid(report: Report) -> Grid:
    t4 = template(report.layout.t3).t4
    cols = t4.columns
    review = [c for c in cols if c.group[0] == "行政复议"]
    lit = [c for c in cols if c.group[0] == "行政诉讼"]
    subgroups: list[str] = []
    for c in lit:
        if c.group[1] not in subgroups:
            subgroups.append(c.group[1])
    row1 = (
        GridCell("行政复议", colspan=len(review), header=True, scope="colgroup"),
        GridCell("行政诉讼", colspan=len(lit), header=True, scope="colgroup"),
    )
    row2 = tuple(GridCell(c.label, rowspan=2, header=True, scope="col") for c in review) + tuple(
        GridCell(g, colspan=sum(1 for c in lit if c.group[1] == g), header=True, scope="colgroup")
        for g in subgroups
    )
    row3 = tuple(GridCell(c.label, header=True, scope="col") for c in lit)
    data = tuple(_data(report, "t4", r.key, c.key) for r in t4.rows for c in cols)
    return Grid("t4", t4.title, len(cols), 3, (row1, row2, row3, data))


def report_grids(report: Report) -> tuple[Grid, Grid, Grid]:
    return table2_grid(report), table3_grid(report), table4_grid(report)


def occupancy(grid: Grid) -> list[list[GridCell | None]]:
    """The grid expanded to a full matrix: every position names the cell covering it.

    Used by renderers that need absolute coordinates (DOCX, XLSX) and by tests that compare a
    re-read document with the JSON.
    """
    height = len(grid.rows)
    matrix: list[list[GridCell | None]] = [[None] * grid.width for _ in range(height)]
    for y, row in enumerate(grid.rows):
        x = 0
        for cell in row:
            while x < grid.width and matrix[y][x] is not None:
                x += 1
            if x >= grid.width:
                raise ValueError(f"{grid.table}: row {y} is wider than {grid.width}")
            for dy in range(cell.rowspan):
                for dx in range(cell.colspan):
                    if matrix[y + dy][x + dx] is not None:
                        raise ValueError(f"{grid.table}: overlapping cells at row {y + dy}")
                    matrix[y + dy][x + dx] = cell
            x += cell.colspan
    for y, row in enumerate(matrix):
        if any(c is None for c in row):
            raise ValueError(f"{grid.table}: row {y} has holes")
    return matrix


def anchors(grid: Grid) -> list[tuple[int, int, GridCell]]:
    """(row, column, cell) of the top-left corner of every cell."""
    matrix = occupancy(grid)
    out: list[tuple[int, int, GridCell]] = []
    seen: set[int] = set()
    for y, row in enumerate(matrix):
        for x, cell in enumerate(row):
            if cell is not None and id(cell) not in seen:
                seen.add(id(cell))
                out.append((y, x, cell))
    return out

"""Document → report tables, exactly or not at all.

Every line of the document becomes an *item*: label text and the value pieces that follow it.
Table 三 rows are found by their labels (after normalisation; full label, unique prefix or
unique fragment, since PDFs wrap labels anywhere). Rows whose values stand apart from their
label (wrapped labels, PDF-to-text conversions) are placed only when the labelled rows around
them leave exactly as many unfilled rows as there are unlabelled value rows between them.
A value that cannot be placed with certainty is `None` with a warning naming the cell: a
wrong number is worse than a missing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .document import Document, Piece
from .labels import normalise
from .model import CellRef, Layout, Report, Source, Value, empty_report
from .rows import (  # noqa: F401 — re-exported: extract's public names
    ColumnGuide,
    Item,
    LabelIndex,
    TableFiller,
    Warnings,
    _trim,
    header_columns,
    is_value_text,
    learn_columns,
    line_to_item,
    norm_label,
    strip_numbering,
    t3_index,
)
from .templates import TABLE_NAMES, template


@dataclass
class Extracted:
    report: Report
    sources: dict[CellRef, Source]
    warnings: list[tuple[str, CellRef | None, Source | None]]
    found: dict[str, int]  # how many rows each table had placed (to judge "is this a report")
    # cells the reader could not read (not found, not placeable, not a number): unlike a
    # cell blank in the source, these say nothing about the report
    unread: set[CellRef] = field(default_factory=set)
    candidates: dict[CellRef, tuple[Value, ...]] = field(default_factory=dict)
    # document lines that belong to the tables (headers, rows, their stray values): the
    # sections' text leaves them out, as a PDF's text of a table is not prose
    table_lines: set[int] = field(default_factory=set)


# ------------------------------------------------------------------ layout detection


def _markers(version: str) -> list[str]:
    return [norm_label(m) for m in template(version).version_markers]


T2_V2019_EXTRA = [
    norm_label(s) for s in ("上一年项目数量", "本年新公开数量", "处理决定数量", "采购项目数量")
]
T2_V2021_EXTRA = [norm_label(s) for s in ("本年废止件数", "本年处理决定数量", "行政规范性文件")]


def detect_t2(items: Sequence[Item]) -> str | None:
    text = "".join(it.label for it in items)
    score = {
        "v2019": sum(text.count(m) for m in _markers("v2019") + T2_V2019_EXTRA if "申请" not in m),
        "v2021": sum(text.count(m) for m in _markers("v2021") + T2_V2021_EXTRA if "补正" not in m),
    }
    # 本年处理决定数量 contains 处理决定数量: don't count it for v2019
    score["v2019"] -= text.count(norm_label("本年处理决定数量"))
    if score["v2019"] == score["v2021"] == 0:
        return None
    return "v2021" if score["v2021"] > score["v2019"] else "v2019"


def detect_t3(items: Sequence[Item]) -> str:
    """v2021 splits （六）其他处理 into three rows; their wording is the marker."""
    text = "".join(it.label for it in items)
    if "逾期不补正" in text or "缴纳费用" in text or "收费通知" in text:
        return "v2021"
    return "v2019"


# ------------------------------------------------------------------ table 三


def _is_t3_start(item: Item) -> bool:
    return any(k in item.label for k in ("勾稽关系", "申请人情况", "本年新收政府信息公开申请数量"))


def find_t3(items: Sequence[Item]) -> tuple[int, int] | None:
    """Index range [start, end) of table 三 in the items."""
    start = next((i for i, it in enumerate(items) if _is_t3_start(it)), None)
    if start is None:
        return None
    end_label = norm_label("四、结转下年度继续办理")
    end = None
    for i in range(start, len(items)):
        if end_label in items[i].label or strip_numbering(end_label) in items[i].label:
            end = i + 1
            if not items[i].values:  # its numbers may stand on the next line(s)
                for j in range(i + 1, min(i + 4, len(items))):
                    if items[j].values and not items[j].label:
                        end = j + 1
                        break
            break
    if end is None:
        total = norm_label("（七）总计")
        last = max((i for i in range(start, len(items)) if total in items[i].label), default=None)
        end = (last + 1) if last is not None else min(len(items), start + 80)
    return start, end


def extract_t3(items: Sequence[Item], filler: TableFiller, version: str) -> int:
    tpl = template(version).t3
    cols = [(c.key, c.numeric_kind, c.unit) for c in tpl.columns]
    n = len(cols)
    index = t3_index(version)
    order = {k: i for i, k in enumerate(tpl.row_keys())}
    events: list[tuple[str | None, Item]] = []  # (row key or None, item with values)
    for it in items:
        m = index.match(it.label)
        if it.values and any(normalise(p.text) for p in it.values):
            events.append((m[0] if m else None, it))
    guide = learn_columns((_trim(it.values, n) for _, it in events), n)

    anchored: dict[str, Item] = {}
    duplicates: set[str] = set()
    for key, it in events:
        if key is None:
            continue
        if key in anchored and [p.text for p in anchored[key].values] != [
            p.text for p in it.values
        ]:
            duplicates.add(key)
        anchored.setdefault(key, it)
    for key in duplicates:
        filler.warnings.add(
            f"表三「{tpl.row(key).label}」行出现两次且数值不同，本行留空",
            CellRef("t3", key, "total"),
        )
        anchored.pop(key)
        filler.lose("t3", key, tpl.column_keys())

    placed: dict[str, Item] = dict(anchored)
    # unlabelled value rows between two anchors fill the unfilled rows between them, in order
    anchor_positions = [(i, key) for i, (key, _) in enumerate(events) if key in anchored]
    bounds = (
        [(-1, -1)] + [(i, order[key]) for i, key in anchor_positions] + [(len(events), len(order))]
    )
    for (ev_a, tp_a), (ev_b, tp_b) in zip(bounds, bounds[1:], strict=False):
        floating = [it for key, it in events[ev_a + 1 : ev_b] if key is None]
        if not floating:
            continue
        full = [it for it in floating if len(_trim(it.values, n)) == n]
        if tp_b <= tp_a:
            continue  # anchors out of template order: nothing between them can be placed safely
        gap = [k for k in tpl.row_keys()[tp_a + 1 : tp_b] if k not in placed]
        if gap and len(full) == len(gap):
            for key, it in zip(gap, full, strict=True):
                placed[key] = it
        elif gap and len(floating) == len(gap) and guide:
            for key, it in zip(gap, floating, strict=True):
                placed[key] = it
        elif gap:
            names = "、".join(tpl.row(k).label or k for k in gap)
            filler.warnings.add(
                f"表三有 {len(floating)} 行数值未标明行名，而对应位置缺少 {len(gap)} 行（{names}），无法一一对应，这些行留空",
                CellRef("t3", gap[0], "total"),
                floating[0].values[0].source,
            )
    count = 0
    for key in tpl.row_keys():
        if key in placed:
            count += filler.fill("t3", key, cols, placed[key].values, guide)
        else:
            filler.warnings.add(
                f"表三未找到「{tpl.row(key).label}」行，本行留空", CellRef("t3", key, "total")
            )
            filler.lose("t3", key, tpl.column_keys())
    return count


# ------------------------------------------------------------------ table 二


@cache
def t2_labels(version: str) -> tuple[dict[str, list[str]], LabelIndex]:
    labels: dict[str, list[str]] = {}
    for block in template(version).t2.blocks:
        for r in block.rows:
            labels[f"{block.key}.{r.key}"] = [r.label or "", *r.aliases]
    return labels, LabelIndex(labels, fragments=False)


def _header_guide(item: Item) -> ColumnGuide | None:
    """Column centres from a block header row ("信息内容 本年制发件数 …") laid out in a PDF."""
    pieces = [p for p in item.line.pieces if p.text.strip()]
    if len(pieces) < 2 or any(p.xc is None for p in pieces):
        return None
    centres = [p.xc for p in pieces[1:]]
    if any(b <= a for a, b in zip(centres, centres[1:], strict=False)):
        return None
    return ColumnGuide(centres)


def extract_t2(items: Sequence[Item], filler: TableFiller, version: str) -> int:
    t2 = template(version).t2
    labels, index = t2_labels(version)
    placed: dict[str, tuple[list[Piece], ColumnGuide | None]] = {}
    conflicts: set[str] = set()
    guide: ColumnGuide | None = None
    # rows of a block whose numbers stand apart, on lines of their own after the labels
    # (text from a PDF): placed in order only when the lines and their counts fit exactly
    pending: list[str] = []
    i = 0

    def place(key: str, values: list[Piece]) -> None:
        if key in placed:
            if [p.text for p in placed[key][0]] != [p.text for p in values]:
                conflicts.add(key)
            return
        placed[key] = (
            values,
            guide if guide and len(guide.centres) == len(t2.columns_of(key)) else None,
        )

    while i < len(items):
        it = items[i]
        i += 1
        if it.label.startswith("信息内容") or "第二十条" in it.label:
            if it.label.startswith("信息内容"):
                guide = _header_guide(it)
            pending = []
            continue
        if not it.label and it.values and pending:
            run = [it]
            while i < len(items) and not items[i].label and items[i].values:
                run.append(items[i])
                i += 1
            widths = [len(t2.columns_of(k)) for k in pending]
            if len(run) == len(pending) and all(
                len(_trim(r.values, w)) == w for r, w in zip(run, widths, strict=True)
            ):
                for key, r in zip(pending, run, strict=True):
                    place(key, r.values)
            else:
                names = "、".join(labels[k][0] for k in pending)
                filler.warnings.add(
                    f"表二「{names}」的数值与行名分开，共 {len(run)} 行数值，"
                    f"与 {len(pending)} 个行名无法一一对应，这些行留空",
                    CellRef("t2", pending[0], t2.columns_of(pending[0])[0].key),
                    run[0].values[0].source,
                )
            pending = []
            continue
        if not it.label or len(it.label) > 30:
            continue
        m = index.match(it.label)
        if not m or m[1] == "contains" and len(it.label) > len(max(labels[m[0]], key=len)) + 6:
            continue
        if it.values:
            place(m[0], it.values)
        else:
            pending.append(m[0])
    count = 0
    for key in t2.row_keys():
        cols = [(c.key, c.numeric_kind, c.unit) for c in t2.columns_of(key)]
        if key in conflicts:
            filler.warnings.add(
                f"表二「{labels[key][0]}」行出现两次且数值不同，无法确定采用哪一次，本行留空",
                CellRef("t2", key, cols[0][0]),
            )
            filler.lose("t2", key, (c[0] for c in cols))
        elif key in placed and placed[key][0]:
            count += filler.fill("t2", key, cols, placed[key][0], placed[key][1])
        else:
            filler.warnings.add(
                f"表二未找到「{t2.row(key).label}」行的数值，本行留空",
                CellRef("t2", key, cols[0][0]),
            )
            filler.lose("t2", key, (c[0] for c in cols))
    return count


# ------------------------------------------------------------------ table 四


def extract_t4(items: Sequence[Item], filler: TableFiller, version: str) -> int:
    """The one data row of table 四: 15 values after its header (行政复议 / 行政诉讼).

    Some agencies split it into a 行政复议 table (5 values) and a 行政诉讼 table (10 values);
    that form is read too, but only when both parts are found in that order.
    """
    t4 = template(version).t4
    cols = [(c.key, c.numeric_kind, c.unit) for c in t4.columns]
    n = len(cols)
    seen_header = False
    review_part: list[Piece] | None = None
    header: list[Item] = []
    for it in items:
        if "行政复议" in it.label or "行政诉讼" in it.label:
            seen_header = True
        if not seen_header:
            continue
        if not it.values:
            header.append(it)
        if it.label and len(it.label) > 40 and not it.values and "情况" not in it.label:
            break  # running text after the table
        if it.label and len(it.label) > 12:
            continue  # a sentence or a long header, not the data row
        vals = _trim(it.values, n)
        if len(vals) == n:
            filler.fill("t4", "cases", cols, it.values)
            return 1
        if n - 3 <= len(vals) < n and all(p.xc is not None for p in vals):
            # a PDF row with blank cells: place the numbers under the header's columns
            return int(filler.fill("t4", "cases", cols, vals, header_columns(header[-6:], n)))
        if len(vals) == 5 and review_part is None:
            review_part = vals
        elif len(vals) == 10 and review_part is not None:
            filler.fill("t4", "cases", cols, review_part + vals)
            return 1
    filler.warnings.add(
        f"{TABLE_NAMES['t4']}未找到 {n} 个数值的数据行，整表留空",
        CellRef("t4", "cases", cols[0][0]),
    )
    filler.lose("t4", "cases", (c[0] for c in cols))
    return 0


# ------------------------------------------------------------------ whole document


TABLE_MARKERS = ("第二十条", "信息内容", "申请人情况", "勾稽关系", "本年新收")


def items_of(doc: Document) -> list[Item]:
    """Items from the first line that belongs to a table on (the narrative before is not read)."""
    first = len(doc.lines)
    for i, line in enumerate(doc.lines):
        text = line.text
        if any(m in text for m in TABLE_MARKERS):
            first = i
            break
    return [line_to_item(i, line) for i, line in enumerate(doc.lines[first:], start=first)]


def extract(
    doc: Document, items: list[Item] | None = None, *, provenance: bool = True
) -> Extracted:
    items = items if items is not None else items_of(doc)
    warnings = Warnings()
    t3_range = find_t3(items)
    if t3_range:
        t3_items = items[t3_range[0] : t3_range[1]]
        before, after = items[: t3_range[0]], items[t3_range[1] :]
    else:
        t3_items, before, after = [], items, []
    t2_start = next(
        (
            i
            for i, it in enumerate(before)
            if "第二十条" in it.label or it.label.startswith("信息内容")
        ),
        None,
    )
    t2_items = before[t2_start:] if t2_start is not None else []
    v2 = detect_t2(t2_items) if t2_items else None
    v3 = detect_t3(t3_items)
    layout = Layout(t2=v2 or ("v2021" if v3 == "v2021" else "v2019"), t3=v3)
    blank = empty_report(layout)
    tables = {
        name: {r: dict(c) for r, c in blank.table(name).items()} for name in ("t2", "t3", "t4")
    }
    filler = TableFiller(tables, layout, warnings, provenance)
    found = {"t2": 0, "t3": 0, "t4": 0}
    if t2_items and v2:
        found["t2"] = extract_t2(t2_items, filler, v2)
    else:
        warnings.add(
            "表二无法判断版式（2019 版或 2021 版），整表留空"
            if t2_items
            else "未找到表二，整表留空"
        )
        for key in tables["t2"]:
            filler.lose("t2", key, tables["t2"][key])
    if t3_items:
        found["t3"] = extract_t3(t3_items, filler, v3)
        found["t4"] = extract_t4(after, filler, v3)
    else:
        warnings.add("未找到表三、表四，整表留空")
        for name in ("t3", "t4"):
            for key in tables[name]:
                filler.lose(name, key, tables[name][key])
    report = Report(
        agency=None, year=None, layout=layout, t2=tables["t2"], t3=tables["t3"], t4=tables["t4"]
    )
    spans = _t2_span(t2_items, v2) + [it.index for it in t3_items] + _t4_span(after)
    return Extracted(
        report, filler.sources, warnings.items, found, filler.unread, table_lines=set(spans)
    )


def _t2_span(items: Sequence[Item], version: str | None) -> list[int]:
    """Line indices from table 二's first line to its last row (and that row's values)."""
    if not items or version is None:
        return []
    _, index = t2_labels(version)
    last = None
    for i, it in enumerate(items):
        if it.label.startswith("信息内容") or "第二十条" in it.label or index.match(it.label):
            last = i
    if last is None:
        return []
    if last + 1 < len(items) and not items[last + 1].label and items[last + 1].values:
        last += 1
    return [it.index for it in items[: last + 1]]


def _t4_span(items: Sequence[Item]) -> list[int]:
    """Line indices of table 四: its header lines down to its data row."""
    start = next(
        (i for i, it in enumerate(items) if "行政复议" in it.label or "行政诉讼" in it.label), None
    )
    if start is None:
        return []
    for j in range(start, min(len(items), start + 16)):
        if len(items[j].values) >= 5 and len(items[j].label) <= 12:
            return [it.index for it in items[start : j + 1]]
    return []

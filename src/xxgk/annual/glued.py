"""Crawled page text: the cells of each table row run together ("…申请数量1400000 14").

A crawler that flattens an HTML page keeps the row labels and drops the cell boundaries. This
reader finds the rows of tables 二, 三 and 四 by their labels in template order, takes the
run of digits after each label (a space inside it is a cell boundary; the next row's "2." is
not a value), and splits the run into the row's cells in every way the bounds allow (no
leading zero but a lone 0, at most `MAX_DIGITS` digits). The report's own arithmetic then
decides (row totals, （七）总计 = the result rows, 一+二 = 三+四 per column, table 四's three
totals): **a cell is filled only when every split of every row that satisfies all equations
gives it the same value**. Any other cell stays None, is listed as unread with its candidate
values, and a warning names it. Table 二 has no equations: its cells are filled only when the
split is forced (all zeros, one digit per cell, one cell per row).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from .labels import GLUED_HINT, squeeze
from .model import CellRef, Layout, Report, Source, Value, cell_label, empty_report
from .rows import norm_label, strip_numbering
from .templates import template

MAX_DIGITS = 6  # a count above 999,999 is not in any agency's table
MAX_ROW_SPLITS = 20000  # a row with more readings than this is left unread
MAX_SOLUTIONS = 20000  # joint readings enumerated before giving up on the joint rule
MAX_VISITS = 300000  # partial joint readings tried before giving up on the joint rule
SEP = "\x1f"  # a cell boundary the source kept (whitespace between two digits)

_GAP = re.compile(r"(?<=\d)[\s|]+(?=[\d+\-])")
_RUN = re.compile(r"[\d\x1f.+\-]*\d")
_CELL = {  # kinds without a length in _MAX_LEN (those are checked without a regex)
    "signed": re.compile(r"[+\-]?(?:0|[1-9]\d{0,5})"),
    "decimal": re.compile(r"(?:0|[1-9]\d{0,7})(?:\.\d{1,4})?"),
}


def compact(text: str) -> str:
    """The document as one string: NFKC, no whitespace; a gap between digits kept as SEP."""
    return squeeze(_GAP.sub(SEP, text)).replace('"', "").replace("'", "")


_TABLE_WORDS = ("信息内容", "申请人情况", "自然人", "勾稽关系", "第二十条", "结果维持", "商业企业")


def glued_table_line(line: str) -> bool:
    """A line of crawled text that is a table's (a glued row, or header words), not prose."""
    return bool(GLUED_HINT.search(line)) or any(w in line for w in _TABLE_WORDS)


# ------------------------------------------------------------------ splitting one run


_MAX_LEN = {"int": MAX_DIGITS, "count": 9}  # count: table 二, the decisions of a whole city


def _valid(text: str, kind: str) -> bool:
    limit = _MAX_LEN.get(kind)
    if limit is not None:  # the common case, without a regex
        return len(text) <= limit and (text[0] != "0" or len(text) == 1) and text.isdigit()
    return _CELL[kind].fullmatch(text) is not None


def splits(
    groups: Sequence[str],
    kinds: Sequence[str],
    totals: Sequence[tuple[int, Sequence[int]]] = (),
) -> Iterator[tuple[str, ...]]:
    """Every way to cut `groups` (digit strings whose ends are cell boundaries) into
    len(kinds) valid cells, in order; with `totals` (cell i = sum of cells js, each j < i),
    only the ways that satisfy them. A total in the last cell is cut first (it is a suffix of
    the last group), so the cells it sums are bounded by it while they are cut."""
    n = len(kinds)
    total_at = {i: tuple(js) for i, js in totals}
    groups = [g for g in groups if g]
    if not groups:
        return
    last_js = total_at.pop(n - 1, None)
    if last_js is None:
        yield from _walk(groups, kinds, n, total_at, None)
        return
    tail = groups[-1]
    for k in range(1, min(len(tail), 14) + 1):
        piece = tail[-k:]
        if not _valid(piece, kinds[n - 1]):
            continue
        head = [*groups[:-1], tail[:-k]] if k < len(tail) else list(groups[:-1])
        if not head:
            continue
        bound = (frozenset(last_js), int(piece))
        for cut in _walk(head, kinds[:-1], n - 1, total_at, bound):
            yield (*cut, piece)


def _walk(
    groups: Sequence[str],
    kinds: Sequence[str],
    n: int,
    total_at: dict[int, tuple[int, ...]],
    bound: tuple[frozenset[int], int] | None,
) -> Iterator[tuple[str, ...]]:
    out: list[str] = []
    tails = [sum(len(x) for x in groups[g:]) for g in range(len(groups) + 1)]
    members, limit = bound if bound else (frozenset(), 0)
    widest = max(_MAX_LEN.get(k, 14) for k in kinds)  # no cell is longer: prune long runs

    def walk(g: int, pos: int, running: int) -> Iterator[tuple[str, ...]]:
        c = len(out)
        if g == len(groups):
            if c == n and (bound is None or running == limit):
                yield tuple(out)
            return
        left_cells = n - c
        if left_cells < len(groups) - g:
            return
        text = groups[g]
        rest = len(text) - pos + tails[g + 1]
        if rest < left_cells or rest > left_cells * widest:
            return
        for end in range(pos + 1, len(text) + 1):
            piece = text[pos:end]
            if len(piece) > 14:
                break
            if not _valid(piece, kinds[c]):
                if kinds[c] in _MAX_LEN:
                    break  # a leading zero or too many digits: longer pieces are no better
                continue
            add = running
            if c in members:
                add += int(piece)
                if add > limit:
                    break  # longer pieces are larger still
            js = total_at.get(c)
            if js is not None and int(piece) != sum(int(out[j]) for j in js):
                continue
            out.append(piece)
            if end == len(text):
                yield from walk(g + 1, 0, add)
            elif c + 1 < n:
                yield from walk(g, end, add)
            out.pop()

    yield from walk(0, 0, 0)


def _number(text: str, kind: str) -> Value:
    if kind == "decimal" and "." in text:
        return Decimal(text)
    return int(text)


# ------------------------------------------------------------------ finding the rows


@dataclass
class Run:
    """The value text found after one row's label."""

    table: str
    row: str
    text: str  # the digit run, SEP marking the boundaries the source kept
    alternatives: tuple[str, ...] = ()  # other possible runs (a numbering that may be a digit)

    @property
    def shown(self) -> str:
        return self.text.replace(SEP, " ")


@dataclass(frozen=True)
class RowLabel:
    key: str
    cores: tuple[str, ...]  # normalised labels without their numbering, best first
    number: str | None  # the numbering digit of the label ("2" of "2.重复申请")


def _row_label(key: str, labels: Sequence[str]) -> RowLabel:
    cores: list[str] = []
    number = None
    for lab in labels:
        n = norm_label(lab)
        core = strip_numbering(n)
        m = re.match(r"^(\d{1,2})\.", n)
        if m:
            number = m.group(1)
        for c in (core, core[:4] if len(core) > 6 else None):
            if c and c not in cores:
                cores.append(c)
    return RowLabel(key, tuple(cores), number)


@cache
def t3_labels(version: str) -> tuple[RowLabel, ...]:
    return tuple(_row_label(r.key, [r.label or ""]) for r in template(version).t3.rows)


@cache
def t2_labels(version: str) -> tuple[RowLabel, ...]:
    out = []
    for block in template(version).t2.blocks:
        for r in block.rows:
            out.append(_row_label(f"{block.key}.{r.key}", [r.label or "", *r.aliases]))
    return tuple(out)


def _find(text: str, label: RowLabel, start: int, window: int) -> tuple[int, int] | None:
    """(start, end) of the label's core in text[start:start+window], trying cores in order."""
    stop = min(len(text), start + window)
    for core in label.cores:
        i = text.find(core, start, stop)
        if i >= 0:
            return i, i + len(core)
    return None


def _runs(
    text: str,
    table: str,
    labels: Sequence[RowLabel],
    start: int,
    end: int,
    window: int = 400,
) -> tuple[dict[str, Run], int]:
    """Each row's run between its label and the next row's label, and the position after
    the last row's run."""
    found: list[tuple[RowLabel, int, int]] = []
    pos = start
    for label in labels:
        hit = _find(text, label, pos, window)
        if hit is None or hit[0] >= end:
            continue  # not found: the caller leaves the row unread
        found.append((label, hit[0], hit[1]))
        pos = hit[1]
    runs: dict[str, Run] = {}
    last_end = pos
    for k, (label, _, after) in enumerate(found):
        if k + 1 < len(found):
            nxt_label, nxt_start, _ = found[k + 1]
        else:
            nxt_label, nxt_start = None, min(end, after + window)
        region = text[after:nxt_start]
        alternatives: tuple[str, ...] = ()
        if nxt_label is not None and nxt_label.number:
            # the next label's numbering ("2." or "2,") is not a value; a bare "2" may be
            num = nxt_label.number
            stripped = re.sub(rf"(?<![.]){num}[.,]$", "", region)
            if stripped != region:
                region = stripped
            elif region.endswith(num) and re.search(r"\d" + num + "$", region):
                alternatives = (region[: -len(num)].rstrip(SEP),)
        # the label's own remainder (a core matched by its prefix) comes before the digits
        m = re.match(r"[^\d+\-]{0,60}?(?=[\d+\-])", region)
        if m is None:
            continue  # no number after this label: the row is not read
        body = region[m.end() :]
        run_m = _RUN.match(body)
        if run_m is None:
            continue
        run = run_m.group(0)
        if alternatives:
            alt = alternatives[0][m.end() :]
            alt_m = _RUN.match(alt)
            alternatives = (alt_m.group(0),) if alt_m and run_m.end() == len(body) else ()
        if k + 1 == len(found):
            last_end = after + m.end() + run_m.end()
        runs[label.key] = Run(table, label.key, run, alternatives)
    return runs, last_end


# ------------------------------------------------------------------ the solver


@dataclass
class RowChoices:
    key: str
    run: Run
    kinds: tuple[str, ...]
    candidates: list[tuple[Value, ...]]
    overflow: bool = False  # more readings than MAX_ROW_SPLITS
    unchecked: bool = False  # no reading satisfies the row's own equations: bounds only


def row_choices(run: Run, kinds: tuple[str, ...], totals: Sequence[tuple[int, Sequence[int]]]):
    """The readings of a row that satisfy its own equations (cell i = sum of cells js)."""

    def readings(with_totals: bool) -> tuple[list[tuple[Value, ...]], bool]:
        seen: dict[tuple[Value, ...], None] = {}
        for text in (run.text, *run.alternatives):
            if not text or "," in text:
                continue  # a thousands separator makes any cut a guess
            groups = [g for g in text.split(SEP) if g]
            for parts in splits(groups, kinds, totals if with_totals else ()):
                seen[tuple(_number(p, k) for p, k in zip(parts, kinds, strict=True))] = None
                if len(seen) > MAX_ROW_SPLITS:
                    return [], True
        return list(seen), False

    strict, overflow = readings(True)
    if overflow:
        return RowChoices(run.row, run, kinds, [], overflow=True)
    if strict or not totals:
        return RowChoices(run.row, run, kinds, strict)
    # none makes the totals: say so if the digits can be cut at all (one cut is enough)
    cut = any(
        next(splits([g for g in t.split(SEP) if g], kinds), None) is not None
        for t in (run.text, *run.alternatives)
        if t and "," not in t
    )
    return RowChoices(run.row, run, kinds, [], unchecked=cut)


@dataclass(frozen=True)
class Equation:
    """sum(lhs rows' column c) == sum(rhs rows' column c), for every column c."""

    lhs: tuple[str, ...]
    rhs: tuple[str, ...]


def solve(
    rows: dict[str, RowChoices], equations: Sequence[Equation], width: int
) -> dict[str, list[set[Value]]] | None:
    """The values each cell takes over every joint reading that satisfies all equations;
    None when there is no joint reading or too many to enumerate."""
    usable = [
        e
        for e in equations
        if all(r in rows and rows[r].candidates and not rows[r].unchecked for r in e.lhs + e.rhs)
    ]
    keys = [k for k, r in rows.items() if r.candidates]
    involved = {r for e in usable for r in e.lhs + e.rhs}
    # rows no equation touches are decided on their own; the others jointly
    order = sorted(involved, key=lambda k: (len(rows[k].candidates), keys.index(k)))
    seen: dict[str, list[set[Value]]] = {k: [set() for _ in range(width)] for k in order}
    chosen: dict[str, tuple[Value, ...]] = {}
    position = {k: i for i, k in enumerate(order)}
    closing: dict[int, list[Equation]] = {}
    for e in usable:
        closing.setdefault(max(position[r] for r in e.lhs + e.rhs), []).append(e)
    count = 0
    visits = 0  # a search that explores this many partial readings gives up (None)

    def holds(e: Equation) -> bool:
        for c in range(width):
            left = sum(chosen[r][c] or 0 for r in e.lhs)
            right = sum(chosen[r][c] or 0 for r in e.rhs)
            if left != right:
                return False
        return True

    def partial_ok(e: Equation) -> bool:
        # all counts are >= 0: a side fully chosen bounds the chosen part of the other
        lhs_done = all(r in chosen for r in e.lhs)
        rhs_done = all(r in chosen for r in e.rhs)
        if lhs_done == rhs_done:
            return True
        done, other = (e.lhs, e.rhs) if lhs_done else (e.rhs, e.lhs)
        for c in range(width):
            total = sum(chosen[r][c] or 0 for r in done)
            part = sum(chosen[r][c] or 0 for r in other if r in chosen)
            if part > total:
                return False
        return True

    def walk(i: int) -> bool:
        nonlocal count, visits
        visits += 1
        if visits > MAX_VISITS:
            return False
        if i == len(order):
            count += 1
            for k, values in chosen.items():
                for c, v in enumerate(values):
                    seen[k][c].add(v)
            return count < MAX_SOLUTIONS
        key = order[i]
        for values in rows[key].candidates:
            chosen[key] = values
            if all(holds(e) for e in closing.get(i, ())) and all(
                partial_ok(e) for e in usable if key in e.lhs + e.rhs
            ):
                if not walk(i + 1):
                    del chosen[key]
                    return False
            del chosen[key]
        return True

    complete = walk(0)
    if not complete or count == 0:
        return None
    for k in keys:
        if k not in seen:
            seen[k] = [{v[c] for v in rows[k].candidates} for c in range(width)]
    return seen


# ------------------------------------------------------------------ the whole document


@dataclass
class GluedReading:
    report: Report
    unread: set[CellRef]
    candidates: dict[CellRef, tuple[Value, ...]]
    warnings: list[tuple[str, CellRef | None, Source | None]]
    sources: dict[CellRef, Source]
    found: dict[str, int] = field(default_factory=dict)


def _t3_equations(version: str) -> list[Equation]:
    keys = template(version).t3.row_keys()
    details = tuple(k for k in keys if k not in ("new_received", "carried_over", "result_total"))
    details = tuple(k for k in details if k != "carried_forward")
    return [
        Equation(("new_received", "carried_over"), ("result_total", "carried_forward")),
        Equation(("result_total",), details),
    ]


class _Filler:
    def __init__(self, layout: Layout, tables, with_sources: bool):
        self.layout = layout
        self.tables = tables
        self.unread: set[CellRef] = set()
        self.candidates: dict[CellRef, tuple[Value, ...]] = {}
        self.warnings: list[tuple[str, CellRef | None, Source | None]] = []
        self.sources: dict[CellRef, Source] = {}
        self.with_sources = with_sources

    def row_unread(self, table: str, row: str, cols: Sequence[str], why: str) -> None:
        refs = [CellRef(table, row, c) for c in cols]
        self.unread.update(refs)
        label = cell_label(self.layout, refs[0]).rsplit("「", 1)[0]
        self.warnings.append((f"{label}{why}，本行留空", refs[0], None))

    def cells(
        self,
        table: str,
        row: str,
        cols: Sequence[str],
        values: list[set[Value]],
        run: Run,
        why: str = "有多种符合勾稽关系的拆分",
    ) -> int:
        filled = 0
        for col, options in zip(cols, values, strict=True):
            ref = CellRef(table, row, col)
            if len(options) == 1:
                self.tables[table][row][col] = next(iter(options))
                filled += 1
                if self.with_sources:
                    self.sources[ref] = Source(cell="粘连数字", text=run.shown)
                continue
            shown = sorted(options, key=lambda v: (v is None, v))
            self.unread.add(ref)
            self.candidates[ref] = tuple(shown)
            listed = "、".join(str(v) for v in shown[:6]) + ("……" if len(shown) > 6 else "")
            self.warnings.append(
                (
                    f"{cell_label(self.layout, ref)}未能确定：粘连数字“{run.shown}”"
                    f"{why}（可能为 {listed}），本格留空",
                    ref,
                    Source(cell="粘连数字", text=run.shown),
                )
            )
        return filled


def _t3_start(text: str, labels: Sequence[RowLabel]) -> int | None:
    first = labels[0].cores[0]
    i = text.find(first)
    while i >= 0:
        after = text[i + len(first) : i + len(first) + 2]
        if after[:1].isdigit():
            return i
        i = text.find(first, i + 1)
    return None


def read_glued(raw: str, *, with_sources: bool = True) -> GluedReading | None:
    """Read the tables from flattened page text; None when no table row is found at all."""
    text = compact(raw)
    v3 = "v2021" if ("逾期不补正" in text or "收费通知" in text) else "v2019"
    t3_rows = t3_labels(v3)
    t3_at = _t3_start(text, t3_rows)
    t2_at = text.find("第二十条第(一)项")
    t2_end = t3_at if t3_at is not None else len(text)
    t2_text = text[t2_at:t2_end] if t2_at >= 0 else ""
    v2 = None
    if t2_text:
        v2021 = sum(t2_text.count(w) for w in ("本年制发件数", "现行有效件数", "本年废止件数"))
        v2019 = sum(
            t2_text.count(w) for w in ("本年新制作数量", "对外公开总数量", "上一年项目数量")
        )
        v2 = "v2021" if v2021 > v2019 else "v2019" if v2019 else None
    if t3_at is None and v2 is None:
        return None
    layout = Layout(t2=v2 or ("v2021" if v3 == "v2021" else "v2019"), t3=v3)
    blank = empty_report(layout)
    tables = {n: {r: dict(c) for r, c in blank.table(n).items()} for n in ("t2", "t3", "t4")}
    f = _Filler(layout, tables, with_sources)
    found = {"t2": 0, "t3": 0, "t4": 0}

    # table 二: no equations, so a cell stands only when its split is forced
    t2 = template(layout.t2).t2
    if v2 is None:
        for key in t2.row_keys():
            f.unread.update(CellRef("t2", key, c.key) for c in t2.columns_of(key))
        f.warnings.append(("表二未找到或无法判断版式，整表未能读取", None, None))
    else:
        runs, _ = _runs(text, "t2", t2_labels(v2), t2_at, t2_end, window=600)
        for key in t2.row_keys():
            cols = [c.key for c in t2.columns_of(key)]
            kinds = tuple(
                "count" if c.numeric_kind == "int" else c.numeric_kind for c in t2.columns_of(key)
            )
            if key not in runs:
                f.row_unread("t2", key, cols, "未找到数值")
                continue
            run = runs[key]
            if SEP in run.text and len([g for g in run.text.split(SEP) if g]) != len(cols):
                # spaces mark some boundaries, not all: with no total to check, a cut inside
                # a spaced number would be a guess (a blank cell, not a glued one)
                f.row_unread("t2", key, cols, f"的数字“{run.shown}”与 {len(cols)} 格不符")
                continue
            rc = row_choices(run, kinds, ())
            if not rc.candidates:
                f.row_unread("t2", key, cols, f"的数字“{runs[key].shown}”无法拆分为 {len(cols)} 格")
                continue
            values = [{v[c] for v in rc.candidates} for c in range(len(cols))]
            if f.cells(
                "t2", key, cols, values, runs[key], "有多种可能的拆分（表二没有可核对的总计）"
            ):
                found["t2"] += 1

    # table 三: every equation of the template decides
    t3 = template(v3).t3
    cols3 = list(t3.column_keys())
    kinds3 = tuple(c.numeric_kind for c in t3.columns)
    row_total = [(len(cols3) - 1, tuple(range(len(cols3) - 1)))]
    t3_end = t3_at or 0
    if t3_at is None:
        for key in t3.row_keys():
            f.unread.update(CellRef("t3", key, c) for c in cols3)
        f.warnings.append(
            ("表三未找到“本年新收政府信息公开申请数量”及其数字，整表未能读取", None, None)
        )
    else:
        runs, t3_end = _runs(text, "t3", t3_rows, t3_at, len(text))
        choices: dict[str, RowChoices] = {}
        for key in t3.row_keys():
            if key not in runs:
                f.row_unread("t3", key, cols3, "未找到数值")
                continue
            rc = row_choices(runs[key], kinds3, row_total)
            if rc.overflow:
                f.row_unread("t3", key, cols3, f"的数字“{runs[key].shown}”可拆分的方式过多")
                continue
            if not rc.candidates:
                f.row_unread("t3", key, cols3, f"的数字“{runs[key].shown}”无法拆分为 7 格")
                continue
            if rc.unchecked:
                f.row_unread(
                    "t3", key, cols3, f"的数字“{runs[key].shown}”没有一种拆分能使总计等于各列之和"
                )
                continue
            choices[key] = rc
        joint = solve(choices, _t3_equations(v3), len(cols3))
        if joint is None and len(choices) > 1:
            f.warnings.append(
                (
                    "表三的数字没有一种拆分能同时满足全部勾稽关系（或读法过多），只填写各行自身唯一确定的数值",
                    None,
                    None,
                )
            )
        for key, rc in choices.items():
            values = (
                joint[key] if joint else [{v[c] for v in rc.candidates} for c in range(len(cols3))]
            )
            if f.cells("t3", key, cols3, values, rc.run):
                found["t3"] += 1

    # table 四: one row of 15 cells, three totals
    t4 = template(v3).t4
    cols4 = list(t4.column_keys())
    kinds4 = tuple(c.numeric_kind for c in t4.columns)
    totals4 = []
    for c, col in enumerate(cols4):
        if col.endswith("_total"):
            totals4.append((c, tuple(range(c - 4, c))))
    run4 = _t4_run(text, t3_end)
    if run4 is None:
        f.row_unread("t4", "cases", cols4, "未找到 15 个数值的数据行")
    else:
        rc = row_choices(run4, kinds4, totals4)
        if rc.overflow or not rc.candidates or rc.unchecked:
            f.row_unread(
                "t4", "cases", cols4, f"的数字“{run4.shown}”无法拆分为 15 格（或拆分方式过多）"
            )
        else:
            values = [{v[c] for v in rc.candidates} for c in range(len(cols4))]
            if f.cells("t4", "cases", cols4, values, run4):
                found["t4"] = 1
    report = Report(
        agency=None, year=None, layout=layout, t2=tables["t2"], t3=tables["t3"], t4=tables["t4"]
    )
    return GluedReading(report, f.unread, f.candidates, f.warnings, f.sources, found)


def _t4_run(text: str, start: int) -> Run | None:
    """The digits after table 四's header (行政复议 … 总计); a split table (复议 5, 诉讼 10)
    gives two runs, joined with a boundary between them."""
    i = text.find("行政复议", start)
    if i < 0:
        return None
    area = text[i : i + 700]
    runs: list[str] = []
    pos = 0
    for m in re.finditer(r"总计([\d\x1f]+)", area):
        if m.start() < pos:
            continue
        if runs and "行政诉讼" not in area[pos : m.start()]:
            break  # a second run belongs to table 四 only when it is the 行政诉讼 part
        runs.append(m.group(1).strip(SEP))
        pos = m.end()
        digits = sum(len(r.replace(SEP, "")) for r in runs)
        if len(runs) == 2 or digits >= 15:
            break
    if not runs:
        return None
    return Run("t4", "cases", SEP.join(runs))

"""One line of a document as a table row: its label and its values, label matching, and
the filler that puts a row's values into its cells (exactly, or not at all).

`extract` uses these for tables 二, 三 and 四.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .document import Line, Piece
from .labels import normalise
from .model import CellRef, Layout, Source, Value, cell_label
from .templates import template
from .values import CellValue, parse_cell

_NUMBERING = re.compile(r"(?<![\d.])(\d{1,2})[、.．,，](?=[\u4e00-\u9fff])")
_VALUE_TOKEN = re.compile(r"^[+\-−]?[\d,，]+(\.\d+)?(万元|元|件|个|项|次|条)?$|^[/／—–\-－]+$|^无$")


@lru_cache(maxsize=65536)
def norm_label(text: str) -> str:
    t = normalise(text)
    t = _NUMBERING.sub(r"\1.", t)
    return t.replace('"', "").replace("'", "")


@lru_cache(maxsize=65536)
def strip_numbering(label: str) -> str:
    return re.sub(r"^(\(?[一二三四五六七八九十]+\)?[、.,]?|\d{1,2}\.)", "", label)


_PLAIN_NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")
_NOTE_TAIL = re.compile(r"^(.+?)\(.*\)$")
_UNIT_TAIL = re.compile(r"(万元|元|件|个|项|次|条)$")
_NUMBER_LIKE = re.compile(r"^[+\-−]?\d[\d,]*(\.\d+)?$")
_NA = {"/", "-", "—", "－", "–", "--", "——", "无", "\\", "×"}


@lru_cache(maxsize=65536)
def is_value_text(text: str) -> bool:
    """A cell or word that is a value: a number (with unit or note), a dash, or blank."""
    if not text or _PLAIN_NUMBER.match(text):
        return True
    if len(text) > 40:
        return False
    t = normalise(text)
    if not t or t in _NA or set(t) <= {"-", "—", "/", "－", "–"}:
        return True
    m = _NOTE_TAIL.match(t)
    if m:
        t = m.group(1)
    return bool(_NUMBER_LIKE.match(_UNIT_TAIL.sub("", t)))


@dataclass
class Item:
    """One line of the document split into label text and value pieces."""

    index: int
    label: str  # normalised label text ('' when none)
    raw_label: str
    values: list[Piece]
    is_row: bool
    line: Line


def line_to_item(index: int, line: Line) -> Item:
    pieces = line.pieces
    if not line.is_row and len(pieces) == 1 and pieces[0].x0 is None:
        return _text_line_item(index, line, pieces[0])
    pieces = list(pieces)
    k = len(pieces)
    while k > 0 and (line.is_row or pieces[k - 1].text) and is_value_text(pieces[k - 1].text):
        k -= 1
    values = pieces[k:]
    # the label is the run of text cells just before the values: anything earlier that holds
    # numbers belongs to another row (two rows run together), so it is not this row's label
    j = k
    while j > 0 and not (pieces[j - 1].text and is_value_text(pieces[j - 1].text)):
        j -= 1
    raw = "".join(p.text for p in pieces[j:k])
    # running text is never a table label: skip normalising long paragraphs
    label = norm_label(raw) if len(raw) <= 120 else ""
    if line.is_row and len([p for p in values if p.text.strip()]) == 1:
        values = _spaced_numbers(values)
    return Item(index, label, raw, values, line.is_row, line)


def _text_line_item(index: int, line: Line, p: Piece) -> Item:
    """A line of plain text: its words, trailing numbers as values (Pieces made only for them)."""
    words = p.text.split()
    k = len(words)
    while k > 0 and is_value_text(words[k - 1]):
        k -= 1
    j = k
    while j > 0 and not is_value_text(words[j - 1]):
        j -= 1
    raw = "".join(words[j:k])
    label = norm_label(raw) if len(raw) <= 120 else ""
    values = [Piece(w, page=p.page, line=p.line, cell=p.cell) for w in words[k:]]
    return Item(index, label, raw, values, False, line)


_SPACED = re.compile(r"^\s*-?\d+(?:\s+-?\d+)+\s*$")


def _spaced_numbers(values: list[Piece]) -> list[Piece]:
    """A row whose only value cell holds several numbers apart ("72 64 178 …", an OCR'd or
    converted row in one cell): that many cells, in order. (Among other cells, such a cell is
    unreadable — `TableFiller.fill` — since a lost neighbour could make any count fit.)"""
    out: list[Piece] = []
    for p in values:
        if _SPACED.match(p.text):
            out.extend(Piece(x, page=p.page, line=p.line, cell=p.cell) for x in p.text.split())
        else:
            out.append(p)
    return out


@dataclass
class Warnings:
    items: list[tuple[str, CellRef | None, Source | None]] = field(default_factory=list)

    def add(self, message: str, ref: CellRef | None = None, source: Source | None = None) -> None:
        self.items.append((message, ref, source))


# ------------------------------------------------------------------ label matching


class LabelIndex:
    """Row labels of one table: match full labels, unique prefixes and unique fragments."""

    def __init__(self, labels: dict[str, list[str]], *, fragments: bool = True):
        self.full: dict[str, str] = {}
        self.core: dict[str, str] = {}
        for key, variants in labels.items():
            for v in variants:
                n = norm_label(v)
                self.full[n] = key
                self.core.setdefault(strip_numbering(n), key)
        self.fragments = fragments
        self.searchable = [(lab, strip_numbering(lab), key) for lab, key in self.full.items()]
        self._memo: dict[str, tuple[str, str] | None] = {}

    def match(self, text: str) -> tuple[str, str] | None:
        """(row key, how) for a normalised label text, or None."""
        if not text:
            return None
        if text not in self._memo:
            if len(self._memo) > 50000:
                self._memo.clear()
            self._memo[text] = self._match(text)
        return self._memo[text]

    def _match(self, text: str) -> tuple[str, str] | None:
        if text in self.full:
            return self.full[text], "full"
        core = strip_numbering(text)
        if core in self.core:
            return self.core[core], "full"
        # the text contains a whole label (noise around it: a group label, a vertical label)
        contained = [
            (len(lab), key) for lab, key in self.full.items() if len(lab) >= 4 and lab in text
        ]
        if contained:
            contained.sort(reverse=True)
            if (
                len(contained) == 1
                or contained[0][0] > contained[1][0]
                or contained[0][1] == contained[1][1]
            ):
                return contained[0][1], "contains"
        if not self.fragments:
            return None
        probe = core if len(core) >= 6 else None
        if probe is None:
            return None
        keys = {key for _, stripped, key in self.searchable if probe in stripped}
        if len(keys) == 1:
            return keys.pop(), "fragment"
        return None


@cache
def t3_index(version: str) -> LabelIndex:
    rows = template(version).t3.rows
    return LabelIndex({r.key: [r.label or ""] for r in rows})


# ------------------------------------------------------------------ values of one row


def _trim(values: list[Piece], n: int) -> list[Piece]:
    vals = list(values)
    while len(vals) > n and not normalise(vals[-1].text):
        vals.pop()
    while len(vals) > n and not normalise(vals[0].text):
        vals.pop(0)
    return vals


@dataclass
class ColumnGuide:
    """x centres of the numeric columns of a table, learnt from its complete rows (PDF)."""

    centres: list[float]

    def place(self, pieces: list[Piece]) -> list[Piece | None] | None:
        if any(p.xc is None for p in pieces) or not self.centres:
            return None
        gaps = [b - a for a, b in zip(self.centres, self.centres[1:], strict=False)]
        tol = (min(gaps) / 2) if gaps else 20.0
        slots: list[Piece | None] = [None] * len(self.centres)
        for p in pieces:
            dist, col = min((abs(p.xc - c), i) for i, c in enumerate(self.centres))
            if dist > tol or slots[col] is not None:
                return None
            slots[col] = p
        return slots


GROUP_HEADERS = (
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "申请人情况",
    "法人或其他组织",
    "勾稽",
)


def header_columns(items: Sequence[Item], n: int, gap: float = 14.0) -> ColumnGuide | None:
    """Column centres from the words of a table header laid out in a PDF: the x centres of
    the header words (group headers left out) fall into exactly `n` clusters, or no guide."""
    xs: list[float] = []
    for it in items:
        for p in it.line.pieces:
            text = p.text.strip()
            if p.xc is None or not text or any(g in text for g in GROUP_HEADERS) or len(text) > 8:
                continue
            xs.append(p.xc)
    if not xs:
        return None
    xs.sort()
    clusters: list[list[float]] = [[xs[0]]]
    for x in xs[1:]:
        if x - clusters[-1][-1] <= gap:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    if len(clusters) != n:
        return None
    return ColumnGuide([sum(c) / len(c) for c in clusters])


def median(values: Iterable[float]) -> float:
    """(statistics.median, without importing statistics at start-up.)"""
    xs = sorted(values)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def learn_columns(rows: Iterable[list[Piece]], n: int) -> ColumnGuide | None:
    full = [r for r in rows if len(r) == n and all(p.xc is not None for p in r)]
    if len(full) < 2:
        return None
    centres = [median(r[i].xc for r in full) for i in range(n)]
    if any(b <= a for a, b in zip(centres, centres[1:], strict=False)):
        return None
    return ColumnGuide(centres)


class TableFiller:
    def __init__(
        self,
        report_tables: dict[str, dict[str, dict[str, Value]]],
        layout: Layout,
        warnings: Warnings,
        provenance: bool = True,
    ):
        self.provenance = provenance  # where each cell was read: only when someone reads it
        self.tables = report_tables
        self.layout = layout
        self.warnings = warnings
        self.sources: dict[CellRef, Source] = {}
        self.filled: set[tuple[str, str]] = set()
        self.unread: set[CellRef] = set()

    def lose(self, table: str, row: str, cols: Iterable[str]) -> None:
        """The cells of a row that could not be read."""
        self.unread.update(CellRef(table, row, c) for c in cols)

    def fill(
        self,
        table: str,
        row: str,
        cols: Sequence[tuple[str, str, str | None]],
        pieces: list[Piece],
        guide: ColumnGuide | None = None,
    ) -> bool:
        """Put a row's value pieces into its cells; refuse (and warn) unless exact."""
        n = len(cols)
        vals = _trim(pieces, n)
        slots: list[Piece | None] | None
        if len(vals) == n:
            slots = list(vals)
        else:
            slots = guide.place(vals) if guide and len(vals) < n else None
            if slots is None:
                where = pieces[0].source if pieces else None
                label = cell_label(self.layout, CellRef(table, row, cols[0][0])).rsplit("「", 1)[0]
                self.warnings.add(
                    f"{label}读到 {len(vals)} 个数值，应为 {n} 个，无法确定各数值所在的列，本行留空",
                    CellRef(table, row, cols[0][0]),
                    where,
                )
                self.lose(table, row, (c[0] for c in cols))
                return False
        cells = self.tables[table][row]
        provenance = self.provenance
        for (col, kind, unit), piece in zip(cols, slots, strict=True):
            text = piece.text if piece is not None else ""
            if text.isdigit() and text.isascii():  # the common case: no objects made
                cells[col] = int(text)
                if provenance:
                    self.sources[CellRef(table, row, col)] = piece.source
                continue
            ref = CellRef(table, row, col)
            if piece is None:
                cells[col] = None
                self.warnings.add(f"{cell_label(self.layout, ref)}为空白", ref, None)
                continue
            if provenance:
                self.sources[ref] = piece.source
            if _SPACED.match(piece.text):  # "5 6": 56, or 5 and 6 of a lost cell? neither
                cells[col] = None
                self.unread.add(ref)
                self.warnings.add(
                    f"{cell_label(self.layout, ref)}的数字之间有空格（“{piece.text.strip()}”），"
                    "无法确定是一个数还是几个数，本格留空",
                    ref,
                    piece.source,
                )
                continue
            cv: CellValue = parse_cell(piece.text, kind, unit)
            cells[col] = cv.value
            if cv.status == "blank":
                self.warnings.add(f"{cell_label(self.layout, ref)}为空白", ref, piece.source)
            elif cv.status == "na":
                self.warnings.add(
                    f"{cell_label(self.layout, ref)}填写为“{piece.text.strip()}”，按无数字处理",
                    ref,
                    piece.source,
                )
            elif cv.status == "unreadable":
                self.unread.add(ref)
                self.warnings.add(
                    f"{cell_label(self.layout, ref)}无法读取：“{piece.text.strip()}”",
                    ref,
                    piece.source,
                )
            elif cv.note:
                self.warnings.add(
                    f"{cell_label(self.layout, ref)}读作 {cv.value}（原文“{piece.text.strip()}”）",
                    ref,
                    piece.source,
                )
        self.filled.add((table, row))
        return True

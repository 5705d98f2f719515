"""What the HTML and DOCX readers share: text clean-up and the numbering of tables, rows, lines.

Both readers walk a tree in document order and hand it text blocks and table rows; `Lines`
turns those into `Line`s with their sources (`Piece.line`, `Piece.cell`).
"""

from __future__ import annotations

import re

from xxgk.annual.document import Line, Piece

# Invisible characters that are not spaces: dropped, not turned into a blank.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Han characters, CJK and full-width punctuation (not full-width digits or letters), and the
# quotation marks Chinese text uses.
_CJK = (
    "\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
# A source line break between two CJK characters (Word's HTML export wraps lines anywhere,
# even inside a label): not a space, as in a browser following CSS Text 3.
_WRAP_GAP = re.compile(f"([{_CJK}])[ \t]*[\r\n][ \t\r\n]*(?=[{_CJK}])")


def clean(text: str | None, *, unwrap: bool = False) -> str:
    """Whitespace collapsed to single spaces and stripped, invisible characters dropped.

    With `unwrap`, a line break of the source between two CJK characters is dropped rather
    than made a space: 「申请\n数量」 reads 「申请数量」 (spaces typed on purpose, `&nbsp;` or
    U+3000, stay a space).
    """
    if not text:
        return ""
    # `str.split()` splits at whitespace as `\s` has it (U+00A0 &nbsp; and U+3000 included).
    # Printable text holds no invisible character (all are format characters) and no
    # whitespace but U+0020: the common case, with nothing or only spaces to collapse.
    if text.isprintable():
        return " ".join(text.split()) if " " in text else text
    if text.isspace():
        return ""
    text = _INVISIBLE.sub("", text)
    if unwrap and ("\n" in text or "\r" in text):
        text = _WRAP_GAP.sub(r"\1", text)
    return " ".join(text.split())


def join_blocks(parts: list[str]) -> str:
    """The blocks of one table cell (paragraphs, lines split by a break) as one text: joined
    without a space between two CJK characters (「三、本年度」+「办理结果」), else with one."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_CJK_CHAR.match(out[-1]) and _CJK_CHAR.match(part[0])):
            out += " "
        out += part
    return out


def _cell_names(n: int) -> list[str]:
    return [f"第{c}格" for c in range(1, n + 1)]


_CELL_NAMES = tuple(_cell_names(64))  # "第1格" … (a report's widest table has 10 columns)


class Table:
    """A source table: numbered (1-based) when its first row is written, rows counted."""

    __slots__ = ("number", "rows")

    def __init__(self) -> None:
        self.number: int | None = None
        self.rows = 0


class Lines:
    """Collects text lines (numbered 1, 2, … in order) and table rows (numbered per table)."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.tables = 0
        self.text_lines = 0

    def text(self, text: str) -> None:
        """A line of running text (already cleaned); empty lines are skipped."""
        if not text:
            return
        self.text_lines += 1
        self.lines.append(Line((Piece(text, line=self.text_lines),), is_row=False))

    def row(self, table: Table, cells: list[str]) -> None:
        """A table row: one piece per cell, blanks included (a row without cells is skipped)."""
        if not cells:
            return
        if table.number is None:
            self.tables += 1
            table.number = self.tables
        table.rows += 1
        n, r = table.number, table.rows
        at = f"表格{n} 第{r}行 "
        k = len(cells)
        names = _CELL_NAMES[:k] if k <= len(_CELL_NAMES) else _cell_names(k)
        # positional: Piece(text, page, line, cell), Line(pieces, is_row, page, table), as
        # keyword arguments make each of a page's hundreds of pieces markedly slower to build
        pieces = tuple([Piece(t, None, r, at + name) for t, name in zip(cells, names, strict=True)])
        self.lines.append(Line(pieces, True, None, n))


def one_line(message: object, limit: int = 160) -> str:
    """An exception message on one line, shortened: for the end of a user-facing message."""
    text = clean(str(message)) or type(message).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"

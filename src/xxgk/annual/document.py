"""What every reader returns: a document as ordered lines of pieces, each with its source.

A `Line` is either a table row (`is_row=True`: its pieces are the row's cells, so an empty
piece is a real blank cell) or a line of running text (`is_row=False`: its pieces are the
words or runs of the line; PDF words carry their x position so numbers can be placed in
columns even when a blank cell left no word behind).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Source


@dataclass(slots=True)  # not frozen: readers make thousands, and frozen init is slow
class Piece:
    text: str
    page: int | None = None  # 1-based
    line: int | None = None  # 1-based line of a text file, or row index of a table
    cell: str | None = None  # e.g. "表格2 第5行 第3格"
    x0: float | None = None  # PDF geometry (points from the left edge)
    x1: float | None = None
    col: int | None = None  # 1-based cell of a Markdown row (its name is made when asked)

    @property
    def source(self) -> Source:
        cell = self.cell
        if cell is None and self.col is not None:
            cell = f"第{self.line}行 第{self.col}格"
        return Source(page=self.page, line=self.line, cell=cell, text=self.text)

    @property
    def xc(self) -> float | None:
        return None if self.x0 is None or self.x1 is None else (self.x0 + self.x1) / 2


class Line:
    """A plain slots class, not a dataclass: readers make one per line of every document, and
    the generated __post_init__ join was a third of the text reader's time."""

    __slots__ = ("pieces", "is_row", "page", "table", "text")

    def __init__(
        self,
        pieces: tuple[Piece, ...],
        is_row: bool = False,  # a table row: pieces are cells, blanks are meaningful
        page: int | None = None,
        table: int | None = None,  # index of the source table (HTML/DOCX); a row's table
    ) -> None:
        self.pieces = pieces
        self.is_row = is_row
        self.page = page
        self.table = table
        self.text = (
            pieces[0].text if len(pieces) == 1 else " ".join([p.text for p in pieces if p.text])
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Line) and (self.pieces, self.is_row, self.page, self.table) == (
            other.pieces,
            other.is_row,
            other.page,
            other.table,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Line({self.text!r}, is_row={self.is_row}, page={self.page})"


@dataclass
class Document:
    format: str  # text | markdown | html | docx | pdf
    lines: list[Line] = field(default_factory=list)
    title: str | None = None  # <title>, DOCX core title, PDF metadata title — a hint only
    warnings: list[str] = field(default_factory=list)
    ocr: bool = False  # the text was recognised from page images: every value is OCR'd

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

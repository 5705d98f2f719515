"""Plain text, Markdown tables, and the flattened form of web tables.

The flattened form (text copied from a web page, like the Fushun fixture) has one cell per
line ending in " |"; a line whose tail has more pipes ("0 | ||") ends the table row, and a line
that is only pipes ("| ||") is a blank cell that ends the row.
"""

from __future__ import annotations

import re

from xxgk.annual.document import Document, Line, Piece

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# page footers of text copied from a PDF: "— 3 —", "- 3 -", "第3页", "第 3 页 共 6 页"
_FOOTER = re.compile(
    r"^[-—－–]+\s*\d{1,4}\s*[-—－–]+$|^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"
)
_FLAT_CELL = re.compile(r"^(?P<cell>[^|]*?)\s*\|(?P<tail>[\s|]*)$")


def _md_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def read_text(text: str, fmt: str = "text") -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(_MD_SEPARATOR.match(ln) for ln in lines if "|" in ln)
    doc = Document(format="markdown" if markdown else fmt)
    row: list[Piece] = []
    table = 0

    def end_row() -> None:
        nonlocal row
        if row:
            doc.lines.append(Line(tuple(row), is_row=True, table=table))
            row = []

    for no, raw in enumerate(lines, start=1):
        line = raw.strip()
        if markdown and line.startswith("|") and line.endswith("|") and line.count("|") >= 2:
            end_row()
            if _MD_SEPARATOR.match(line):
                continue
            cells = _md_cells(line)
            doc.lines.append(
                Line(
                    tuple(
                        Piece(c, line=no, cell=f"第{no}行 第{i}格") for i, c in enumerate(cells, 1)
                    ),
                    is_row=True,
                    table=table,
                )
            )
            continue
        m = _FLAT_CELL.match(line) if "|" in line else None
        if m:
            row.append(Piece(m.group("cell").strip(), line=no, cell=f"第{no}行"))
            if "|" in m.group("tail"):
                end_row()
            continue
        end_row()
        table += 1
        if not line or _FOOTER.match(line):
            continue
        # one piece per line: the extractor splits words where it needs them
        doc.lines.append(Line((Piece(line, line=no),), page=None))
    end_row()
    if not doc.title:
        for ln in doc.lines[:5]:
            if "年度报告" in ln.text:
                doc.title = ln.text
                break
    return doc

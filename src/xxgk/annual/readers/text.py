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
_FOOTER_START = frozenset("-—－–第")


def _md_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def read_text(text: str, fmt: str = "text") -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(_MD_SEPARATOR.match(ln) for ln in lines if "---" in ln and "|" in ln)
    doc = Document(format="markdown" if markdown else fmt)
    out = doc.lines
    row: list[Piece] = []
    table = 0

    append = out.append
    footer_start = _FOOTER_START
    for no, raw in enumerate(lines, start=1):
        line = raw.strip()
        bar = line.find("|")
        if bar < 0:  # running text (most lines of a report): no regex at all
            if row:
                append(Line(tuple(row), True, None, table))
                row = []
            table += 1
            if line and not (line[0] in footer_start and _FOOTER.match(line)):
                # one piece per line: the extractor splits words where it needs them
                append(Line((Piece(line, None, no),)))
            continue
        if markdown and bar == 0 and line[-1] == "|" and line.count("|") >= 2:
            if row:
                append(Line(tuple(row), True, None, table))
                row = []
            if "---" in line and _MD_SEPARATOR.match(line):
                continue
            cells = _md_cells(line)
            append(
                Line(
                    tuple(
                        [Piece(c, None, no, None, None, None, i) for i, c in enumerate(cells, 1)]
                    ),
                    True,
                    None,
                    table,
                )
            )
            continue
        # the flattened web table: "cell |", and more pipes after it end the row
        tail = line[bar + 1 :]
        if not tail.replace("|", "").strip():
            row.append(Piece(line[:bar].rstrip(), None, no))
            if "|" in tail:
                append(Line(tuple(row), True, None, table))
                row = []
            continue
        if row:
            append(Line(tuple(row), True, None, table))
            row = []
        table += 1
        if not _FOOTER.match(line):
            append(Line((Piece(line, None, no),)))
    if row:
        out.append(Line(tuple(row), is_row=True, table=table))
    if not doc.title:
        for ln in doc.lines[:5]:
            if "年度报告" in ln.text:
                doc.title = ln.text
                break
    return doc

"""Word files (.docx): the body's paragraphs and tables, in document order.

`read_docx(data)` opens the package with python-docx and walks the XML of the body itself
(paragraphs and tables interleaved, content controls and tracked insertions included, deleted
text and field codes left out):

* a paragraph is one text line per soft line break (`w:br`); empty lines are skipped;
* a table row is one `Line(is_row=True)`, one piece per cell of the row: a cell merged across
  columns (`w:gridSpan`, one `w:tc`) is one piece; a continuation of a cell merged down the
  rows (`w:vMerge` without "restart") is an empty piece, so the pieces stay in their columns;
  a continuation of an old-style horizontal merge (`w:hMerge`) is left out;
* a row whose cells hold a nested table is layout, as in the HTML reader: its paragraphs are
  text lines and the nested tables are tables of their own.

Tables are numbered 1, 2, … in the order their first row appears. The zip is checked before it
is opened (at most 200 MB uncompressed, a main part of at most 30 MB with at most 50 000 cells
and 100 000 paragraphs, so time and memory stay bounded); old binary .doc files, encrypted or
corrupt files are a one-line `ReportInputError`.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from xxgk.annual.document import Document
from xxgk.annual.jsonio import ReportInputError

from ._markup import Lines, Table, clean, join_blocks, one_line

MB = 1024 * 1024
MAX_UNCOMPRESSED = 200 * MB
MAX_ENTRIES = 10_000
MAX_DOCUMENT_XML = 30 * MB  # the main part, uncompressed (a long report: 1–3 MB)
MAX_CELLS = 50_000  # a report's three tables have ~500
MAX_PARAGRAPHS = 100_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, R, T = W + "p", W + "tbl", W + "tr", W + "tc", W + "r", W + "t"
TC_PR, V_MERGE, H_MERGE, VAL = W + "tcPr", W + "vMerge", W + "hMerge", W + "val"
TXBX = W + "txbxContent"
ALTERNATE, CHOICE, FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
# Never text: deleted or moved-away runs, field instructions, properties.
_SKIP = frozenset(
    W + t
    for t in "del moveFrom delText delInstrText instrText rPr pPr tblPr trPr tcPr tblGrid "
    "sectPr fldData footnoteReference endnoteReference commentReference".split()
)
_BREAKS = frozenset((W + "br", W + "cr"))
_SPACE = frozenset((W + "tab", W + "ptab"))
# Wrappers of rows or cells (content controls, custom XML): looked through.
_WRAPPERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag")
NO_BREAK_HYPHEN = W + "noBreakHyphen"
# What the fast path of a paragraph cannot handle: text to leave out (deletions may hold w:t
# in non-conforming files), or text boxes and alternate content to read once, apart.
_SLOW = (W + "del", W + "moveFrom", ALTERNATE, TXBX, W + "pict", W + "object")


def read_docx(data: bytes) -> Document:
    """A .docx file as a `Document` (format "docx"); `ReportInputError` if it cannot be read."""
    data = bytes(data)
    if not data:
        raise ReportInputError("无法读取该 Word 文件：文件为空")
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReportInputError("无法读取该 Word 文件：文件已加密，请去掉密码后再试")
        raise ReportInputError(
            "不支持旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再试"
        )
    if data.lstrip()[:5] == b"{\\rtf":
        raise ReportInputError("无法读取该 Word 文件：这是 RTF 文件，请另存为 .docx 后再试")
    _check_zip(data)
    try:
        import docx

        package = docx.Document(io.BytesIO(data))
        body = package.element.body
        walker = _Walker()
        walker.block(body)
    except ReportInputError:
        raise
    except Exception as e:
        raise ReportInputError(f"无法读取该 Word 文件：{_reason(e)}") from e
    return Document(format="docx", lines=walker.out.lines, title=_title(package))


def _check_zip(data: bytes) -> None:
    """A readable zip of sane size, not encrypted, with the parts every OOXML package has."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise ReportInputError("无法读取该 Word 文件：不是 .docx 文件，或文件已损坏") from None
    except Exception as e:
        raise ReportInputError(f"无法读取该 Word 文件：压缩包已损坏（{one_line(e)}）") from e
    if len(infos) > MAX_ENTRIES:
        raise ReportInputError(f"无法读取该 Word 文件：压缩包内文件过多（{len(infos)} 个）")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ReportInputError(
            f"无法读取该 Word 文件：解压后过大（{total / MB:.0f} MB，上限 "
            f"{MAX_UNCOMPRESSED // MB} MB）"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReportInputError("无法读取该 Word 文件：文件已加密，请去掉密码后再试")
    names = {i.filename: i for i in infos}
    if "[Content_Types].xml" not in names:
        raise ReportInputError("无法读取该 Word 文件：不是 .docx 文件（缺少 [Content_Types].xml）")
    main = names.get("word/document.xml")
    if main is None:
        return  # another name for the main part is rare: python-docx finds it, unchecked
    if main.file_size > MAX_DOCUMENT_XML:
        raise ReportInputError(
            f"无法读取该 Word 文件：正文过大（{main.file_size / MB:.0f} MB），不像是一份年度报告"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read(main)
    except Exception as e:
        raise ReportInputError(f"无法读取该 Word 文件：文件已损坏（{one_line(e)}）") from e
    cells = xml.count(b"<w:tc>") + xml.count(b"<w:tc ")
    paragraphs = xml.count(b"<w:p>") + xml.count(b"<w:p ") + xml.count(b"<w:p/>")
    if cells > MAX_CELLS or paragraphs > MAX_PARAGRAPHS:
        raise ReportInputError(
            f"无法读取该 Word 文件：内容过于庞大（{paragraphs} 个段落、{cells} 个单元格），"
            "不像是一份年度报告"
        )


def _reason(e: Exception) -> str:
    """Why python-docx failed, in words a user can act on."""
    text = str(e)
    if isinstance(e, ValueError) and "content type" in text:
        if "spreadsheetml" in text:
            return "这是 Excel 文件，不是 Word 文档"
        if "presentationml" in text:
            return "这是 PowerPoint 文件，不是 Word 文档"
        if "macroEnabled" in text:
            return "这是启用宏的 Word 文件（.docm），请另存为 .docx 后再试"
        if "template" in text:
            return "这是 Word 模板（.dotx），请另存为 .docx 后再试"
        return "不是 Word 文档"
    if isinstance(e, RecursionError):
        return "文档结构嵌套过深"
    if isinstance(e, MemoryError):
        return "内存不足"
    if isinstance(e, (zipfile.BadZipFile, KeyError, EOFError)) or "zlib" in type(e).__module__:
        return f"文件已损坏（{one_line(e)}）"
    # XMLSyntaxError, PackageNotFoundError, or python-docx tripping over a broken package
    return f"文件已损坏或不是有效的 Word 文档（{one_line(e)}）"


def _title(package: Any) -> str | None:
    try:
        return clean(package.core_properties.title or "") or None
    except Exception:  # a broken docProps/core.xml only loses the hint
        return None


# ------------------------------------------------------------------ body


class _Walker:
    def __init__(self) -> None:
        self.out = Lines()

    def block(self, el: Any) -> None:
        """Block content (body, layout cell, text box, content control): paragraphs and tables."""
        for child in el:
            tag = child.tag
            if tag == P:
                lines, boxes = _paragraph(child)
                for line in lines:
                    self.out.text(line)
                for box in boxes:
                    self.block(box)
            elif tag == TBL:
                self.table(child)
            elif isinstance(tag, str) and tag not in _SKIP:
                self.block(child)  # sdt, customXml, ins …: look through

    def table(self, tbl: Any) -> None:
        table = Table()
        for tr in _children(tbl, TR):
            cells = _children(tr, TC)
            if next(tr.iter(TBL), None) is not None:
                for tc in cells:  # layout row: cells as text, nested tables on their own
                    self.block(tc)
                continue
            row: list[str] = []
            for tc in cells:
                pr = tc.find(TC_PR)
                if pr is not None:
                    h = pr.find(H_MERGE)
                    if h is not None and h.get(VAL) != "restart":
                        continue  # the rest of an old-style horizontal merge
                    v = pr.find(V_MERGE)
                    if v is not None and v.get(VAL, "continue") != "restart":
                        row.append("")  # under a cell merged down the rows
                        continue
                row.append(_cell_text(tc))
            self.out.row(table, row)


def _children(el: Any, tag: str) -> list[Any]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    out: list[Any] = []
    for child in el.iterchildren(tag, *_WRAPPERS):
        if child.tag == tag:
            out.append(child)
        else:
            out.extend(_children(child, tag))
    return out


def _cell_text(tc: Any) -> str:
    if next(tc.iter(TXBX), None) is None:  # the common case: paragraphs only
        return join_blocks([line for p in tc.iter(P) for line in _paragraph(p)[0]])
    parts: list[str] = []

    def collect(el: Any) -> None:
        for child in el:
            if child.tag == P:
                lines, boxes = _paragraph(child)
                parts.extend(lines)
                for box in boxes:
                    collect(box)
            elif isinstance(child.tag, str) and child.tag not in _SKIP:
                collect(child)

    collect(tc)
    return join_blocks(parts)


def _paragraph(p: Any) -> tuple[list[str], list[Any]]:
    """A paragraph's lines of text (split at line breaks) and the text boxes anchored in it."""
    lines: list[list[str]] = [[]]
    boxes: list[Any] = []

    def inline(el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag == T:
                lines[-1].append(child.text or "")
            elif tag in _SPACE:
                lines[-1].append(" ")
            elif tag in _BREAKS:
                lines.append([])
            elif tag == NO_BREAK_HYPHEN:
                lines[-1].append("-")
            elif tag == TXBX:
                boxes.append(child)
            elif tag == ALTERNATE:
                branch = child.find(CHOICE)
                if branch is None:
                    branch = child.find(FALLBACK)
                if branch is not None:
                    inline(branch)
            elif isinstance(tag, str) and tag not in _SKIP:
                inline(child)

    if next(p.iter(*_SLOW), None) is None:
        # Fast path (C-level filtering; most paragraphs): nothing to leave out or set apart.
        for el in p.iter(T, *_SPACE, *_BREAKS, NO_BREAK_HYPHEN):
            tag = el.tag
            if tag == T:
                lines[-1].append(el.text or "")
            elif tag in _BREAKS:
                lines.append([])
            else:
                lines[-1].append("-" if tag == NO_BREAK_HYPHEN else " ")
    else:
        inline(p)
    texts = [clean("".join(parts)) for parts in lines]
    return [t for t in texts if t], boxes

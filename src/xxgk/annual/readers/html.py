"""Web pages (.html): a whole government page → the text blocks and table rows of its body.

`read_html(data)` decodes the bytes (BOM, then `<meta charset>`, else UTF-8, else GB18030),
drops what is never shown (scripts, styles, `<head>`, SVG …) and walks the body in document
order:

* every `<tr>` whose cells hold no nested table is a table row: one piece per `<td>`/`<th>`
  (a cell with colspan/rowspan is one piece; a cell that is blank or only `&nbsp;` is an empty
  piece). Tables are numbered 1, 2, … in the order their first row appears.
* a `<tr>` whose cells hold a nested table is page layout: its cells are read as text and the
  nested tables as tables of their own.
* everything else is running text, one line per block (`<p>`, `<div>`, `<li>`, headings, a
  layout cell …, split at `<br>`), empty lines skipped.

Before parsing, `data:` URIs (inline images) and the bodies of `<script>`/`<style>` are cut out
at byte level; what remains must be at most 20 MB (and not absurdly many tags), so time and
memory stay bounded. Any failure is a one-line `ReportInputError`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from xxgk.annual.document import Document
from xxgk.annual.jsonio import ReportInputError

from ._markup import Lines, Table, clean, join_blocks, one_line

MB = 1024 * 1024
MAX_RAW_BYTES = 100 * MB  # refused outright, before any scanning
MAX_BYTES = 20 * MB  # after cutting out data: URIs and script/style bodies
MAX_TAGS = 500_000  # a long government page has ~10 000
MAX_CELLS = 100_000  # a report's three tables have ~500

# Never shown: dropped with their content (their tail text still counts).
SKIP = frozenset(
    "head script style noscript template svg math iframe object embed canvas select "
    "textarea button".split()
)
# Blocks: their start and end break the running text into lines.
BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)

_OPEN = re.compile(rb"<(script|style)[\s/>]", re.IGNORECASE)
_CLOSE = {
    b"script": re.compile(rb"</script[^>]*>", re.IGNORECASE),
    b"style": re.compile(rb"</style[^>]*>", re.IGNORECASE),
}
# A data: URI up to its closing quote; the media type part has no ':' so that a run of
# "data:data:…" fails fast.
_DATA_URI = re.compile(rb"data:[^,:\"'\s<>()]{0,100},[^\"'\s<>()]*")
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"<\?xml\b[^>]*?encoding\s*=\s*[\"']\s*([A-Za-z0-9_.:-]+)", re.I)

# Declarations that mean GB18030 in practice (a superset of GB2312 and GBK; WHATWG does the same).
_GB = frozenset(
    "gb2312 gb_2312 gb_2312-80 gbk x-gbk cp936 ms936 windows-936 euc-cn x-euc-cn csgb2312 "
    "chinese iso-ir-58 csiso58gb231280 gb18030".split()
)
# Western single-byte declarations on a Chinese page are almost always wrong (a template
# default): UTF-8 and GB18030 are tried first, the declaration last.
_WESTERN = frozenset(
    "iso-8859-1 iso8859-1 latin1 latin-1 l1 windows-1252 cp1252 us-ascii ascii".split()
)


def read_html(data: bytes) -> Document:
    """A web page as a `Document` (format "html"); `ReportInputError` if it cannot be one."""
    data = bytes(data)
    if len(data) > MAX_RAW_BYTES:
        raise ReportInputError(f"网页过大（{len(data) / MB:.1f} MB），不像是一份年度报告")
    if not data or data.isspace():
        raise ReportInputError("网页内容为空")
    warnings: list[str] = []
    data, bom = _bom(data)
    if bom is None and b"\x00" in data[:8192]:
        raise ReportInputError("无法读取网页：这是二进制文件，不是 HTML")
    data = _strip(data)
    if len(data) > MAX_BYTES:
        raise ReportInputError(f"网页过大（{len(data) / MB:.1f} MB），不像是一份年度报告")
    tags, cells = data.count(b"<"), 0
    if tags > MAX_CELLS:  # else there cannot be too many cells: not worth counting them
        low = data.lower()
        cells = low.count(b"<td") + low.count(b"<th")
        del low
    if tags > MAX_TAGS or cells > MAX_CELLS:
        raise ReportInputError(
            f"网页结构过于庞大（{tags} 个标签、{cells} 个单元格），不像是一份年度报告"
        )
    utf8 = data if bom == "utf-8" else _to_utf8(data, warnings)
    del data
    try:
        return _parse(utf8, warnings)
    except ReportInputError:
        raise
    except Exception as e:  # lxml or a pathological tree: never anything but one line
        raise ReportInputError(f"无法解析网页：{one_line(e)}") from e


# ------------------------------------------------------------------ bytes


def _bom(data: bytes) -> tuple[bytes, str | None]:
    """(UTF-8 bytes without BOM, "utf-8") for a page with a BOM, else (data, None)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:], "utf-8"
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            text = data[2:].decode(enc, errors="replace")
            return text.encode("utf-8", errors="replace"), "utf-8"
    return data, None


def _strip(data: bytes) -> bytes:
    """Cut out `<script>`/`<style>` elements and `data:` URI payloads (linear time)."""
    parts: list[bytes] = []
    pos = 0
    # both begin with "<s": a page without any is not searched (a quick test first)
    m = _OPEN.search(data) if b"<s" in data or b"<S" in data else None
    while m is not None:
        gt = data.find(b">", m.start())
        if gt < 0:
            break
        close = _CLOSE[m.group(1).lower()].search(data, gt + 1)
        if close is None:  # unterminated: leave the rest to the parser
            break
        parts.append(data[pos : m.start()])
        pos = close.end()
        m = _OPEN.search(data, pos)
    if pos:
        parts.append(data[pos:])
        data = b"".join(parts)
    del parts
    if b"data:" in data:
        data = _DATA_URI.sub(b"data:,", data)
    return data


def _declared(head: bytes) -> str | None:
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in _GB:
        return "gb18030"
    if name.startswith(("utf-16", "utf-32", "ucs")):
        return "utf-8"  # a meta tag cannot really declare these (WHATWG: read as UTF-8)
    if name in _WESTERN:
        return name
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _to_utf8(data: bytes, warnings: list[str]) -> bytes:
    declared = _declared(data[:4096])
    order: list[str] = []
    if declared and declared not in _WESTERN:
        order.append(declared)
    order += ["utf-8", "gb18030"]
    if declared and declared in _WESTERN:
        order.append(declared)
    seen: list[str] = []
    for enc in order:
        if enc in seen:
            continue
        seen.append(enc)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if declared and enc != declared and declared not in _WESTERN:
            warnings.append(f"网页声明的编码是 {declared}，但实际按 {enc} 读取")
        return data if enc in ("utf-8", "ascii") else text.encode("utf-8")
    enc = declared or "gb18030"
    warnings.append(f"网页编码有误，按 {enc} 读取，个别字符可能显示为�")
    return data.decode(enc, errors="replace").encode("utf-8")


# ------------------------------------------------------------------ tree


def _parse(utf8: bytes, warnings: list[str]) -> Document:
    from lxml import etree

    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        compact=True,
        collect_ids=False,
        default_doctype=False,
        huge_tree=True,  # text nodes over 10 MB; the input is already bounded (MAX_BYTES)
    )
    root = etree.fromstring(utf8, parser)
    cut = next((e for e in parser.error_log if e.level_name == "FATAL"), None)
    if cut is not None:  # libxml2 stops there (e.g. tags nested over 2048 deep): say so
        reason = "标签嵌套过深" if cut.type_name == "ERR_RESOURCE_LIMIT" else one_line(cut.message)
        warnings.append(f"网页第 {cut.line} 行起无法解析（{reason}），其后的内容未读取")
    if root is None:
        raise ReportInputError("网页中没有可读的内容")
    title = None
    for el in root.iter("title"):
        if not any(a.tag == "svg" for a in el.iterancestors()):
            title = clean("".join(el.itertext())) or None
            break
    walker = _Walker(etree.tostring)
    walker.walk(root)
    if not walker.out.lines:
        if cut is not None:
            raise ReportInputError(warnings[-1])
        raise ReportInputError("网页中没有可读的文字（内容可能由脚本加载，请保存报告正文后再试）")
    return Document(format="html", lines=walker.out.lines, title=title, warnings=warnings)


# What an element's end does (pushed on the stack when the element is entered).
_INLINE, _BLOCK, _TABLE, _ROW, _CELL, _PRE = range(6)

# Elements whose start or end does something: a line break, a table, a row, a cell, a skipped
# subtree. An element with none of them below it (`_plain`) is read at once, its text taken
# in C, rather than element by element: a paragraph, a cell (even Word's `<td><p><span>`), a
# whole table of such cells.
_SPECIAL = BLOCK | SKIP | {"br"}
_CELLS = ("td", "th")
_SECTIONS = ("thead", "tbody", "tfoot")
_FRAME = ("caption", "colgroup", "col")


def _plain(el: object) -> bool:
    """Nothing special below `el` (no block, break, table, skipped element, comment …)."""
    for child in el.iterdescendants():  # type: ignore[attr-defined]
        tag = child.tag
        if not isinstance(tag, str) or tag.lower() in _SPECIAL:
            return False
    return True


def _blank(text: str | None) -> bool:
    return not text or text.isspace()


class _Walker:
    """Walks the tree without recursion (a page can nest deeply) and fills `out`.

    Only special elements are looked into (`_plain`) before they are entered, so that each
    element is looked at by a few of them at most and the walk stays linear.
    """

    def __init__(self, tostring: Callable[..., str]) -> None:
        self.out = Lines()
        self.buf: list[str] = []  # inline text of the current block
        self.cell: list[str] | None = None  # blocks of the current data cell
        self.row: list[str] | None = None  # cells of the current data row
        self.tables: list[Table] = []  # enclosing tables, innermost last
        self.pre = 0
        self.tostring = tostring  # lxml's

    def text(self, el: object) -> str | None:
        """All the text inside a `_plain` element, its tail left out."""
        if not len(el):  # type: ignore[arg-type]
            return el.text  # type: ignore[attr-defined]
        return self.tostring(el, method="text", encoding=str, with_tail=False)

    def walk(self, root: object) -> None:
        # an element to enter, or (element, what its end does) to leave
        stack: list[object] = [root]
        pop, push, extend, add = stack.pop, stack.append, stack.extend, self.add
        while stack:
            el = pop()
            if el.__class__ is tuple:
                el, end = el
                self.end(end)
                add(el.tail)
                continue
            tag = el.tag  # type: ignore[attr-defined]
            if not isinstance(tag, str) or (tag := tag.lower()) in SKIP:
                if el is not root:
                    add(el.tail)  # type: ignore[attr-defined]
                continue
            if len(el):  # type: ignore[arg-type]
                if tag in _SPECIAL:
                    if (tag == "table" and self.data_table(el)) or (
                        tag == "tr" and self.data_row(el)
                    ):
                        add(el.tail)  # type: ignore[attr-defined]
                        continue
                    if _plain(el) and self.whole(tag, self.text(el)):
                        add(el.tail)  # type: ignore[attr-defined]
                        continue
            elif self.whole(tag, el.text):  # type: ignore[attr-defined]
                add(el.tail)  # type: ignore[attr-defined]
                continue
            push((el, self.start(el, tag)))
            add(el.text)  # type: ignore[attr-defined]
            extend(reversed(el))  # type: ignore[call-overload]

    def whole(self, tag: str, text: str | None) -> bool:
        """A `_plain` element read at once, given all its text but the tail (as the walk would
        read it); False if it must be walked after all (a data cell inside `<pre>`)."""
        if tag not in _SPECIAL:
            self.add(text)
        elif tag in _CELLS and self.row is not None and self.cell is None:
            if self.pre:
                return False
            self.row.append(clean(text, unwrap=True))
        elif tag == "tr" and self.tables and self.row is None and self.cell is None:
            self.flush()  # a data row without cells: nothing (its text is not in a cell)
        elif tag == "br":
            self.flush()
            self.add(text)
        elif tag == "pre":
            self.flush()
            self.pre += 1
            self.add(text)
            self.flush()
            self.pre -= 1
        else:  # any other block, a table without rows, a row or cell outside a data row
            self.flush()
            self.add(text)
            self.flush()
        return True

    def data_table(self, table: object) -> bool:
        """A table of data rows only (`cells`), maybe in `<thead>`/`<tbody>`/`<tfoot>`, maybe
        with a `<caption>` and `<colgroup>`s, nothing but whitespace between them, written at
        once; False (nothing done) for any other table."""
        if self.pre or self.row is not None or self.cell is not None:
            return False
        if not _blank(table.text):  # type: ignore[attr-defined]
            return False
        items: list[list[str] | str] = []  # rows, and the caption's line
        for child in table:  # type: ignore[attr-defined]
            tag = child.tag
            if tag == "tr":
                cells = self.cells(child)
                if cells is None:
                    return False
                items.append(cells)
            elif tag in _SECTIONS and _blank(child.text):
                for tr in child:
                    if tr.tag != "tr" or not _blank(tr.tail):
                        return False
                    cells = self.cells(tr)
                    if cells is None:
                        return False
                    items.append(cells)
            elif tag in _FRAME and (not len(child) or _plain(child)):
                text = self.text(child)
                if tag == "caption":
                    items.append(clean(text, unwrap=True))
                elif not _blank(text):
                    return False
            else:
                return False
            if not _blank(child.tail):
                return False
        self.flush()
        out, numbered = self.out, Table()
        for item in items:
            if isinstance(item, str):
                out.text(item)
            else:
                out.row(numbered, item)
        return True

    def data_row(self, tr: object) -> bool:
        """A data row whose cells `cells` reads, written at once; False (nothing done) for any
        other `<tr>`."""
        if self.pre or not self.tables or self.row is not None or self.cell is not None:
            return False
        cells = self.cells(tr)
        if cells is None:
            return False
        self.flush()
        self.out.row(self.tables[-1], cells)
        return True

    def cells(self, tr: object) -> list[str] | None:
        """The texts of a row's cells if all its children are `<td>`/`<th>` that `cell_text`
        reads, else None."""
        cells: list[str] = []
        append = cells.append
        for cell in tr:  # type: ignore[attr-defined]
            if cell.tag not in _CELLS:
                return None
            if len(cell):
                text = self.cell_text(cell)
                if text is None:
                    return None
                append(text)
            else:
                text = cell.text
                if text and text.isprintable() and " " not in text:  # nothing to clean
                    append(text)
                else:
                    append(clean(text, unwrap=True))
        return cells

    def cell_text(self, cell: object) -> str | None:
        """The text of a data cell holding only `_plain` inline elements, `<br>`s and blocks
        (Word's `<td><p><span>…</span></p></td>`), as the walk would make it; None for any
        other cell."""
        blocks: list[str] = []
        buf = [cell.text or ""]  # type: ignore[attr-defined]
        for child in cell:  # type: ignore[attr-defined]
            tag = child.tag
            if not isinstance(tag, str) or (len(child) and not _plain(child)):
                return None
            tag = tag.lower()
            if tag not in _SPECIAL:
                buf.append(self.text(child) or "")
            elif tag == "br":
                blocks.append(clean("".join(buf), unwrap=True))
                buf = [self.text(child) or ""]
            elif tag in BLOCK and tag not in ("pre", "table"):
                blocks.append(clean("".join(buf), unwrap=True))
                blocks.append(clean(self.text(child), unwrap=True))
                buf = []
            else:  # <pre>, or a skipped element: it may hide a table (then a layout row)
                return None
            buf.append(child.tail or "")
        blocks.append(clean("".join(buf), unwrap=True))
        return join_blocks(blocks)

    def start(self, el: object, tag: str) -> int:
        if tag == "br":
            self.flush()
            return _INLINE
        if tag == "table":
            self.flush()
            self.tables.append(Table())
            return _TABLE
        if tag == "tr" and self.tables and self.row is None and self.cell is None:
            nested = next(el.iterdescendants("table"), None)  # type: ignore[attr-defined]
            if nested is None:
                self.flush()
                self.row = []
                return _ROW
        if tag in ("td", "th") and self.row is not None and self.cell is None:
            self.cell = []
            return _CELL
        if tag == "pre":
            self.flush()
            self.pre += 1
            return _PRE
        if tag in BLOCK:
            self.flush()
            return _BLOCK
        return _INLINE

    def end(self, kind: int) -> None:
        if kind == _INLINE:
            return
        self.flush()
        if kind == _CELL and self.row is not None and self.cell is not None:
            self.row.append(join_blocks(self.cell))
            self.cell = None
        elif kind == _ROW and self.row is not None:
            self.out.row(self.tables[-1], self.row)
            self.row = None
        elif kind == _TABLE:
            self.tables.pop()
        elif kind == _PRE:
            self.pre -= 1

    def add(self, text: str | None) -> None:
        if not text or (self.row is not None and self.cell is None):
            return  # nothing, or whitespace between the cells of a row
        if not self.buf and text.isspace():
            return  # whitespace at the start of a block (between tags): cleaned away anyway
        if self.pre and "\n" in text:
            *lines, last = text.split("\n")
            for line in lines:
                self.buf.append(line)
                self.flush()
            text = last
        self.buf.append(text)

    def flush(self) -> None:
        if not self.buf:
            return
        text = clean("".join(self.buf), unwrap=True)
        self.buf.clear()
        if not text:
            return
        if self.cell is not None:
            self.cell.append(text)
        elif self.row is None:
            self.out.text(text)

"""Read a PDF's text layer into a `Document` of positioned words, using PDFium (pypdfium2).

Every page becomes its text lines in reading order (top to bottom, left to right). A line
is a set of characters whose vertical centres (of the em box, from the baseline, so that
fonts with different metrics agree) lie within half the font size of the line's mean, so
a table row's label and numbers share a line even when the numbers sit a little lower,
while a row whose label wraps over two lines with its numbers centred between them gives
the numbers a line of their own. A line's pieces are its words: runs of characters without
a gap wider than a third of the font size (or a real space) between them, each with its
x range in points from the left edge, so numbers can be placed under their column headers.

Page numbers ("- 3 -", "第3页", "3/6", "3") and lines repeated at the top or bottom of most
pages are dropped. A PDF with (almost) no text is refused with a request to OCR it first.

PDFium gives per-character boxes from C: the six-page Huai'an report reads in ~40 ms
(~25 a second on one core) where pdfplumber (pdfminer, pure Python) takes ~330 ms. PDFium
is not thread-safe, so all calls go through one lock.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from xxgk.annual.document import Document, Line, Piece
from xxgk.annual.jsonio import ReportInputError

MAX_BYTES = 100 * 1024 * 1024
MAX_PAGES = 200
MAX_CHARS = 3_000_000  # ~15 000 per page at 200 pages; far beyond any report
MIN_TEXT_CHARS = 20  # fewer non-space characters than this: no text layer (a scan)

WORD_GAP = 1 / 3  # a gap wider than this fraction of the font size separates words
LINE_TOLERANCE = 0.5  # centres within this fraction of the font size share a line
NO_TEXT_MESSAGE = "该 PDF 没有文字层（可能是扫描件），需要先进行文字识别（OCR）"

_LOCK = threading.Lock()  # PDFium is not thread-safe

# PDFium load errors (fpdfview.h FPDF_ERR_*)
_ERR_FILE, _ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 2, 3, 4, 5

_SPACES = frozenset(
    " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

# Page numbers: "- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 6 页", "3/6", "Page 3 of 6".
_DECORATED_PAGE_NO = re.compile(
    r"[-—–－―─−~～·•]+\d{1,4}[-—–－―─−~～·•]+"
    r"|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|共\d{1,4}页[,，]?第\d{1,4}页"
    r"|\d{1,4}/\d{1,4}|page\d{1,4}(?:of\d{1,4})?",
    re.IGNORECASE,
)
_BARE_PAGE_NO = re.compile(r"\d{1,4}")
_DIGITS = re.compile(r"\d+")
_EXTREME = 2  # page numbers and running heads are looked for among this many lines at each end


@dataclass(slots=True)
class _Char:
    text: str
    x0: float  # reading frame: x grows along the text, y grows down the page
    x1: float
    y: float  # centre of the character's em box
    size: float  # font size in points
    space: bool  # a real space: ends a word
    order: int  # index in the page's content, breaks ties


@dataclass(slots=True, eq=False)  # compared by identity
class _Line:
    number: int  # 1-based on its page, counted before headers and footers are dropped
    y: float  # mean centre, points from the top
    words: list[tuple[str, float, float]]  # (text, x0, x1)

    @property
    def compact(self) -> str:
        return "".join(w[0] for w in self.words)


def read_pdf(data: bytes) -> Document:
    """The text lines of every page of a PDF, each word with its page, line and x range."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ReportInputError("无法读取该 PDF 文件：输入不是字节数据")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise ReportInputError(
            f"PDF 文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）"
        )
    if not data.strip():
        raise ReportInputError("无法读取该 PDF 文件：文件为空")
    if b"%PDF-" not in data[:1024]:
        raise ReportInputError("无法读取该 PDF 文件：不是 PDF 格式（缺少 %PDF 文件头）")

    import pypdfium2 as pdfium  # heavy: only when a PDF is read

    with _LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise ReportInputError(_load_error(e)) from None
        try:
            return _read(doc, pdfium)
        except pdfium.PdfiumError as e:
            raise ReportInputError(f"无法读取该 PDF 文件：{_one_line(e)}") from None
        finally:
            doc.close()


def _document(pages: list[list[_Line]], title: str | None, *, ocr: bool = False) -> Document:
    """The pages' lines as a Document: each word a piece with its page, line and x range."""
    document = Document(format="pdf", title=title, ocr=ocr)
    for index, lines in enumerate(pages):
        page_no = index + 1
        for line in lines:
            pieces = tuple(
                Piece(text=text, page=page_no, line=line.number, x0=round(x0, 2), x1=round(x1, 2))
                for text, x0, x1 in line.words
            )
            document.lines.append(Line(pieces=pieces, is_row=False, page=page_no))
    return document


def _read_scanned(doc, pdfium, title: str | None) -> Document:
    """A scan: every page through Tesseract, its words grouped into lines as characters are."""
    from . import ocr

    ocr.require()
    pages: list[list[_Line]] = []
    for index in range(len(doc)):
        page = doc[index]
        try:
            words = ocr.page_words(page)
        finally:
            page.close()
        chars = [
            _Char(text, x0, x1, y, max(h, 1.0), False, order)
            for order, (text, x0, x1, y, h) in enumerate(words)
        ]
        pages.append(_lines(chars))
    _drop_page_furniture(pages)
    document = _document(pages, title, ocr=True)
    document.warnings.append(
        f"该 PDF 为扫描件：已用文字识别（Tesseract {ocr.LANG}）读取 {len(pages)} 页，"
        "表三、表四的数字只保留勾稽关系能够核对的，表二的数字请人工核对"
    )
    return document


def _load_error(e: Exception) -> str:
    code = getattr(e, "err_code", None)  # pypdfium2 >= 4.? has it; older ones say it in words
    if code is None:
        text = str(e).lower()
        code = _ERR_PASSWORD if "password" in text else _ERR_FORMAT if "format" in text else None
    if code == _ERR_PASSWORD:
        return "该 PDF 文件已加密（需要密码才能打开），请提供未加密的文件"
    if code == _ERR_SECURITY:
        return "该 PDF 文件使用了不支持的加密方式，请提供未加密的文件"
    if code == _ERR_FORMAT:
        return "无法读取该 PDF 文件：文件已损坏或不完整（可能下载中断）"
    return "无法读取该 PDF 文件：文件格式无法识别"


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def _read(doc, pdfium) -> Document:
    n_pages = len(doc)
    if n_pages == 0:
        raise ReportInputError("无法读取该 PDF 文件：文件中没有页面")
    if n_pages > MAX_PAGES:
        raise ReportInputError(
            f"PDF 页数过多（{n_pages} 页，上限 {MAX_PAGES} 页），年度报告通常只有几页到几十页"
        )
    title = _title(doc)

    pages: list[list[_Line]] = []
    empty: list[int] = []  # pages without text but with images: probably scanned pages
    total = unreadable = 0
    broken: list[int] = []  # pages PDFium cannot load: skipped with a warning
    for index in range(n_pages):
        try:
            page = doc[index]
        except pdfium.PdfiumError:
            broken.append(index + 1)
            pages.append([])
            continue
        try:
            chars, n_bad = _page_chars(page)
            if not chars and _has_images(page):
                empty.append(index + 1)
        except pdfium.PdfiumError:
            broken.append(index + 1)
            chars, n_bad = [], 0
        finally:
            page.close()
        total += len(chars)
        unreadable += n_bad
        if total > MAX_CHARS:
            raise ReportInputError("PDF 中的文字过多，不像是政府信息公开工作年度报告")
        pages.append(_lines(chars))

    _drop_page_furniture(pages)
    n_text = sum(len(w[0]) for lines in pages for line in lines for w in line.words)
    if n_text < MIN_TEXT_CHARS:
        if broken:
            raise ReportInputError(f"无法读取该 PDF 文件：第 {_page_list(broken)} 页已损坏")
        if unreadable >= MIN_TEXT_CHARS:
            raise ReportInputError(
                "该 PDF 的文字无法提取（字体缺少文字编码），需要先进行文字识别（OCR）"
            )
        if not empty:
            raise ReportInputError(NO_TEXT_MESSAGE)
        return _read_scanned(doc, pdfium, title)

    document = _document(pages, title)
    if broken:
        document.warnings.append(f"第 {_page_list(broken)} 页已损坏，这些页的内容无法读取")
    if empty:
        document.warnings.append(
            f"第 {_page_list(empty)} 页只有图片没有文字（可能是扫描页），这些页的内容无法读取"
        )
    if unreadable * 20 > total + unreadable:
        document.warnings.append(
            f"PDF 中有 {unreadable} 个字符无法识别（字体缺少文字编码），读出的内容可能不完整"
        )
    return document


def _page_list(pages: list[int]) -> str:
    return "、".join(str(p) for p in pages[:10]) + ("等" if len(pages) > 10 else "")


def _title(doc) -> str | None:
    try:
        title = doc.get_metadata_value("Title")
    except Exception:  # metadata is only a hint; a broken Info dictionary is not fatal
        return None
    title = " ".join(str(title or "").replace("\x00", "").split())
    return title or None


def _has_images(page) -> bool:
    """Whether the page draws an image, directly or inside a form XObject."""
    import pypdfium2.raw as raw

    budget = [10_000]  # page objects to look at, at most

    def walk(count: int, get, depth: int) -> bool:
        for i in range(count):
            budget[0] -= 1
            if budget[0] < 0:
                return False
            obj = get(i)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                return True
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                n = raw.FPDFFormObj_CountObjects(obj)
                if walk(n, lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), depth + 1):
                    return True
        return False

    handle = page.raw
    return walk(raw.FPDFPage_CountObjects(handle), lambda i: raw.FPDFPage_GetObject(handle, i), 0)


def _page_chars(page) -> tuple[list[_Char], int]:
    """The page's characters in its reading frame, and how many had no Unicode mapping."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    tp = textpage.raw  # the bare handle: the wrapper's _as_parameter_ costs a call per use
    try:
        n = raw.FPDFText_CountChars(tp)
        if n <= 0:
            return [], 0
        text = _page_text(tp, n).translate(_LOOKALIKES)
        rect = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        loose_box = raw.FPDFText_GetLooseCharBox
        get_matrix = raw.FPDFText_GetMatrix
        get_origin = raw.FPDFText_GetCharOrigin
        font_size = raw.FPDFText_GetFontSize
        is_generated = raw.FPDFText_IsGenerated

        raw_chars = []  # (text, left, bottom, right, top, origin x, origin y, size, space, index)
        directions = Counter()
        bad = 0
        for i, ch in enumerate(text):
            space = ch in _SPACES
            if space:
                if is_generated(tp, i):
                    continue  # PDFium's guess at a space or line break: geometry decides
            elif not ch.isprintable() or ch in "\ufffd\ufffe\uffff" or "\ue000" <= ch <= "\uf8ff":
                bad += ch not in "\x00\x02\xad"  # NUL, STX and soft hyphens are harmless
                continue
            if not loose_box(tp, i, rect):
                continue
            left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
            if not get_origin(tp, i, ox, oy):
                continue
            if not math.isfinite(left + bottom + right + top + ox.value + oy.value):
                continue
            get_matrix(tp, i, matrix)
            a, b = matrix.a, matrix.b
            size = font_size(tp, i) * math.sqrt(abs(a * matrix.d - b * matrix.c))
            if abs(a) >= abs(b):
                direction = 0 if a >= 0 else 2
            else:
                direction = 1 if b > 0 else 3
            if not space:
                directions[direction] += 1
            raw_chars.append((ch, left, bottom, right, top, ox.value, oy.value, size, space, i))
    finally:
        textpage.close()
    if not directions:
        return [], bad

    # The page's reading frame follows its dominant text direction (rotated landscape
    # tables), with x along the text and y down the page, both from the crop box's edges.
    main = directions.most_common(1)[0][0]
    try:
        c_left, c_bottom, c_right, c_top = page.get_cropbox()
    except Exception:
        c_left, c_bottom, c_right, c_top = 0.0, 0.0, 0.0, 0.0
    # A character's height on the page: the centre of its em box, a little above the
    # baseline, so glyphs of different fonts on one baseline (宋体 and Times New Roman)
    # agree, and so do differently sized text centred in the cells of a table row.
    chars = []
    for ch, left, bottom, right, top, x, y, size, space, i in raw_chars:
        if main == 0:
            x0, x1, base, extent = left - c_left, right - c_left, c_top - y, top - bottom
        elif main == 2:
            x0, x1, base, extent = c_right - right, c_right - left, y - c_bottom, top - bottom
        elif main == 1:
            x0, x1, base, extent = bottom - c_bottom, top - c_bottom, x - c_left, right - left
        else:
            x0, x1, base, extent = c_top - top, c_top - bottom, c_right - x, right - left
        if not (0 < size < 2000 and math.isfinite(size)):
            size = extent if 0 < extent < 2000 else 10.0
        size = max(size, 1.0)
        chars.append(_Char(ch, x0, x1, base - 0.35 * size, size, space, i))
    return chars, bad


def _page_text(textpage, n: int) -> str:
    """One character per PDFium character index (one call instead of one per character)."""
    import ctypes

    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer((n + 1) * 2)
    got = raw.FPDFText_GetText(textpage, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == n:
        return text
    # Characters outside the BMP come out as surrogate pairs: ask for each one.
    out = []
    for i in range(n):
        code = raw.FPDFText_GetUnicode(textpage, i)
        out.append(chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd")
    return "".join(out)


def _label_then_digit(prev: str, ch: str) -> bool:
    """A CJK character (or CJK punctuation) followed by an ASCII digit: the digit starts a
    value. (Not the other way: "7件" is one value with its unit.)"""
    return ch.isascii() and ch.isdigit() and ord(prev[-1]) >= 0x2E80


def _lines(chars: list[_Char]) -> list[_Line]:
    """Group a page's characters into lines (by vertical centre) and the lines into words."""
    # Top to bottom, a character joins the current line when its centre is within the
    # tolerance of the line's mean centre (so a lone character of a vertical label does
    # not decide where a row's line is), else it starts the next line.
    chars.sort(key=lambda c: (c.y, c.order))
    groups: list[list[_Char]] = []
    sum_y = sum_size = 0.0
    for c in chars:
        if groups:
            n = len(groups[-1])
            if c.y - sum_y / n <= LINE_TOLERANCE * min(sum_size / n, c.size):
                groups[-1].append(c)
                sum_y += c.y
                sum_size += c.size
                continue
        groups.append([c])
        sum_y, sum_size = c.y, c.size

    lines: list[_Line] = []
    for group in groups:
        group.sort(key=lambda c: (c.x0, c.order))
        words: list[tuple[str, float, float]] = []
        text: list[str] = []
        x0 = x1 = 0.0
        last: _Char | None = None
        for c in group:
            if c.space:
                if text:
                    words.append(("".join(text), x0, x1))
                    text = []
                last = None
                continue
            if last is not None and c.text == last.text and abs(c.x0 - last.x0) < 0.2 * c.size:
                continue  # the same glyph drawn twice, slightly offset: fake bold
            if text and (
                c.x0 - x1 > WORD_GAP * max(c.size, last.size if last else c.size)
                # a number right after a label's last character ("…不计其" then "6" in the
                # next cell, no gap between them): a word of its own, at its own x
                or (last is not None and _label_then_digit(last.text, c.text))
            ):
                words.append(("".join(text), x0, x1))
                text = []
            if not text:
                x0, x1 = c.x0, c.x1
            else:
                x1 = max(x1, c.x1)
            text.append(c.text)
            last = c
        if text:
            words.append(("".join(text), x0, x1))
        if words:
            lines.append(_Line(len(lines) + 1, sum(c.y for c in group) / len(group), words))
    return lines


def _drop_page_furniture(pages: list[list[_Line]]) -> None:
    """Drop page numbers and running heads/feet from the first and last lines of the pages."""
    n = len(pages)

    def ends(lines: list[_Line]) -> list[_Line]:
        return list({id(x): x for x in lines[:_EXTREME] + lines[-_EXTREME:]}.values())

    # Running heads and feet: the same text (digits aside) at the same height on at least
    # three pages and more than half of them.
    if n >= 3:
        found: dict[str, list[tuple[int, _Line]]] = defaultdict(list)
        for index, lines in enumerate(pages):
            for line in ends(lines):
                found[_DIGITS.sub("#", line.compact)].append((index, line))
        for places in found.values():
            if len(places) < 3:
                continue
            heights = sorted(line.y for _, line in places)
            middle = heights[len(heights) // 2]
            near = [(i, line) for i, line in places if abs(line.y - middle) <= 3]
            on_pages = {i for i, _ in near}
            if len(on_pages) >= 3 and len(on_pages) * 2 > n:
                for i, line in near:
                    if line in pages[i]:
                        pages[i].remove(line)

    # Page numbers: at each end of a page, the outermost of its first (last) lines that looks
    # like one. A bare number ("3") counts only when most pages have one that follows the
    # page index, so that a table's lone value stays.
    bare: list[tuple[int, _Line, int]] = []
    for index, lines in enumerate(pages):
        for from_top in (True, False):
            for line in lines[:_EXTREME] if from_top else lines[::-1][:_EXTREME]:
                compact = line.compact
                if _DECORATED_PAGE_NO.fullmatch(compact):
                    lines.remove(line)
                    break
                if _BARE_PAGE_NO.fullmatch(compact):
                    bare.append((index, line, int(compact) - index))
                    break
    if not bare:
        return
    pages_with = Counter(offset for offset, _ in {(o, i) for i, _, o in bare})
    offset, count = pages_with.most_common(1)[0]
    if (n == 1 and offset == 1) or (count >= 2 and count * 2 >= n):
        for index, line, o in bare:
            if o == offset and line in pages[index]:
                pages[index].remove(line)


# Word's "save as PDF" often maps CJK characters to look-alike Kangxi radicals (⼀ for 一)
# or compatibility ideographs; NFKC turns them back into the ordinary characters.
_LOOKALIKES = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for r in (range(0x2E80, 0x2FE0), range(0xF900, 0xFB00))
    for cp in r
    if len(unicodedata.normalize("NFKC", chr(cp))) == 1
    and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}

"""Read a published annual report (text, Markdown, HTML, DOCX, PDF) into a `Report`.

`read(path)` → `ParseResult`: the report (tables, six section texts, agency, year), where
every cell was read, and the warnings. Unusable input raises `ReportInputError` (one line);
a readable document that is not an annual report raises `NotAnnualReport`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .document import Document, Line
from .extract import extract, items_of
from .jsonio import ReportInputError, read_bytes
from .labels import looks_glued
from .model import CellRef, Report, Source, Value
from .rows import Item, norm_label
from .templates import TABLE_NAMES, template

MAX_INPUT = 100 * 1024 * 1024


class NotAnnualReport(ReportInputError):
    """The document is readable but is not a 政府信息公开工作年度报告."""


class TablesUnreadable(ReportInputError):
    """The document is titled as an annual report, but its tables could not be read; the
    agency and year of its title come with the refusal."""

    def __init__(self, message: str, agency: str | None, year: int | None):
        super().__init__(message)
        self.agency, self.year = agency, year


@dataclass(frozen=True)
class ParseWarning:
    message: str
    cell: CellRef | None = None
    source: Source | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"message": self.message}
        if self.cell:
            out["cell"] = str(self.cell)
        if self.source:
            out["source"] = self.source.to_json()
        return out


@dataclass(frozen=True)
class ParseResult:
    report: Report
    format: str
    warnings: tuple[ParseWarning, ...]
    sources: dict[CellRef, Source]
    # cells the reader could not read (a report with any is never "passed"), and for the
    # cells of glued text, the values every consistent reading allows
    unread: frozenset[CellRef] = frozenset()
    candidates: dict[CellRef, tuple[Value, ...]] = field(default_factory=dict)

    def provenance(self) -> dict[str, dict[str, object]]:
        """Cell → where it was read, for the JSON's extra `sources` key."""
        return {str(ref): src.to_json() for ref, src in self.sources.items()}


def detect_format(data: bytes, name: str = "") -> str:
    head = data[:4096].lstrip()
    low = head.lower()
    suffix = Path(name).suffix.lower()
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith((b"{", b"\xef\xbb\xbf{")) and b'"schema"' in data[:4096]:
        return "json"
    if any(
        tag in low
        for tag in (b"<html", b"<!doctype html", b"<table", b"<body", b"<meta", b"<div", b"<p>")
    ):
        return "html"
    if suffix in (".htm", ".html", ".shtml"):
        return "html"
    return "text"


def read_document(data: bytes, name: str = "", fmt: str | None = None) -> Document:
    """`fmt`: the format `detect_format` already gave (a batch detects it once)."""
    if not data.strip():
        raise ReportInputError("文件为空")
    fmt = fmt or detect_format(data, name)
    if fmt == "pdf":
        from .readers.pdf import read_pdf

        return read_pdf(data)
    if fmt == "docx":
        from .readers.docx import read_docx

        return read_docx(data)
    if fmt == "doc":
        raise ReportInputError("不支持旧版 Word（.doc）文件，请另存为 .docx 后再试")
    if fmt == "json":
        raise ReportInputError("这是报告数据 JSON，不是报告文档；请用 xxgk report check 检查它")
    if fmt == "html":
        from .readers.html import read_html

        return read_html(data)
    from .readers.encoding import decode, looks_binary
    from .readers.text import read_text

    if looks_binary(data):
        raise ReportInputError("无法读取：这不是文本、网页、Word 或 PDF 文件")
    return read_text(decode(data))


def read(path: str | os.PathLike[str], *, provenance: bool = True) -> ParseResult:
    return parse_bytes(read_bytes(path, limit=MAX_INPUT), name=str(path), provenance=provenance)


def parse_bytes(
    data: bytes, name: str = "", *, provenance: bool = True, fmt: str | None = None
) -> ParseResult:
    """`provenance=False` (a batch check) skips recording where each cell was read."""
    return parse_document(read_document(data, name, fmt), provenance=provenance)


def _enough(found: dict[str, int]) -> bool:
    return found["t3"] >= 5 or found["t2"] >= 3


def parse_document(doc: Document, *, provenance: bool = True) -> ParseResult:
    items = items_of(doc)
    ex = extract(doc, items, provenance=provenance)
    text = doc.text()
    found, unread, candidates = ex.found, ex.unread, ex.candidates
    report, raw_warnings, sources = ex.report, ex.warnings, ex.sources
    table_lines = ex.table_lines
    if (
        (not _enough(found) or unread)
        and doc.format == "text"
        and not any(ln.is_row for ln in doc.lines)  # cells marked in the source are not glued
        and looks_glued(text)
    ):
        from .glued import glued_table_line, read_glued  # only for crawled text: start-up

        # crawled page text: cells run together; read them by the report's own arithmetic
        glued = read_glued(text, with_sources=provenance)
        if (
            glued
            and _enough(glued.found)
            and (not _enough(found) or len(glued.unread) < len(unread))
        ):
            found, unread, candidates = glued.found, glued.unread, glued.candidates
            report, raw_warnings, sources = glued.report, glued.warnings, glued.sources
            table_lines = {i for i, ln in enumerate(doc.lines) if glued_table_line(ln.text)}
    if not _enough(found):
        agency, year, _ = agency_and_year(doc, text)
        if "政府信息公开" not in text:
            raise NotAnnualReport("不是政府信息公开工作年度报告：内容与政府信息公开无关")
        if agency and year:
            missing = [TABLE_NAMES[t] for t in ("t2", "t3") if found[t] == 0]
            raise TablesUnreadable(
                f"{agency}{year}年度政府信息公开工作年度报告：统计表"
                f"{'、'.join(missing) or '表二、表三'}未能读取（未找到带数字的统计行）",
                agency,
                year,
            )
        raise NotAnnualReport("不是政府信息公开工作年度报告：未找到年度报告的统计表（表二、表三）")
    if doc.ocr:
        report, unread, candidates, note = confirm_ocr(report, unread, candidates)
        raw_warnings = [*raw_warnings, (note, None, None)]
    sections = find_sections(doc.lines, report.layout.t3, skip=table_lines)
    agency, year, meta_warnings = agency_and_year(doc, text)
    report = replace(report, agency=agency, year=year, sections=sections)
    if doc.ocr and (agency or year):
        meta_warnings = [*meta_warnings, f"机关名称“{agency}”和年度由文字识别得到，请核对"]
    warnings = tuple(ParseWarning(m, c, s) for m, c, s in raw_warnings) + tuple(
        ParseWarning(m) for m in meta_warnings
    )
    return ParseResult(
        report=report,
        format=doc.format,
        warnings=warnings,
        sources=sources,
        unread=frozenset(unread),
        candidates=candidates,
    )


def confirm_ocr(report: Report, unread, candidates):
    """Recognised numbers stand only where the report's arithmetic confirms them; the others
    are unread, the recognised value kept as their one candidate (a person checks it)."""
    from .checks import confirmed_cells  # only for scans: start-up of `report parse`

    confirmed = confirmed_cells(report)
    unread, candidates = set(unread), dict(candidates)
    tables = {n: {r: dict(c) for r, c in report.table(n).items()} for n in ("t2", "t3", "t4")}
    dropped = 0
    for ref, value in report.cells():
        if value is None:
            unread.add(ref)  # a blank seen in a scan may be a number OCR missed
        elif ref not in confirmed:
            tables[ref.table][ref.row][ref.col] = None
            unread.add(ref)
            candidates[ref] = (value,)
            dropped += 1
    kept = sum(1 for ref, v in report.cells() if v is not None) - dropped
    note = (
        f"扫描件文字识别：{kept} 个数字经勾稽关系核对保留；{dropped} 个数字无法核对"
        "（表二没有勾稽关系，或所在的行、列不平衡），已留空并列为未能读取，识别结果见候选值"
    )
    return replace(report, **tables), unread, candidates, note


# ------------------------------------------------------------------ sections

SECTION_KEYWORDS = {
    "overview": ("总体情况",),
    "proactive": ("主动公开",),
    "applications": ("申请情况", "依申请公开", "处理政府信息公开申请"),
    "review_litigation": ("行政复议", "行政诉讼"),
    "problems": ("存在的主要问题", "存在问题", "主要问题"),
    "other_matters": ("其他需要报告", "其他事项"),
}
_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}[,、.]")


def find_sections(
    lines: list[Line], version: str, skip: set[int] | frozenset[int] = frozenset()
) -> dict[str, str]:
    """The six sections' texts (table rows and the `skip` lines — a table's text — left
    out), by their numbered headings in order."""
    keys = [s.key for s in template(version).sections]
    marks: list[tuple[int, str]] = []
    next_key = 0
    for i, line in enumerate(lines):
        if line.is_row or next_key >= len(keys):
            continue
        head = line.pieces[0].text.lstrip() if line.pieces else ""
        if not head or head[0] not in "一二三四五六七八九十":
            continue
        label = norm_label(line.text)
        if len(label) > 40 or not _HEADING.match(label):
            continue
        for k in range(next_key, len(keys)):
            if any(w in label for w in SECTION_KEYWORDS[keys[k]]):
                marks.append((i, keys[k]))
                next_key = k + 1
                break
    sections: dict[str, str] = {}
    for (start, key), (end, _) in zip(marks, [*marks[1:], (len(lines), "")], strict=False):
        body = [
            ln.text
            for i, ln in enumerate(lines[start + 1 : end], start + 1)
            if not ln.is_row and i not in skip and ln.text.strip()
        ]
        sections[key] = "\n".join(body)
    return sections


# ------------------------------------------------------------------ agency and year

_TITLE_A = re.compile(
    r"(?P<agency>[\u4e00-\u9fff（）()·]{2,40}?)(?P<year>(?:19|20)\d{2})年度?政府信息公开(?:工作)?(?:年度)?报告"
)
_TITLE_B = re.compile(
    r"(?P<year>(?:19|20)\d{2})年度?(?P<agency>[\u4e00-\u9fff（）()·]{2,40}?)政府信息公开(?:工作)?(?:年度)?报告"
)
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|-|—)(?:(?:19|20)\d{2}年)?12月31日")
_SHORT_AGENCY = re.compile(
    r"[省市县区州旗][\u4e00-\u9fff]{1,10}?(?:人民政府办公室|人民政府|委员会|局|厅|办公室)"
)


def agency_and_year(doc: Document, text: str) -> tuple[str | None, int | None, list[str]]:
    warnings: list[str] = []
    # a title is a short line: long paragraphs are not searched (the patterns backtrack)
    head = "".join(ln.text for ln in doc.lines[:8] if not ln.is_row and len(ln.text) <= 80)
    candidates = [doc.title or "", re.sub(r"\s+", "", head)]
    agency = year = None
    for cand in candidates:
        cand = "".join(cand.split())
        if "政府信息公开" not in cand or "报告" not in cand:
            continue  # the title patterns backtrack a lot: only where they can match
        for pattern in (_TITLE_A, _TITLE_B):
            m = pattern.search(cand)
            if m:
                agency = m.group("agency").removeprefix("正文")
                year = int(m.group("year"))
                break
        if year:
            break
    if year is None and "12月" in text:
        # the period is stated near the top ("本报告所列数据为…1月1日至12月31日")
        m = _PERIOD.search("".join(text[:6000].split()))
        if m:
            year = int(m.group(1))
    if agency is None:
        body = text[:8000].replace(" ", "").replace("\t", "").replace("\u3000", "")
        agency = agency_from_body(body)
        if agency:
            warnings.append(f"文中没有标题，机关名称“{agency}”由正文推断，请核对")
    if year is None:
        warnings.append("未能从文中确定报告年度")
    if agency is None:
        warnings.append("未能从文中确定机关名称")
    return agency, year, warnings


def agency_from_body(text: str) -> str | None:
    """The body calls the agency by a short name ("市司法局") and, somewhere, by its full name
    ("抚顺市司法局"): the most frequent short name, completed by a place name found before it."""
    counts: dict[str, int] = {}
    for m in _SHORT_AGENCY.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    for short, n in sorted(counts.items(), key=lambda kv: -kv[1])[:3]:
        if n < 2:
            break
        # the two or three CJK characters before each mention (str.find: a regex that tries
        # every character of the body as a start was most of this function's time)
        at, end = text.find(short), 0
        while at >= 0:
            for k in (3, 2):
                prefix = text[at - k : at] if at - k >= end else ""
                if len(prefix) == k and all("\u4e00" <= c <= "\u9fff" for c in prefix):
                    if not _NOT_PLACE.search(prefix):
                        return prefix + short
                    end = at + len(short)
                    break
            at = text.find(short, at + 1)
    return None


_NOT_PLACE = re.compile(r"[全本我各该和及与对在由的是]")


__all__ = [
    "Item",
    "NotAnnualReport",
    "ParseResult",
    "ParseWarning",
    "parse_bytes",
    "parse_document",
    "read",
]


def clear_caches() -> None:
    """Forget memoised label and value lookups (benchmarks measure a cold document with it)."""
    from . import extract, labels, rows

    rows.norm_label.cache_clear()
    rows.is_value_text.cache_clear()
    rows.strip_numbering.cache_clear()
    labels.normalise.cache_clear()
    for version in ("v2019", "v2021"):
        rows.t3_index(version)._memo.clear()
        extract.t2_labels(version)[1]._memo.clear()

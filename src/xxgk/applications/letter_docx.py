"""Word letters with python-docx: the shipped templates, placeholder filling, placeholder lists.

No Django here. `letters.py` decides what goes into a letter; this module only knows .docx.

- **Layout** (GB/T 9704-2012 where it applies to a letter): A4, margins 37/35/28/26 mm; title in
  方正小标宋简体 二号 (22 pt) centred; body in 仿宋_GB2312 三号 (16 pt), exact 28 pt line spacing,
  two-character first-line indent; the number under the title on the right; the agency and the
  date bottom right. Every run names its East Asian font (`w:eastAsia`) as well as its Latin
  font, and the font table gives each Chinese font an `altName` (仿宋, 黑体, 宋体) with the
  GB2312 charset and a panose, so Word, WPS and LibreOffice fall back to a similar face when the
  government fonts are not installed.
- **Placeholders** are `{{name}}` (spaces inside the braces allowed). Word often splits typed
  text over several runs (spell-check marks, edits, formatting): `fill` joins the text of a
  paragraph's runs, replaces across run boundaries, and writes each value into the run where its
  placeholder starts (that run's formatting wins); text around the placeholder keeps its own
  runs. Paragraphs of the body, of tables (nested too), text boxes, headers and footers.
  A paragraph whose placeholders are all empty and that holds nothing else but a label
  (`联系电话：{{office_phone}}`) is dropped; a multi-line value becomes one paragraph per line,
  each with the paragraph's formatting.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk.annual.render.docx import set_fonts  # one way to name CJK and Latin fonts

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEI_FONT = "黑体"
SONG_FONT = "宋体"
LATIN_FONT = "Times New Roman"

BODY_PT = 16.0  # 三号
TITLE_PT = 22.0  # 二号
SMALL_PT = 14.0  # 四号 (page numbers, table cells)
LINE_PT = 28.0  # 22 lines a page at 三号
INDENT_PT = 2 * BODY_PT  # 首行缩进两字

# name, altName (what Word substitutes when the font is missing), panose1, family, pitch
FONT_TABLE = (
    (BODY_FONT, "仿宋", "02010609030101010101", "modern", "fixed"),
    ("仿宋", "FangSong", "02010609060101010101", "modern", "fixed"),
    (TITLE_FONT, HEI_FONT, "02000000000000000000", "script", "variable"),
    (HEI_FONT, "SimHei", "02010609060101010101", "modern", "fixed"),
    (SONG_FONT, "SimSun", "02010600030101010101", "roman", "variable"),
)

_RUN_XPATH = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
    " | ./w:sdt/w:sdtContent/w:r"
)
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ------------------------------------------------------------------ reading and filling


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _roots(doc: Any) -> Iterator[Any]:
    """The body and every header and footer part (without creating missing ones)."""
    yield doc.element.body
    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if re.fullmatch(r"/word/(header|footer)\d*\.xml", name) and hasattr(part, "element"):
            yield part.element


def _paragraphs(doc: Any) -> Iterator[Any]:
    for root in _roots(doc):
        yield from list(root.iter(_qn("w:p")))


def _runs(p: Any) -> list[Any]:
    return list(p.xpath(_RUN_XPATH))


def _paragraph_text(p: Any) -> str:
    return "".join(r.text or "" for r in _runs(p))


def open_docx(data: bytes) -> Any:
    from docx import Document

    return Document(io.BytesIO(data))


def placeholders(data: bytes) -> tuple[set[str], list[str]]:
    """The placeholder names a template uses, and the texts of incomplete ones (`{{name` …)."""
    doc = open_docx(data)
    names: set[str] = set()
    broken: list[str] = []
    for p in _paragraphs(doc):
        text = _paragraph_text(p)
        found = PLACEHOLDER.findall(text)
        names.update(found)
        rest = PLACEHOLDER.sub("", text)
        if "{{" in rest or "}}" in rest:
            i = max(rest.find("{{"), rest.find("}}"))
            broken.append(rest[max(0, i - 10) : i + 20].strip())
    return names, broken


def clean_value(value: object) -> str:
    text = "" if value is None else str(value)
    return _XML_INVALID.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def fill(data: bytes, context: Mapping[str, object]) -> bytes:
    """Replace every `{{name}}` with `context[name]`; unknown names raise `KeyError`."""
    doc = open_docx(data)
    values = {k: clean_value(v) for k, v in context.items()}
    for p in _paragraphs(doc):
        _fill_paragraph(p, values)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _fill_paragraph(p: Any, values: Mapping[str, str]) -> None:
    runs = _runs(p)
    before = [r.text or "" for r in runs]
    full = "".join(before)
    matches = list(PLACEHOLDER.finditer(full)) if "{{" in full else []
    if not matches:
        return
    missing = sorted({m.group(1) for m in matches} - set(values))
    if missing:
        raise KeyError(f"no value for placeholder(s): {', '.join(missing)}")
    starts = [sum(len(t) for t in before[:k]) for k in range(len(before))]

    def run_at(offset: int) -> int:  # the run holding the character at `offset`
        return next(k for k, t in enumerate(before) if starts[k] <= offset < starts[k] + len(t))

    texts = list(before)
    for m in reversed(matches):  # from the end: the offsets of earlier matches stay valid
        value = values[m.group(1)]
        i, j = run_at(m.start()), run_at(m.end() - 1)
        head = texts[i][: m.start() - starts[i]]
        tail = texts[j][m.end() - starts[j] :]
        if i == j:
            texts[i] = head + value + tail
        else:  # the value goes into the first run; the rest of the last run keeps its own
            texts[i] = head + value
            for k in range(i + 1, j):
                if before[k]:
                    texts[k] = ""
            texts[j] = tail

    if all(not values[m.group(1)].strip() for m in matches) and _is_label(
        PLACEHOLDER.sub("", full)
    ):
        _drop_paragraph(p)
        return
    split: list[tuple[Any, list[str]]] = []
    for r, old, new in zip(runs, before, texts, strict=True):
        if new == old:
            continue
        if new == "" and all(
            c.tag in (_qn("w:rPr"), _qn("w:t"), _qn("w:tab"), _qn("w:br")) for c in r
        ):
            r.getparent().remove(r)
        elif "\n" in new and r.getparent() is p:
            lines = new.split("\n")
            split.append((r, lines[:1] + [line for line in lines[1:] if line.strip()]))
        else:
            r.text = new
    if split:
        _split_paragraph(p, split)


def _is_label(text: str) -> bool:
    """Nothing, or only a label such as 联系电话： — what is left when the values are empty."""
    rest = text.strip(" \t　")
    return not rest or (rest.endswith(("：", ":")) and not re.search(r"[。；;，,]", rest))


def _drop_paragraph(p: Any) -> None:
    parent = p.getparent()
    if parent is None:
        return
    if parent.tag == _qn("w:tc") and len(parent.findall(_qn("w:p"))) == 1:
        for r in _runs(p):
            r.getparent().remove(r)
        return
    parent.remove(p)


def _split_paragraph(p: Any, split: list[tuple[Any, list[str]]]) -> None:
    """A multi-line value: its run ends each line; what follows continues in a copy of the
    paragraph (same properties), so every line is a paragraph with the same indent."""
    ppr = p.find(_qn("w:pPr"))
    current = p
    for child in list(p):
        if child is ppr:
            continue
        if current is not p:
            current.append(child)
        lines = next((lines for r, lines in split if r is child), None)
        if lines is None:
            continue
        child.text = lines[0]
        for line in lines[1:]:
            new_p = p.makeelement(_qn("w:p"), {})
            if ppr is not None:
                new_p.append(copy.deepcopy(ppr))
            new_r = copy.deepcopy(child)
            new_r.text = line
            new_p.append(new_r)
            current.addnext(new_p)
            current = new_p


def text_of(data: bytes) -> str:
    """Every paragraph's text, tables and headers included (for tests and checks)."""
    doc = open_docx(data)
    return "\n".join(_paragraph_text(p) for p in _paragraphs(doc))


# ------------------------------------------------------------------ building the templates


def _declare_fonts(doc: Any) -> None:
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    for part in doc.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = parse_xml(part.blob)
        for font in root.findall(_qn("w:font")):
            if font.get(_qn("w:name")) in {f[0] for f in FONT_TABLE}:
                root.remove(font)
        for name, alt, panose, family, pitch in FONT_TABLE:
            font = root.makeelement(_qn("w:font"), {_qn("w:name"): name})
            for tag, value in (
                ("w:altName", alt),
                ("w:panose1", panose),
                ("w:charset", "86"),  # GB2312
                ("w:family", family),
                ("w:pitch", pitch),
            ):
                font.append(font.makeelement(_qn(tag), {_qn("w:val"): value}))
            root.append(font)
        part._blob = serialize_part_xml(root)


def _new_document(title: str) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)

    defaults = doc.styles.element.find(_qn("w:docDefaults"))
    rpr_default = defaults.find(_qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        set_fonts(rpr_default, BODY_FONT)
        rpr = rpr_default.find(_qn("w:rPr"))
        lang = rpr.find(_qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(_qn("w:lang"), {})
            rpr.append(lang)
        lang.set(_qn("w:val"), "en-US")
        lang.set(_qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(normal.element, BODY_FONT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.widow_control = False

    theme_lang = doc.settings.element.find(_qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(_qn("w:eastAsia"), "zh-CN")
    _declare_fonts(doc)
    props = doc.core_properties
    props.title = title
    props.language = "zh-CN"
    props.author = props.comments = props.last_modified_by = ""
    props.revision = 1
    _page_number_footer(doc)
    return doc


def _run(p: Any, text: str, *, font: str = BODY_FONT, size: float = BODY_PT) -> Any:
    from docx.shared import Pt

    run = p.add_run(text)
    run.font.size = Pt(size)
    set_fonts(run._r, font)
    return run


def _page_number_footer(doc: Any) -> None:
    """「— 1 —」 at the foot of the page (宋体 四号), a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", font=SONG_FONT, size=SMALL_PT)
    r = _run(p, "", font=SONG_FONT, size=SMALL_PT)._r
    for tag, attrs, text in (
        ("w:fldChar", {"w:fldCharType": "begin"}, None),
        ("w:instrText", {"xml:space": "preserve"}, " PAGE "),
        ("w:fldChar", {"w:fldCharType": "separate"}, None),
        ("w:t", {}, "1"),
        ("w:fldChar", {"w:fldCharType": "end"}, None),
    ):
        el = r.makeelement(_qn(tag), {_qn(k): v for k, v in attrs.items()})
        el.text = text
        r.append(el)
    _run(p, " —", font=SONG_FONT, size=SMALL_PT)


class _Writer:
    """Paragraph helpers for the shipped templates."""

    def __init__(self, title: str) -> None:
        self.doc = _new_document(title)

    def _para(self, align: str | None = None, *, indent: bool = False, right_chars: float = 0):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        p.alignment = {
            None: WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[align]
        if indent:
            p.paragraph_format.first_line_indent = Pt(INDENT_PT)
        if right_chars:
            p.paragraph_format.right_indent = Pt(right_chars * BODY_PT)
        return p

    def title(self, *lines: str) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        for line in lines:
            p = self._para("center")
            fmt = p.paragraph_format
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(34)
            fmt.keep_with_next = True
            _run(p, line, font=TITLE_FONT, size=TITLE_PT)

    def number(self) -> None:
        from docx.shared import Pt

        p = self._para("right")
        p.paragraph_format.space_after = Pt(LINE_PT / 2)
        _run(p, "{{document_number}}")

    def salutation(self, text: str = "{{applicant_name}}：") -> None:
        _run(self._para("left"), text)

    def body(self, text: str) -> None:
        _run(self._para(indent=True), text)

    def blank(self) -> None:
        self._para("left")

    def closing(self, words: str) -> None:
        """特此告知。, room for the seal, the agency and the date bottom right, then the
        office's address and phone as a note: one block kept on one page (never a signature
        alone)."""
        block = [self._para(indent=True), self._para("left")]
        _run(block[0], words)
        for text in ("{{agency_name}}", "{{date}}"):
            p = self._para("right", right_chars=2)
            _run(p, text)
            block.append(p)
        p = self._para(indent=True)  # 附注 (GB/T 9704 7.3.6): under the date, in brackets
        p.paragraph_format.keep_together = True
        _run(p, "{{contact}}")
        block.append(p)
        for p in block[:-1]:
            p.paragraph_format.keep_with_next = True

    def table(self, rows: list[tuple[str, str]]) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = (Mm(45), Mm(100))
        for row, (label, value) in zip(table.rows, rows, strict=True):
            for cell, text, width in zip(row.cells, (label, value), widths, strict=True):
                cell.width = width
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if text == label else None
                _run(p, text, size=SMALL_PT)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


FONTS_CONF = "fonts.conf"


def to_pdf(data: bytes, *, timeout: float = 120) -> bytes:
    """A .docx as PDF through LibreOffice (headless), with `letter_templates/fonts.conf` so that
    the government font names map to installed serif faces. Raises `RuntimeError` when
    LibreOffice is missing or fails."""
    import os
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        raise RuntimeError("LibreOffice is not installed")
    conf = Path(__file__).with_name("letter_templates") / FONTS_CONF
    with tempfile.TemporaryDirectory(prefix="xxgk-pdf-") as tmp:
        src = Path(tmp) / "letter.docx"
        src.write_bytes(data)
        env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=tmp)
        cmd = [
            office,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(src),
        ]
        done = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, check=False)
        pdf = Path(tmp) / "letter.pdf"
        if done.returncode != 0 or not pdf.exists():
            raise RuntimeError(f"LibreOffice failed: {done.stderr.decode(errors='replace')[:300]}")
        return pdf.read_bytes()

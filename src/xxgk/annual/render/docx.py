"""Word (.docx) rendering of an annual report in the national layout, with python-docx.

A4 portrait; title, the six section headings with their text, and tables 二/三/四 as real
Word tables shaped like the grids of `xxgk.annual.grid` (every row/column span is a merged
cell). Every run names its Chinese font (w:eastAsia) as well as its Latin font, so Word, WPS
and LibreOffice all show the Chinese text in 宋体/黑体 and not in a fallback font.

python-docx is imported inside the functions: importing this module stays cheap.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from xxgk.annual.grid import Grid, GridCell, anchors
from xxgk.annual.model import Report

from ._common import PAGE_MARGIN_MM, PAGE_TEXT_MM, column_widths_mm, report_parts, report_title

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocxDocument

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"

BODY_PT = 12.0  # 小四
TITLE_PT = 18.0  # 小二
HEADING_PT = 14.0  # 四号
TABLE_PT = {"t2": 10.5, "t3": 9.0, "t4": 9.0}  # 五号 / 小五: fifteen columns fit a portrait page
# Left/right cell padding: chosen with the column widths so that table 四's 结果维持 breaks as
# 结果/维持 (two characters a line) and table 三's 商业企业 stays on one line.
CELL_PADDING_MM = {"t2": 1.0, "t3": 0.4, "t4": 1.2}


def set_fonts(rpr_parent: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts explicitly on a run or style (drop any theme fonts, which win otherwise)."""
    from docx.oxml.ns import qn

    if hasattr(rpr_parent, "get_or_add_rPr"):
        rpr = rpr_parent.get_or_add_rPr()
    else:
        rpr = rpr_parent.find(qn("w:rPr"))
        if rpr is None:
            rpr = rpr_parent.makeelement(qn("w:rPr"), {})
            rpr_parent.append(rpr)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def _add_run(
    paragraph: Any, text: str, *, font: str = BODY_FONT, size: float = BODY_PT, bold: bool = False
) -> Any:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(run._r, font)
    return run


def _setup_document(doc: DocxDocument, title: str) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(PAGE_MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(12)

    # Document defaults: Chinese language and 宋体, so empty paragraphs and cells also use it.
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            set_fonts(rpr_default, BODY_FONT)
            rpr = rpr_default.find(qn("w:rPr"))
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = rpr.makeelement(qn("w:lang"), {})
                rpr.append(lang)
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")

    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element, BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    heading = doc.styles["Heading 1"]
    heading.font.size = Pt(HEADING_PT)
    heading.font.bold = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(heading.element, HEADING_FONT)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True

    props = doc.core_properties
    props.title = title
    props.language = "zh-CN"
    props.author = ""
    props.comments = ""

    # The python-docx template is Japanese-flavoured (theme language ja-JP, ＭＳ 明朝 in the
    # font table): make it Chinese, and describe 宋体/黑体 so that a reader without these fonts
    # substitutes a serif (宋体) and a sans-serif (黑体) Chinese font.
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    _declare_fonts(doc)

    _page_number_footer(doc)


# name, altName, panose1, family, pitch — as Word writes them for the Windows fonts.
_CJK_FONTS = (
    (BODY_FONT, "SimSun", "02010600030101010101", "roman", "variable"),
    (HEADING_FONT, "SimHei", "02010609060101010101", "modern", "fixed"),
)


def _declare_fonts(doc: DocxDocument) -> None:
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    for part in doc.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = parse_xml(part.blob)
        known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
        for name, alt, panose, family, pitch in _CJK_FONTS:
            if name in known:
                continue
            font = root.makeelement(qn("w:font"), {qn("w:name"): name})
            for tag, value in (
                ("w:altName", alt),
                ("w:panose1", panose),
                ("w:charset", "86"),  # GB2312
                ("w:family", family),
                ("w:pitch", pitch),
            ):
                font.append(font.makeelement(qn(tag), {qn("w:val"): value}))
            root.append(font)
        part._blob = serialize_part_xml(root)


def _page_number_footer(doc: DocxDocument) -> None:
    """「— 1 —」 centred at the foot of every page (a PAGE field)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_run(p, "— ", size=10.5)
    run = _add_run(p, "", size=10.5)
    r = run._r
    begin = r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "begin"})
    instr = r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
    instr.text = " PAGE "
    sep = r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "separate"})
    num = r.makeelement(qn("w:t"), {})
    num.text = "1"
    end = r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "end"})
    for el in (begin, instr, sep, num, end):
        r.append(el)
    _add_run(p, " —", size=10.5)


def _title(doc: DocxDocument, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(18)
    p.paragraph_format.line_spacing = 1.25
    _add_run(p, text, font=BODY_FONT, size=TITLE_PT, bold=True)


def _heading(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph(style="Heading 1")
    _add_run(p, text, font=HEADING_FONT, size=HEADING_PT)


def _body(doc: DocxDocument, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf = p.paragraph_format
    pf.first_line_indent = Pt(BODY_PT * 2)
    pf.line_spacing = 1.5
    _add_run(p, text)


def _caption(doc: DocxDocument, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(3)
    p.paragraph_format.keep_with_next = True
    _add_run(p, text, size=10.5, bold=True)


def _row_properties(row: Any, *, header: bool) -> None:
    """Rows never split over pages; header rows repeat on every page (w:tblHeader)."""
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
    if header:
        tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))


def _cell_margins(table: Any, left_right_mm: float, top_bottom_mm: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    tbl_pr = table._tbl.tblPr
    mar = tbl_pr.find(qn("w:tblCellMar"))
    if mar is None:
        mar = tbl_pr.makeelement(qn("w:tblCellMar"), {})
        look = tbl_pr.find(qn("w:tblLook"))  # schema order: tblCellMar comes before tblLook
        if look is not None:
            look.addprevious(mar)
        else:
            tbl_pr.append(mar)
    for side, mm in (
        ("top", top_bottom_mm),
        ("left", left_right_mm),
        ("bottom", top_bottom_mm),
        ("right", left_right_mm),
    ):
        el = mar.makeelement(
            qn(f"w:{side}"), {qn("w:w"): str(int(Mm(mm).twips)), qn("w:type"): "dxa"}
        )
        mar.append(el)


def _table(doc: DocxDocument, grid: Grid) -> Any:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    widths = column_widths_mm(grid, PAGE_TEXT_MM)
    size = TABLE_PT.get(grid.table, 10.5)
    table = doc.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(int(Mm(sum(widths)).twips)))
    _cell_margins(table, CELL_PADDING_MM.get(grid.table, 1.0), 0.3)
    for i, w in enumerate(widths):
        table.columns[i].width = Mm(w)
    for y, row in enumerate(table.rows):
        _row_properties(row, header=y < grid.header_rows)
        for x, cell in enumerate(row.cells):
            cell.width = Mm(widths[x])

    for y, x, gc in anchors(grid):
        cell = table.cell(y, x)
        if gc.rowspan > 1 or gc.colspan > 1:
            cell = cell.merge(table.cell(y + gc.rowspan - 1, x + gc.colspan - 1))
        _fill(cell, gc, size)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if _left_aligned(gc) else WD_ALIGN_PARAGRAPH.CENTER
        pf = p.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        # Keep the table on one page (each table fits one): Word moves it whole to the next page.
        pf.keep_with_next = y + gc.rowspan < len(grid.rows)
    return table


def _left_aligned(gc: GridCell) -> bool:
    return gc.header and gc.scope in ("row", None)


def _fill(cell: Any, gc: GridCell, size: float) -> None:
    """Write the cell text (nothing at all for a blank value)."""
    from docx.oxml.ns import qn

    p = cell.paragraphs[0]
    # The paragraph mark carries the size too, so an empty cell is not taller than the others.
    p_rpr = p._p.get_or_add_pPr().find(qn("w:rPr"))
    if p_rpr is None:
        p_rpr = p._p.get_or_add_pPr().makeelement(qn("w:rPr"), {})
        p._p.get_or_add_pPr().append(p_rpr)
    for tag in ("w:sz", "w:szCs"):
        p_rpr.append(p_rpr.makeelement(qn(tag), {qn("w:val"): str(int(size * 2))}))
    if gc.text:
        _add_run(p, gc.text, size=size)


def render_docx(report: Report) -> bytes:
    """The report as a .docx file (bytes)."""
    from docx import Document

    doc = Document()
    title = report_title(report)
    _setup_document(doc, title)
    _title(doc, title)
    for part in report_parts(report):
        _heading(doc, part.heading)
        for text in part.paragraphs:
            _body(doc, text)
        if part.grid is not None:
            _caption(doc, part.grid.caption)
            _table(doc, part.grid)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

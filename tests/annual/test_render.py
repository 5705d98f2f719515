"""The HTML, DOCX and XLSX renderers: re-read what they wrote and compare with the report.

Pure tests (no database). Every fixture report, both national layouts and the hybrid
(2021 table 二 with the 2019 table 三) are rendered; the re-read tables must have the shape of
the national grids and every data cell must hold the JSON value.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from lxml import html as lxml_html

from xxgk.annual import CellRef, Finding, Layout, Level, Report, empty_report, load
from xxgk.annual.grid import Grid, anchors, occupancy, report_grids
from xxgk.annual.jsonio import dumps, loads
from xxgk.annual.model import column_of
from xxgk.annual.render import FORMATS, render
from xxgk.annual.render.docx import render_docx
from xxgk.annual.render.html import render_html
from xxgk.annual.render.xlsx import render_xlsx

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "reports"
FIXTURE_FILES = sorted(FIXTURES.glob("*.expected.json"))


def numbered(layout: Layout, **kw: Any) -> Report:
    """A report whose cells all differ: 1, 2, 3, …; every 7th cell blank; money as a decimal."""
    report = empty_report(layout, **kw)
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    n = 0
    for name in ("t2", "t3", "t4"):
        tables[name] = {}
        for row, cols in report.table(name).items():
            tables[name][row] = {}
            for col in cols:
                n += 1
                kind = column_of(layout, CellRef(name, row, col)).numeric_kind
                if n % 7 == 0:
                    value: Any = None
                elif kind == "decimal":
                    value = Decimal(f"{n}.25")
                else:
                    value = n
                tables[name][row][col] = value
    return replace(report, **tables)


LAYOUTS = {
    "v2019": Layout(t2="v2019", t3="v2019"),
    "v2021": Layout(t2="v2021", t3="v2021"),
    "hybrid": Layout(t2="v2021", t3="v2019"),
}


def _cases() -> list[Any]:
    cases = [
        pytest.param(("file", p), id=p.name.removesuffix(".expected.json")) for p in FIXTURE_FILES
    ]
    cases += [pytest.param(("layout", name), id=f"numbered-{name}") for name in LAYOUTS]
    return cases


@pytest.fixture(params=_cases())
def case(request: pytest.FixtureRequest) -> tuple[Report, dict[str, Any]]:
    """(report, its JSON as plain data read independently of the renderers)."""
    kind, what = request.param
    if kind == "file":
        return load(what), json.loads(what.read_text(encoding="utf-8"))
    report = numbered(LAYOUTS[what], agency="测试局", year=2023)
    return report, json.loads(dumps(report))


def test_fixtures_are_there() -> None:
    assert len(FIXTURE_FILES) >= 4, f"no report fixtures found under {FIXTURES}"


def json_value(raw: dict[str, Any], ref: CellRef) -> Any:
    return raw[ref.table][ref.row][ref.col]


def text_matches(text: str, value: Any) -> bool:
    """The cell text shows the JSON value: blank for null, the number otherwise."""
    if value is None:
        return text == ""
    if text == "":
        return False
    return Decimal(text) == Decimal(str(value))


def grid_texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in occupancy(grid)]


def partition(matrix: list[list[Any]], key: Any) -> set[frozenset[tuple[int, int]]]:
    """Positions grouped by the object covering them (one group per merged region)."""
    groups: dict[Any, set[tuple[int, int]]] = {}
    for y, row in enumerate(matrix):
        for x, obj in enumerate(row):
            groups.setdefault(key(obj), set()).add((y, x))
    return {frozenset(g) for g in groups.values()}


def data_anchors(grid: Grid) -> list[tuple[int, int, Any]]:
    return [(y, x, c) for y, x, c in anchors(grid) if c.ref is not None]


# --------------------------------------------------------------------------------------- DOCX


def docx_matrix(table: Any) -> list[list[Any]]:
    """python-docx's layout grid: a merged cell appears at every position it covers."""
    cells = table._cells
    width = len(table.columns)
    return [cells[i : i + width] for i in range(0, len(cells), width)]


def test_docx_tables_have_the_grid_shape_and_the_values(
    case: tuple[Report, dict[str, Any]],
) -> None:
    report, raw = case
    document = docx.Document(io.BytesIO(render_docx(report)))
    grids = report_grids(report)
    assert len(document.tables) == 3
    for table, grid in zip(document.tables, grids, strict=True):
        matrix = docx_matrix(table)
        assert len(matrix) == len(grid.rows)
        assert all(len(row) == grid.width for row in matrix)
        # Texts, merged cells repeated, equal the expanded grid.
        assert [[c.text for c in row] for row in matrix] == grid_texts(grid)
        # Merged regions: the same <w:tc> covers exactly the positions of one grid cell.
        assert partition(matrix, lambda c: id(c._tc)) == partition(occupancy(grid), id)
        # Every data cell shows its JSON value.
        for y, x, cell in data_anchors(grid):
            assert text_matches(matrix[y][x].text, json_value(raw, cell.ref)), (
                str(cell.ref),
                matrix[y][x].text,
            )
        # Spans are real Word merges: gridSpan for columns, vMerge for rows.
        for y, x, cell in anchors(grid):
            tc = matrix[y][x]._tc
            assert tc.grid_span == cell.colspan
            v_merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            if cell.rowspan > 1:
                assert v_merge is not None and v_merge.get(qn("w:val")) == "restart"
            else:
                assert v_merge is None
        # Header rows repeat on every page (tables 三 and 四), only they.
        repeat = [
            tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst
        ]
        assert repeat == [y < grid.header_rows for y in range(len(grid.rows))]
        assert table.style.name == "Table Grid"


def test_docx_counts_and_national_spans() -> None:
    for name, layout in LAYOUTS.items():
        document = docx.Document(io.BytesIO(render_docx(numbered(layout))))
        t2, t3, t4 = document.tables
        rows3 = 3 + (23 if layout.t3 == "v2019" else 25)
        assert len(t3.rows) == rows3, name
        assert len(t3.columns) == 10 and len(t4.columns) == 15 and len(t4.rows) == 4
        corner = t3.cell(0, 0)
        assert corner.text.startswith("（本列数据的勾稽关系为") and corner._tc.grid_span == 3
        assert t3.cell(2, 2)._tc is corner._tc  # 3 × 3
        results = t3.cell(5, 0)
        assert results.text == "三、本年度办理结果"
        span = 20 if layout.t3 == "v2019" else 22
        assert t3.cell(5 + span - 1, 0)._tc is results._tc
        assert t3.cell(5 + span, 0).text.startswith("四、结转下年度")
        assert t4.cell(0, 5).text == "行政诉讼" and t4.cell(0, 14)._tc is t4.cell(0, 5)._tc
        assert t4.cell(0, 4)._tc is not t4.cell(0, 5)._tc
        assert t4.cell(1, 5).text == "未经复议直接起诉" and t4.cell(1, 10).text == "复议后起诉"
        assert t2.cell(0, 0).text == "第二十条第（一）项"


def test_docx_every_run_names_chinese_and_latin_fonts() -> None:
    report = replace(
        numbered(LAYOUTS["v2021"]), sections={"overview": "总体情况第一段。\n第二段。"}
    )
    document = docx.Document(io.BytesIO(render_docx(report)))
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    runs += [r for p in document.sections[0].footer.paragraphs for r in p.runs]
    assert len(runs) > 300
    for run in runs:
        fonts = run._r.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), run.text
        assert fonts.get(qn("w:ascii")) and fonts.get(qn("w:hAnsi"))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings][:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert all(r._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体" for p in headings for r in p.runs)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "政府信息公开工作年度报告"
    assert texts.index("总体情况第一段。") == texts.index("一、总体情况") + 1
    assert "第二段。" in texts


def test_docx_is_chinese_for_word_wps_and_libreoffice() -> None:
    data = render_docx(numbered(LAYOUTS["v2019"]))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        fonts = z.read("word/fontTable.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert '<w:font w:name="宋体"><w:altName w:val="SimSun"/>' in fonts
    assert '<w:font w:name="黑体"><w:altName w:val="SimHei"/>' in fonts
    assert 'w:eastAsia="zh-CN"' in settings and 'w:eastAsia="ja-JP"' not in settings
    assert 'w:eastAsia="zh-CN"' in styles


def test_renderer_modules_import_their_libraries_lazily() -> None:
    code = (
        "import sys, xxgk.annual.render, xxgk.annual.render.docx, xxgk.annual.render.xlsx, "
        "xxgk.annual.render.html; print(sorted(m for m in ('docx', 'openpyxl', 'django', 'lxml') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_docx_title_and_escaping_of_odd_text() -> None:
    report = replace(
        numbered(LAYOUTS["v2019"]),
        agency="<script>alert(1)</script>&局",
        year=2020,
        sections={"problems": "a < b & c"},
    )
    document = docx.Document(io.BytesIO(render_docx(report)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "<script>alert(1)</script>&局2020年政府信息公开工作年度报告"
    assert "a < b & c" in texts
    assert document.core_properties.title == texts[0]


# --------------------------------------------------------------------------------------- XLSX


def test_xlsx_sheets_merges_and_values(case: tuple[Report, dict[str, Any]]) -> None:
    report, raw = case
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    assert workbook.sheetnames == ["表二", "表三", "表四"]
    for ws, grid in zip(workbook.worksheets, report_grids(report), strict=True):
        expected_merges = {
            (y + 1, x + 1, y + c.rowspan, x + c.colspan)
            for y, x, c in anchors(grid)
            if c.rowspan > 1 or c.colspan > 1
        }
        merges = {(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges}
        assert merges == expected_merges
        assert (ws.max_row, ws.max_column) == (len(grid.rows), grid.width)
        for y, x, cell in anchors(grid):
            got = ws.cell(row=y + 1, column=x + 1)
            if cell.ref is None:
                assert got.value == cell.text
                assert (
                    got.font.b
                    and got.alignment.horizontal in ("left", "center")
                    and got.alignment.wrap_text
                )
                continue
            want = json_value(raw, cell.ref)
            if want is None:
                assert got.value is None, str(cell.ref)
            elif isinstance(want, int):
                assert type(got.value) is int and got.value == want, str(cell.ref)
            else:
                assert isinstance(got.value, float) and got.value == pytest.approx(want), str(
                    cell.ref
                )
            assert got.border.left.style == "thin" and got.border.bottom.style == "thin"
        expected_freeze = {"t2": None, "t3": "D4", "t4": "A4"}[grid.table]
        assert ws.freeze_panes == expected_freeze


def test_xlsx_national_spans() -> None:
    for layout in LAYOUTS.values():
        workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(numbered(layout))))
        merges3 = {str(r) for r in workbook["表三"].merged_cells.ranges}
        span = 20 if layout.t3 == "v2019" else 22
        assert {"A1:C3", "D1:J1", "E2:I2", "D2:D3", "J2:J3", f"A6:A{5 + span}"} <= merges3
        merges4 = {str(r) for r in workbook["表四"].merged_cells.ranges}
        assert {"A1:E1", "F1:O1", "F2:J2", "K2:O2", "A2:A3", "E2:E3"} <= merges4
        assert workbook["表四"]["F1"].value == "行政诉讼"


# --------------------------------------------------------------------------------------- HTML


def parse(page: str) -> Any:
    return lxml_html.document_fromstring(page)


def test_html_tables(case: tuple[Report, dict[str, Any]]) -> None:
    report, raw = case
    page = parse(render_html(report))
    tables = page.xpath("//table")
    grids = report_grids(report)
    assert len(tables) == 3
    for table, grid in zip(tables, grids, strict=True):
        assert table.xpath("string(caption)") == grid.caption
        assert len(table.xpath("thead/tr")) == grid.header_rows
        assert len(table.xpath("thead")) == (1 if grid.header_rows else 0)
        assert len(table.xpath(".//tr")) == len(grid.rows)
        # Cells in document order: text and spans as in the grid (attributes only when > 1).
        cells = table.xpath(".//tr/*[self::th or self::td]")
        flat = [c for row in grid.rows for c in row]
        assert len(cells) == len(flat)
        for el, cell in zip(cells, flat, strict=True):
            assert (el.text_content(), el.get("rowspan"), el.get("colspan")) == (
                cell.text,
                str(cell.rowspan) if cell.rowspan > 1 else None,
                str(cell.colspan) if cell.colspan > 1 else None,
            )
            if cell.header and cell.scope:
                assert el.tag == "th" and el.get("scope") == cell.scope
            elif cell.ref is not None:
                assert el.tag == "td" and el.get("data-cell") == str(cell.ref)
                assert text_matches(el.text_content(), json_value(raw, cell.ref)), str(cell.ref)
        for th in table.xpath(".//th"):
            assert th.get("scope") in ("col", "row", "colgroup", "rowgroup")
    data = page.xpath("//td[@data-cell]")
    refs = [str(ref) for ref, _ in report.cells()]
    assert len(data) == len(refs)
    assert sorted(td.get("data-cell") for td in data) == sorted(refs)


def _th(page: Any, text: str) -> Any:
    found = [el for el in page.xpath("//th | //td") if el.text_content() == text]
    assert len(found) == 1, text
    return found[0]


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_html_national_spans(name: str) -> None:
    layout = LAYOUTS[name]
    page = parse(render_html(numbered(layout)))
    t3, t4 = page.xpath("//table")[1:]
    corner = t3.xpath("thead/tr[1]/*[1]")[0]
    assert (corner.get("rowspan"), corner.get("colspan")) == ("3", "3")
    assert "勾稽关系" in corner.text_content()
    assert _th(page, "申请人情况").get("colspan") == "7"
    assert _th(page, "自然人").get("rowspan") == "2"
    assert _th(page, "法人或其他组织").get("colspan") == "5"
    totals = [el for el in t3.xpath(".//th") if el.text_content() == "总计"]
    assert len(totals) == 1 and totals[0].get("rowspan") == "2"
    results = _th(page, "三、本年度办理结果")
    assert results.get("rowspan") == ("20" if layout.t3 == "v2019" else "22")
    assert results.get("scope") == "rowgroup"
    assert _th(page, "行政复议").get("colspan") == "5"
    assert _th(page, "行政诉讼").get("colspan") == "10"
    assert _th(page, "未经复议直接起诉").get("colspan") == "5"
    assert _th(page, "复议后起诉").get("colspan") == "5"
    assert len(t4.xpath("thead/tr")) == 3 and len(t4.xpath("tbody/tr/td[@data-cell]")) == 15
    assert not page.xpath("//*[@rowspan='1' or @colspan='1']")
    other = "（六）其他处理"
    if layout.t3 == "v2019":
        assert _th(page, other).get("colspan") == "2"  # a data row of its own
    else:
        assert _th(page, other).get("rowspan") == "3"  # a group over three rows


def test_html_page_and_fragment() -> None:
    report = load(FIXTURE_FILES[0]) if FIXTURE_FILES else numbered(LAYOUTS["v2021"])
    page = render_html(report)
    assert page.startswith("<!doctype html>")
    doc = parse(page)
    assert doc.get("lang") == "zh-Hans"
    assert doc.xpath("//meta[@charset]")[0].get("charset").lower() == "utf-8"
    assert "border" in doc.xpath("string(//style)")
    assert doc.xpath("string(//title)") == doc.xpath("string(//h1)")
    fragment = render_html(report, standalone=False)
    assert (
        fragment.lstrip().startswith("<article")
        and "<html" not in fragment
        and "<style" not in fragment
    )
    assert lxml_html.fragment_fromstring(fragment).tag == "article"
    assert render_html(report, title="自定标题", standalone=False).count("自定标题") == 1


@pytest.mark.parametrize(
    ("agency", "year", "title"),
    [
        ("某某局", 2022, "某某局2022年政府信息公开工作年度报告"),
        (None, 2022, "2022年政府信息公开工作年度报告"),
        ("某某局", None, "某某局政府信息公开工作年度报告"),
        (None, None, "政府信息公开工作年度报告"),
    ],
)
def test_html_title(agency: str | None, year: int | None, title: str) -> None:
    report = replace(numbered(LAYOUTS["v2021"]), agency=agency, year=year)
    doc = parse(render_html(report))
    assert doc.xpath("string(//h1)") == title
    assert doc.xpath("string(//title)") == title


def test_html_escapes_agency_and_sections() -> None:
    evil = "<script>alert(1)</script>"
    report = replace(
        numbered(LAYOUTS["v2021"]),
        agency=evil,
        sections={
            "overview": 'a <b onclick="x()">bold</b> & c\n\n<img src=x onerror=alert(1)>',
            "problems": evil,
        },
    )
    for standalone in (True, False):
        out = render_html(report, standalone=standalone, title=evil if not standalone else None)
        doc = parse(out) if standalone else lxml_html.fragment_fromstring(out)
        assert not doc.xpath("//script | //b | //img | //*[@onclick] | //*[@onerror]")
        assert "<script>" not in out and "&lt;script&gt;" in out
    doc = parse(render_html(report))
    assert doc.xpath("string(//h1)") == evil + "政府信息公开工作年度报告"
    paras = doc.xpath("//section[@data-section='overview']/p")
    assert [p.text_content() for p in paras] == [
        'a <b onclick="x()">bold</b> & c',
        "<img src=x onerror=alert(1)>",
    ]


def test_html_sections_and_tables_in_order() -> None:
    sections = {
        "overview": "总体。",
        "proactive": "主动公开一。\n主动公开二。",
        "applications": "依申请。",
        "review_litigation": "复议诉讼。",
        "problems": "问题。",
        "other_matters": "其他。",
    }
    report = replace(numbered(LAYOUTS["hybrid"]), sections=sections)
    doc = parse(render_html(report))
    parts = doc.xpath("//article/section[@data-section]")
    assert [s.get("data-section") for s in parts] == list(sections)
    assert [s.xpath("string(h2)") for s in parts] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    for s in parts:
        children = [c.tag for c in s]
        key = s.get("data-section")
        table = {"proactive": "t2", "applications": "t3", "review_litigation": "t4"}.get(key)
        expected = ["h2"] + ["p"] * len(sections[key].splitlines()) + (["div"] if table else [])
        assert children == expected, key
        if table:  # in its scroller, sized by classes (the site's CSP drops style attributes)
            assert s.xpath("div[@class='table-scroll " + table + "']/table/@data-table") == [table]
            assert not s.xpath(".//*[@style]")
            assert all(c.startswith("cw-") for c in s.xpath(".//col/@class"))
    # Without section texts: the six headings and the tables under 二, 三, 四.
    bare = parse(render_html(numbered(LAYOUTS["hybrid"])))
    assert [len(s.xpath("p")) for s in bare.xpath("//article/section")] == [0] * 6
    assert [s.xpath("div/table/@data-table") for s in bare.xpath("//article/section")] == [
        [],
        ["t2"],
        ["t3"],
        ["t4"],
        [],
        [],
    ]
    # The hybrid: 2021 table 二 (no （九） block), 2019 table 三 (single （六） row).
    assert "第二十条第（九）项" not in bare.xpath("string(//table[@data-table='t2'])")
    assert bare.xpath("//td[@data-cell='t3[other][total]']")


def test_html_findings_mark_cells_and_are_listed() -> None:
    report = numbered(LAYOUTS["v2021"])
    a = CellRef("t3", "new_received", "total")
    b = CellRef("t4", "cases", "review_total")
    findings = [
        Finding("T3_COLUMN_BALANCE", Level.ERROR, "一加二不等于三加四 <x>", cells=(a,)),
        Finding("T3_ROW_TOTAL", Level.WARNING, "总计不等于各列之和", cells=(a, b)),
        Finding("T4_REVIEW_TOTAL", Level.INFO, "提示信息", cells=(b,)),
        Finding("GENERAL", Level.INFO, "没有单元格的提示"),
        Finding("ODD", Level.INFO, "不在表中的单元格", cells=(CellRef("t2", "nodot", "x"),)),
    ]
    doc = parse(render_html(report, findings=findings))
    td_a = doc.xpath(f"//td[@data-cell='{a}']")[0]
    td_b = doc.xpath(f"//td[@data-cell='{b}']")[0]
    assert td_a.get("class") == "finding-error"  # the worst level wins
    assert td_a.get("title") == "一加二不等于三加四 <x>\n总计不等于各列之和"
    assert td_b.get("class") == "finding-warning"
    assert "提示信息" in td_b.get("title")
    marked = doc.xpath("//td[contains(@class, 'finding-')]")
    assert len(marked) == 2
    items = doc.xpath("//section[@class='findings']//li")
    assert [li.get("class") for li in items] == [
        "finding-error",
        "finding-warning",
        "finding-info",
        "finding-info",
        "finding-info",
    ]
    assert "t2[nodot][x]" in items[4].text_content()
    assert "一加二不等于三加四 <x>" in items[0].text_content()
    assert "T3_COLUMN_BALANCE" in items[0].text_content()
    assert "表三" in items[0].text_content()
    assert not doc.xpath("//x")
    # No findings given: no marks and no list; an empty list: the list says so.
    assert not parse(render_html(report)).xpath("//*[contains(@class, 'finding')]")
    assert "未发现问题" in parse(render_html(report, findings=[])).xpath(
        "string(//section[@class='findings'])"
    )


# ----------------------------------------------------------------------------------- dispatcher


def test_render_dispatcher() -> None:
    report = numbered(LAYOUTS["hybrid"], agency="测试局", year=2021)
    assert set(FORMATS) == {"html", "docx", "xlsx", "json"}
    assert render(report, "html").decode("utf-8") == render_html(report)
    assert render(report, "docx")[:2] == b"PK" and render(report, "xlsx")[:2] == b"PK"
    assert len(docx.Document(io.BytesIO(render(report, "docx"))).tables) == 3
    assert openpyxl.load_workbook(io.BytesIO(render(report, "xlsx"))).sheetnames == [
        "表二",
        "表三",
        "表四",
    ]
    back = loads(render(report, "json"))
    assert back == report
    with pytest.raises(ValueError, match="pdf"):
        render(report, "pdf")

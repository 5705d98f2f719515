"""Parsing published reports: exact on the real fixtures, and never a silent wrong number."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual import load
from xxgk.annual.document import Document, Line, Piece
from xxgk.annual.extract import extract
from xxgk.annual.jsonio import ReportInputError
from xxgk.annual.model import CellRef
from xxgk.annual.parse import NotAnnualReport, parse_bytes, read
from xxgk.annual.readers.text import read_text

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "reports"
PAIRS = [
    (src, exp)
    for exp in sorted(FIXTURES.glob("*.expected.json"))
    for src in sorted(FIXTURES.glob(exp.name.removesuffix(".expected.json") + ".*"))
    if not src.name.endswith(".expected.json")
]


def cell_diff(got, want) -> list[str]:
    out = []
    for ref, value in want.cells():
        try:
            g = got.get(ref)
        except KeyError:
            g = "missing"
        if g != value or (g is None) != (value is None):
            out.append(f"{ref}: expected {value!r}, got {g!r}")
    return out


def test_every_fixture_has_a_source():
    assert len(PAIRS) == len(list(FIXTURES.glob("*.expected.json"))) >= 4


@pytest.mark.parametrize("src,exp", PAIRS, ids=[p[0].name for p in PAIRS])
def test_fixture_is_read_cell_for_cell(src, exp):
    want = load(exp)
    result = read(src)
    assert result.report.layout == want.layout
    assert cell_diff(result.report, want) == []
    assert result.report.year == want.year
    assert result.report.agency == want.agency


def test_cell_accuracy_over_all_fixtures_is_100_percent(capsys):
    total = right = 0
    for src, exp in PAIRS:
        want = load(exp)
        got = read(src).report
        n = sum(1 for _ in want.cells())
        total += n
        right += n - len(cell_diff(got, want))
    with capsys.disabled():
        print(
            f"\ncell accuracy over {len(PAIRS)} real reports: {right}/{total} = {right / total:.2%}"
        )
    assert right == total


def test_fushun_blank_cell_is_null_with_a_warning_and_nothing_shifts():
    result = read(FIXTURES / "fushun-justice-2020.txt")
    ref = CellRef("t3", "unable.unclear_after_correction", "total")
    assert result.report.get(ref) is None
    assert [w for w in result.warnings if w.cell == ref]
    # the six cells before it and the next row are read as zeros, in place
    for col in (
        "natural_person",
        "legal_commercial",
        "legal_research",
        "legal_public_welfare",
        "legal_law_service",
        "legal_other",
    ):
        assert result.report.get(CellRef("t3", "unable.unclear_after_correction", col)) == 0
    assert result.report.get(CellRef("t2", "art20_5.admin_licensing", "items_change")) == 188
    assert result.sources[CellRef("t2", "art20_5.admin_licensing", "items_change")].line is not None


def test_fushun_sections_are_found():
    report = read(FIXTURES / "fushun-justice-2020.txt").report
    assert set(report.sections) == {
        "overview",
        "proactive",
        "applications",
        "review_litigation",
        "problems",
        "other_matters",
    }
    assert "938条" in report.sections["overview"]


T3_ROWS = """（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
一、本年新收政府信息公开申请数量 {a}
二、上年结转政府信息公开申请数量 {b}
（一）予以公开 {c}
"""


def pdf_line(texts_and_x: list[tuple[str, float]], page: int = 1, line: int = 1) -> Line:
    return Line(
        tuple(Piece(t, page=page, line=line, x0=x - 5, x1=x + 5) for t, x in texts_and_x), page=page
    )


def test_a_short_text_row_without_positions_is_left_blank_not_shifted():
    text = T3_ROWS.format(a="1 0 0 0 0 0 1", b="0 0 0 0 0 0", c="1 0 0 0 0 0 1")
    ex = extract(read_text(text))
    assert ex.report.t3["new_received"]["total"] == 1
    assert all(v is None for v in ex.report.t3["carried_over"].values())
    assert any("6 个数值" in m and ref and ref.row == "carried_over" for m, ref, _ in ex.warnings)


def test_pdf_positions_place_a_row_with_a_blank_cell():
    xs = [100, 150, 200, 250, 300, 350, 400]
    lines = [
        Line((Piece("申请人情况"),)),
        pdf_line(
            [("一、本年新收政府信息公开申请数量", 30)]
            + [(v, x) for v, x in zip("3000003", xs, strict=False)]
        ),
        pdf_line(
            [("二、上年结转政府信息公开申请数量", 30)]
            + [(v, x) for v, x in zip("1000001", xs, strict=False)]
        ),
        # blank 法律服务机构 cell: six numbers, the gap at x=300
        pdf_line(
            [("（一）予以公开", 30)]
            + [("2", 100), ("0", 150), ("0", 200), ("0", 250), ("0", 350), ("2", 400)]
        ),
    ]
    ex = extract(Document("pdf", lines))
    row = ex.report.t3["granted"]
    assert row["legal_law_service"] is None and row["legal_other"] == 0 and row["total"] == 2
    assert any(ref == CellRef("t3", "granted", "legal_law_service") for _, ref, _ in ex.warnings)


def test_unlabelled_rows_are_placed_only_when_they_fit_exactly():
    rows = "\n".join(
        [
            "| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
            "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |",  # （二）部分公开, its label wrapped away
            "| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 9 | 0 | 0 | 0 | 0 | 0 | 9 |",  # two unlabelled rows where only one row is missing
            "| 8 | 0 | 0 | 0 | 0 | 0 | 8 |",
            "| 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        ]
    )
    text = "申请人情况\n|---|---|\n" + rows
    ex = extract(read_text(text))
    assert ex.report.t3["partially_granted"]["total"] == 3
    assert ex.report.t3["denied.law_prohibited"]["total"] is None
    assert any("无法一一对应" in m for m, _, _ in ex.warnings)


@pytest.mark.parametrize(
    "data,exc",
    [
        (b"", ReportInputError),
        (b"   \n\n", ReportInputError),
        (bytes(random.Random(1).randrange(256) for _ in range(5000)), ReportInputError),
        (
            "关于2024年部门预算的说明\n一、收入预算 1200万元\n二、支出预算 1100万元\n".encode(),
            NotAnnualReport,
        ),
        ("<html><body><h1>新闻</h1><p>今天天气晴。</p></body></html>".encode(), NotAnnualReport),
        (b"%PDF-1.7\n1 0 obj\n<<", ReportInputError),
    ],
)
def test_bad_input_gives_a_clear_error(data, exc):
    with pytest.raises(exc) as e:
        parse_bytes(data, name="x")
    assert str(e.value) and "\n" not in str(e.value)


# ------------------------------------------------------------------ fuzzing

FUSHUN = (FIXTURES / "fushun-justice-2020.txt").read_text("utf-8")
KEWEI = (FIXTURES / "kewei-2024.md").read_text("utf-8")
CITY = (FIXTURES / "city-2025-t3.html").read_text("utf-8")
EXPECTED = {
    "fushun": load(FIXTURES / "fushun-justice-2020.expected.json"),
    "kewei": load(FIXTURES / "kewei-2024.expected.json"),
    "city": load(FIXTURES / "city-2025-t3.expected.json"),
}
SOURCES = {"fushun": (FUSHUN, "txt"), "kewei": (KEWEI, "md"), "city": (CITY, "html")}
SWAPS = [
    ("（", "("),
    ("）", ")"),
    ("(", "（"),
    (")", "）"),
    ("、", "."),
    ("1.", "1、"),
    ("2.", "２．"),
    ("“", '"'),
    ("”", '"'),
    (",", "，"),
    ("，", ","),
]


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[name][0].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "swap", "space", "noise", "blank", "cell"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "cell":  # delete one cell of a table row (HTML <td>, Markdown or flattened cell)
            line = lines[i]
            if "<td" in line:
                start = line.find("<td", draw(st.integers(0, max(0, len(line) - 1))))
                end = line.find("</td>", start)
                if start >= 0 and end >= 0:
                    lines[i] = line[:start] + line[end + 5 :]
            elif line.count("|") >= 3:
                cells = line.split("|")
                del cells[draw(st.integers(1, len(cells) - 2))]
                lines[i] = "|".join(cells)
            elif line.rstrip().endswith("|"):
                del lines[i]
        elif op == "delete":
            del lines[i]
        elif op == "swap":
            a, b = draw(st.sampled_from(SWAPS))
            lines[i] = lines[i].replace(a, b)
        elif op == "space":
            j = draw(st.integers(0, max(0, len(lines[i]) - 1)))
            lines[i] = lines[i][:j] + " " + lines[i][j:]
        elif op == "noise":
            lines.insert(
                i, draw(st.sampled_from(["- 3 -", "— 4 —", "政务公开工作取得新进展", "附件："]))
            )
        else:
            lines.insert(i, "")
    return name, "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_reports_never_give_a_wrong_number_without_a_warning(case):
    name, text = case
    try:
        result = parse_bytes(text.encode("utf-8"), name=f"{name}.{SOURCES[name][1]}")
    except ReportInputError:
        return
    want = EXPECTED[name]
    warned = {w.cell for w in result.warnings if w.cell}
    warned_rows = {(c.table, c.row) for c in warned}
    for ref, value in result.report.cells():
        if value is None:
            continue
        try:
            expected = want.get(ref)
        except KeyError:
            expected = "absent in the original layout"
        if value != expected:
            assert ref in warned or (ref.table, ref.row) in warned_rows, (
                f"{ref}: {value!r} != {expected!r} silently"
            )


def test_text_copied_out_of_a_pdf_reads_exactly():
    """Wrapped labels, the vertical 三、本年度办理结果, footers like "- 3 -": plain text only."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(FIXTURES / "huaian-2024.pdf"))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    assert "- 3 -" in text
    result = parse_bytes(text.encode("utf-8"), name="huaian.txt")
    want = load(FIXTURES / "huaian-2024.expected.json")
    assert result.format == "text"
    assert cell_diff(result.report, want) == []
    assert (result.report.agency, result.report.year) == ("淮安市人民政府", 2024)


def test_page_footers_are_not_read_as_values():
    doc = read_text("行政许可\n— 3 —\n5\n第 4 页 共 6 页\n")
    assert [ln.text for ln in doc.lines] == ["行政许可", "5"]


def _huaian_text() -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(FIXTURES / "huaian-2024.pdf"))
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def test_table_two_numbers_on_lines_apart_from_their_labels():
    """Text from a PDF with the labels of a block first, then its rows of numbers: placed in
    order when the count of lines and of numbers fits exactly; else left unread."""
    text = _huaian_text()
    block = "规章 1 0 11\r\n行政规范性文件 8 26 66\r\n"
    assert block in text
    apart = text.replace(block, "规章\r\n行政规范性文件\r\n1 0 11\r\n8 26 66\r\n")
    want = load(FIXTURES / "huaian-2024.expected.json")
    got = parse_bytes(apart.encode("utf-8"), name="huaian.txt")
    assert cell_diff(got.report, want) == []
    # one line of numbers for two labels: no guess
    short = text.replace(block, "规章\r\n行政规范性文件\r\n1 0 11\r\n")
    got = parse_bytes(short.encode("utf-8"), name="huaian.txt")
    for row in ("art20_1.regulations", "art20_1.normative_documents"):
        assert all(v is None for v in got.report.t2[row].values())
        assert {c.row for c in got.unread if c.table == "t2"} >= {row}
    assert any("无法一一对应" in w.message for w in got.warnings)

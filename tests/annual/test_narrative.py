"""Figures in the report's prose against its tables: the three fixtures, examples, properties."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.annual import load
from xxgk.annual.model import CellRef, Layout, Level, Report, empty_report
from xxgk.annual.narrative import (
    KINDS,
    MISMATCH,
    PARTS_KIND,
    PARTS_SUM,
    Statement,
    cells_of,
    narrative_findings,
    narrative_statements,
)

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "reports"

FUSHUN_938 = (
    "1.主动公开政府信息数量。2020年,市司法局主动公开政府信息938条,其中:"
    "概况类信息8条、政务动态信息759条、信息公开目录信息171条。"
)


@cache
def fixture_text(name: str) -> str:
    if name == "huaian-2024":
        import pdfplumber

        with pdfplumber.open(FIXTURES / "huaian-2024.pdf") as pdf:
            return "\n".join(p.extract_text() for p in pdf.pages)
    suffix = ".txt" if name.startswith("fushun") else ".md"
    return (FIXTURES / f"{name}{suffix}").read_text(encoding="utf-8")


def fixture(name: str) -> tuple[Report, dict[str, str]]:
    return load(FIXTURES / f"{name}.expected.json"), {"全文": fixture_text(name)}


def t3(row: str) -> CellRef:
    return CellRef("t3", row, "total")


def t4(*cols: str) -> tuple[CellRef, ...]:
    return tuple(CellRef("t4", "cases", c) for c in cols)


def summary(statements: list[Statement]) -> list[tuple[str, int, object]]:
    return [(s.kind, s.value, s.table_value) for s in statements]


def zero_report(year: int | None = 2024, layout: Layout = Layout()) -> Report:
    return empty_report(layout, agency="测试市人民政府", year=year, fill=0)


# --- the three fixtures ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fushun-justice-2020", "kewei-2024", "huaian-2024"])
def test_fixture_texts_agree_with_their_tables(name):
    report, texts = fixture(name)
    findings = narrative_findings(report, texts)
    assert [f for f in findings if f.check_id == MISMATCH] == []
    statements = narrative_statements(report, texts)
    assert statements, "every fixture states some figures in words"
    assert all(s.agrees is not False for s in statements if s.kind != PARTS_KIND)


def test_fushun_statements():
    report, texts = fixture("fushun-justice-2020")
    statements = narrative_statements(report, texts)
    assert summary(statements) == [(PARTS_KIND, 938, None), ("new_received", 0, 0)]
    parts, received = statements
    assert parts.parts == (8, 759, 171) and parts.agrees and parts.cells == ()
    assert "其中:概况类信息8条、政务动态信息759条、信息公开目录信息171条" in parts.quote
    assert received.cells == (t3("new_received"),)
    assert received.quote == "2020年度依申请公开0条"
    assert received.section == "全文"
    a, b = received.span
    assert texts["全文"][a:b] == received.quote
    assert narrative_findings(report, texts) == []


def test_kewei_statements():
    report, texts = fixture("kewei-2024")
    statements = narrative_statements(report, texts)
    tied = [(s.kind, s.value, s.table_value) for s in statements if s.kind != PARTS_KIND]
    assert tied == [
        ("review_total", 1, 1),  # "有 1 件涉及政府信息公开工作的行政复议"
        ("litigation_total", 0, 0),  # "涉及的行政诉讼数为 0 件"
        ("new_received", 34, 34),
        ("carried_over", 2, 2),
        ("granted", 9, 9),
        ("partially_granted", 0, 0),
        ("denied", 2, 2),  # 1 (内部事务) + 1 (过程性信息)
        ("unable", 10, 10),  # 4 + 6 + 0
        ("not_processed", 0, 0),
        ("other_processed", 14, 14),  # 10 + 0 + 4
        ("carried_forward", 1, None),  # the table left 结转下年度 总计 blank: no comparison
    ]
    by_kind = {s.kind: s for s in statements}
    assert by_kind["review_total"].quote == "2024 年市科委有 1 件涉及政府信息公开工作的行政复议"
    assert by_kind["granted"].quote == "同意公开答复 9 件"
    assert by_kind["denied"].cells == tuple(t3(r) for r in report.t3 if r.startswith("denied."))
    assert by_kind["carried_forward"].agrees is None


def test_kewei_website_figures_do_not_add_up_and_that_is_reported():
    # "全年累计发布信息 2139 条，其中动态类信息发布 1744 条，政务信息发布 393 条，解读类信息发布
    # 21 条，回应公众关注热点信息 2 条": 1744 + 393 + 21 + 2 = 2160, not 2139. The text really
    # says this (解读类 is probably counted inside 政务信息), so a warning is right.
    report, texts = fixture("kewei-2024")
    findings = narrative_findings(report, texts)
    assert [(f.check_id, f.level, f.expected, f.actual, f.cells) for f in findings] == [
        (PARTS_SUM, Level.WARNING, 2160, 2139, ())
    ]
    assert "1744+393+21+2" in findings[0].message and "2139" in findings[0].message
    # the 1640 篇 sentence has one 篇 part and a 人 figure: not a list of parts
    assert [s.value for s in narrative_statements(report, texts) if s.kind == PARTS_KIND] == [2139]


def test_huaian_statements():
    report, texts = fixture("huaian-2024")
    statements = narrative_statements(report, texts)
    got = {(s.kind, s.value): s for s in statements if s.kind != PARTS_KIND}
    expected = {
        ("new_received", 3119): (t3("new_received"),),
        ("result_total", 3050): (t3("result_total"),),  # "答复 3050 件（含上年度结转申请 …）"
        ("carried_over", 34): (t3("carried_over"),),
        ("carried_forward", 103): (t3("carried_forward"),),
        ("review_total", 351): t4("review_total"),
        ("review_maintained", 72): t4("review_maintained"),
        ("review_corrected", 64): t4("review_corrected"),
        ("review_other", 178): t4("review_other"),
        ("review_pending", 37): t4("review_pending"),
        ("litigation_total", 46): t4("lit_direct_total", "lit_after_review_total"),
        ("litigation_maintained", 25): t4("lit_direct_maintained", "lit_after_review_maintained"),
        ("litigation_corrected", 5): t4("lit_direct_corrected", "lit_after_review_corrected"),
        ("litigation_other", 9): t4("lit_direct_other", "lit_after_review_other"),
        ("litigation_pending", 7): t4("lit_direct_pending", "lit_after_review_pending"),
    }
    assert {k: s.cells for k, s in got.items()} == expected
    assert all(s.table_value == s.value for s in got.values())
    assert got[("new_received", 3119)].quote == "全市共受理政府信息公开申请 3119 件"
    assert got[("carried_forward", 103)].quote == "另有 103 件顺延到下年度"
    sums = [(s.value, s.parts) for s in statements if s.kind == PARTS_KIND]
    assert sums == [(351, (72, 64, 178, 37)), (46, (25, 5, 9, 7))]
    assert narrative_findings(report, texts) == []
    # 5500 余条 (approximate), 95 个, 4 次, 3940 元: not recognised
    assert not {5500, 95, 4, 3940} & {s.value for s in statements}


def test_huaian_with_a_different_table_is_caught():
    report, texts = fixture("huaian-2024")
    report = report.with_cell(CellRef("t4", "cases", "lit_after_review_total"), 21)
    findings = narrative_findings(report, texts)
    assert [(f.check_id, f.cells, f.expected, f.actual) for f in findings] == [
        (MISMATCH, t4("lit_direct_total", "lit_after_review_total"), 47, 46)
    ]
    assert findings[0].message == (
        "正文称“政府信息公开行政诉讼 46 件”，但表四行政诉讼总计（未经复议直接起诉与复议后起诉之和）为 47"
    )


# --- the two findings --------------------------------------------------------------------------


def test_fushun_text_against_a_table_with_five_new_requests():
    report, texts = fixture("fushun-justice-2020")
    report = report.with_cell(t3("new_received"), 5)
    findings = narrative_findings(report, texts)
    assert len(findings) == 1
    (f,) = findings
    assert f.check_id == MISMATCH and f.level == Level.WARNING
    assert f.cells == (t3("new_received"),)
    assert (f.expected, f.actual) == (5, 0)
    assert f.message == "正文称“2020年度依申请公开0条”，但表三本年新收申请总计为 5"
    assert f.to_json()["cells"] == ["t3[new_received][total]"]


def test_fushun_938_with_a_wrong_part():
    report, _ = fixture("fushun-justice-2020")
    text = FUSHUN_938.replace("171条", "170条")
    findings = narrative_findings(report, {"proactive": text})
    assert [(f.check_id, f.level, f.cells, f.expected, f.actual) for f in findings] == [
        (PARTS_SUM, Level.WARNING, (), 937, 938)
    ]
    assert findings[0].message == (
        "正文称“市司法局主动公开政府信息938条,其中:概况类信息8条、政务动态信息759条、"
        "信息公开目录信息170条”，但所列各项之和为 937（8+759+170），与总数 938 不符"
    )
    assert narrative_findings(report, {"proactive": FUSHUN_938}) == []


def test_default_texts_are_the_report_sections():
    report = replace(
        zero_report(),
        sections={
            "overview": "本年度工作有序推进。",
            "applications": "全年收到政府信息公开申请 34\n件，均已按时答复。",
        },
    )
    (s,) = narrative_statements(report)
    assert (s.kind, s.value, s.section, s.table_value) == ("new_received", 34, "applications", 0)
    assert s.quote == "全年收到政府信息公开申请 34件"  # the line break of the PDF is gone
    (f,) = narrative_findings(report)
    assert f.message == "正文称“全年收到政府信息公开申请 34件”，但表三本年新收申请总计为 0"
    assert narrative_findings(zero_report()) == []  # no sections, nothing to read


def test_v2019_other_processing_is_one_row():
    report = zero_report(2020, Layout("v2019", "v2019")).with_cell(t3("other"), 3)
    text = "在办结的政府信息公开申请中，其他处理 3 件。"
    (s,) = narrative_statements(report, {"applications": text})
    assert s.cells == (t3("other"),) and s.table_value == 3


def test_group_with_a_blank_cell_is_not_compared():
    report = zero_report().with_cell(t3("unable.not_held"), None)
    text = "在办结的政府信息公开申请中，无法提供 4 件。"
    (s,) = narrative_statements(report, {"applications": text})
    assert s.kind == "unable" and s.table_value is None and s.agrees is None
    assert narrative_findings(report, {"applications": text}) == []


def test_outcomes_listed_in_one_sentence():
    report = zero_report()
    for row, n in [("granted", 9), ("denied.process_info", 2), ("not_processed.duplicate", 1)]:
        report = report.with_cell(t3(row), n)
    text = (
        "所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件，"
        "无法提供的 0 件，不予处理 3 件，其他处理 0 件。"
    )
    findings = narrative_findings(report, {"全文": text})
    assert [(f.cells, f.expected, f.actual) for f in findings] == [
        (cells_of(report, "not_processed"), 1, 3)
    ]
    assert "“不予处理 3 件”" in findings[0].message


def test_review_parts_and_litigation_split_over_two_columns():
    report = zero_report()
    for col, n in [("review_maintained", 2), ("review_pending", 1), ("review_total", 3)]:
        report = report.with_cell(CellRef("t4", "cases", col), n)
    for col, n in [("lit_direct_total", 1), ("lit_direct_corrected", 1)]:
        report = report.with_cell(CellRef("t4", "cases", col), n)
    text = (
        "本年度因政府信息公开工作被申请行政复议 3 件，其中结果维持 2 件，结果纠正 1 件，"
        "其他结果 0 件，尚未审结 0 件；被提起行政诉讼 1 件。"
    )
    findings = narrative_findings(report, {"review_litigation": text})
    assert [(f.cells, f.expected, f.actual) for f in findings] == [
        (t4("review_corrected"), 0, 1),
        (t4("review_pending"), 1, 0),
    ]


# --- must stay silent ----------------------------------------------------------------------

SILENT = [
    "2023年收到政府信息公开申请30件。",  # another year
    "上年度收到政府信息公开申请40件。",
    "收到政府信息公开申请同比增加5件。",  # a change, not a count
    "与上年相比，收到政府信息公开申请减少了5件。",
    "其中市本级收到政府信息公开申请12件。",  # a sub-unit
    "市本级共收到政府信息公开申请12件。",
    "在办结的政府信息公开申请中，予以公开占比45%。",  # a percentage
    "政府信息公开申请予以公开率为 45%。",
    "上半年收到政府信息公开申请20件。",  # part of the year
    "1-6月收到政府信息公开申请20件。",
    "截至2024年10月底，收到政府信息公开申请20件。",
    "2024年1月1日至6月30日，收到政府信息公开申请20件。",
    "自2019年以来，累计收到政府信息公开申请500件。",  # more than the year
    "累计收到政府信息公开申请500件。",
    "收到政府信息公开申请3 119件。",  # digits grouped by a space: not "119件"
    "全年收到政府信息公开申请20至30件。",  # a range
    "全年收到政府信息公开申请近3000件。",  # approximate
    "全年收到政府信息公开申请3000余件。",
    "因政府信息公开被申请行政复议、提起行政诉讼共3件。",  # one figure for two cells
    "政府信息公开申请中，予以公开和部分公开共12件。",
    "全年办理行政复议案件120件。",  # a 司法局's own cases, not about disclosure
    "对文件进行公开属性审查，予以公开80件，不予公开5件。",  # not about applications
    "主动公开政府信息938条，其中：概况类8条、动态759条，另有目录信息170条。",  # 另
    "主动公开政府信息938条，其中：概况类8条、动态759条，目录170条。",  # where does it end?
    "主动公开政府信息938条，其中包括：规范性文件13件；规划2件。",  # an open list
]


@pytest.mark.parametrize("text", SILENT)
def test_silent(text):
    report = empty_report(Layout(), year=2024, fill=7)  # any recognised 30, 40, 5 … would clash
    assert narrative_statements(report, {"全文": text}) == []
    assert narrative_findings(report, {"全文": text}) == []


# The first figure is read; the second must not be (and no parts sum is made).
SILENT_AFTER_A_TOTAL = [
    ("全市共收到政府信息公开申请50件，其中市本级受理政府信息公开申请20件。", 20),
    ("收到政府信息公开申请50件，其中市政府办公室予以公开20件。", 20),  # a sub-unit's outcome
    ("收到政府信息公开申请100件，其中自然人申请占90%、法人申请占10%。", 90),
    ("收到政府信息公开申请50件，其中网上收到政府信息公开申请20件。", 20),  # a subset
    ("全年收到政府信息公开申请50件，办结20件。", 20),  # 办结 of this year's requests only?
    ("全年收到政府信息公开申请50件，同比增长20%。", 20),
]


@pytest.mark.parametrize(("text", "figure"), SILENT_AFTER_A_TOTAL)
def test_silent_after_a_total(text, figure):
    report = zero_report().with_cell(t3("new_received"), 50 if "50" in text else 100)
    statements = narrative_statements(report, {"全文": text})
    assert [(s.kind, s.agrees) for s in statements] == [("new_received", True)]
    assert figure not in [s.value for s in statements]
    assert narrative_findings(report, {"全文": text}) == []


def test_outcomes_after_qizhong_are_read_but_not_summed():
    # outcome lists are often partial and add up to concluded (not received) requests
    report = zero_report().with_cell(t3("new_received"), 50).with_cell(t3("granted"), 20)
    text = "收到政府信息公开申请50件，其中予以公开20件，部分公开0件。"
    assert summary(narrative_statements(report, {"全文": text})) == [
        ("new_received", 50, 50),
        ("granted", 20, 20),
        ("partially_granted", 0, 0),
    ]
    assert narrative_findings(report, {"全文": text}) == []


def test_blank_table_cell_gives_no_finding():
    report, texts = fixture("kewei-2024")  # 结转下年度继续办理 总计 is blank
    text = "政府信息公开申请转下一年度办理答复的有 5 件。"
    (s,) = narrative_statements(report, {"applications": text})
    assert s.kind == "carried_forward" and s.table_value is None
    assert narrative_findings(report, {"applications": text}) == []


def test_review_and_litigation_in_one_clause():
    report = zero_report().with_cell(CellRef("t4", "cases", "lit_after_review_total"), 2)
    text = "因政府信息公开工作被申请行政复议0件、被提起行政诉讼2件。"
    assert summary(narrative_statements(report, {"x": text})) == [
        ("review_total", 0, 0),
        ("litigation_total", 2, 2),
    ]
    text = "全年收到2件涉及政府信息公开的行政诉讼。"
    assert summary(narrative_statements(report, {"x": text})) == [("litigation_total", 2, 2)]
    text = "因政府信息公开工作被申请行政复议和提起行政诉讼2件。"
    assert narrative_statements(report, {"x": text}) == []


def test_whole_year_wording_is_read():
    report = zero_report()
    for text in [
        "全年累计收到政府信息公开申请20件。",
        "2024年1月1日至12月31日，收到政府信息公开申请20件。",
        "今年以来，共收到政府信息公开申请20件。",
        "全年收到政府信息公开申请２０件。",  # full-width digits
        "全年收到政府信息公开申请达到20件。",  # 到 before the number is not a range
    ]:
        assert summary(narrative_statements(report, {"x": text})) == [("new_received", 20, 0)]


def test_year_unknown_accepts_one_year_but_not_two():
    report = zero_report(year=None)
    assert narrative_statements(report, {"x": "2024年收到政府信息公开申请3件。"})
    assert not narrative_statements(report, {"x": "2024年与2023年收到政府信息公开申请3件。"})


def test_kinds_have_labels_and_cells():
    for layout in (Layout("v2019", "v2019"), Layout("v2021", "v2021"), Layout("v2021", "v2019")):
        report = zero_report(layout=layout)
        for kind in KINDS:
            assert cells_of(report, kind), (layout, kind)


# --- property: templates with random numbers -----------------------------------------------

SINGLE: dict[str, list[str]] = {
    "new_received": [
        "全年收到政府信息公开申请{n}件。",
        "{y}年，全市共受理政府信息公开申请{n}件。",
        "{y}年度依申请公开{n}条。",
    ],
    "carried_over": [
        "上年结转政府信息公开申请{n}件。",
        "政府信息公开申请方面，含上年度结转申请{n}件。",
    ],
    "carried_forward": [
        "政府信息公开申请中，另有{n}件顺延到下年度答复。",
        "政府信息公开申请转下一年度办理答复的有{n}件。",
    ],
    "result_total": ["全年共办结政府信息公开申请{n}件。"],
    "granted": [
        "所有办结的信息公开申请中同意公开答复{n}件。",
        "在办结的政府信息公开申请中，予以公开{n}件。",
    ],
    "partially_granted": ["在办结的政府信息公开申请中，部分公开答复{n}件。"],
    "denied": ["在办结的政府信息公开申请中，不予公开{n}件。"],
    "unable": ["在办结的政府信息公开申请中，无法提供的{n}件。"],
    "not_processed": ["在办结的政府信息公开申请中，不予处理{n}件。"],
    "other_processed": ["在办结的政府信息公开申请中，其他处理{n}件。"],
    "review_total": [
        "因政府信息公开工作被申请行政复议{n}件。",
        "{y}年有{n}件涉及政府信息公开工作的行政复议。",
    ],
    "litigation_total": ["政府信息公开行政诉讼{n}件。"],
}
PARTS_TEMPLATE = (
    "主动公开政府信息{t}条，其中：概况类信息{a}条、政务动态信息{b}条、信息公开目录信息{c}条。"
)
NOISE = [
    "2023年收到政府信息公开申请{m}件。",
    "收到政府信息公开申请同比增加{m}件。",
    "其中市本级收到政府信息公开申请{m}件。",
    "全年办理行政复议案件{m}件。",
    "政府信息公开申请予以公开率为{m}%。",
    "网站全年访问量{m}次。",
    "本年度工作有序推进，政务公开水平不断提升。",
]
NUMBERS = st.integers(min_value=0, max_value=5000)
SPACE = st.sampled_from(["", " ", "\n", " \n", "\n "])


def set_kind(report: Report, kind: str, n: int, split: int) -> Report:
    """A report whose cells for `kind` hold n (a group: first row; litigation: two columns)."""
    cells = cells_of(report, kind)
    if kind == "litigation_total":
        report = report.with_cell(cells[0], min(split, n))
        return report.with_cell(cells[1], n - min(split, n))
    return report.with_cell(cells[0], n)


@st.composite
def narrative(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(SINGLE)), min_size=1, max_size=8, unique=True))
    report = zero_report()
    pieces: list[tuple[str | None, str, dict[str, int]]] = []
    for kind in kinds:
        n = draw(NUMBERS)
        report = set_kind(report, kind, n, draw(NUMBERS))
        pieces.append((kind, draw(st.sampled_from(SINGLE[kind])), {"n": n}))
    if draw(st.booleans()):
        a, b, c = draw(NUMBERS), draw(NUMBERS), draw(NUMBERS)
        pieces.append((PARTS_KIND, PARTS_TEMPLATE, {"t": a + b + c, "a": a, "b": b, "c": c}))
    for noise in draw(st.lists(st.sampled_from(NOISE), max_size=4)):
        pieces.append((None, noise, {"m": draw(NUMBERS)}))
    order = draw(st.permutations(range(len(pieces))))
    spaces = [draw(SPACE) for _ in range(2 * sum(len(p[2]) for p in pieces) + 2)]
    section = draw(st.sampled_from(["全文", "overview", "applications"]))
    return report, [pieces[i] for i in order], spaces, section


def render(pieces, spaces, changed: tuple[int, str] | None = None, delta: int = 0) -> str:
    """The text, with spaces/line breaks around numbers; `changed` = (piece, field) + delta."""
    it = iter(spaces)
    out = []
    for i, (_, template, numbers) in enumerate(pieces):
        values = {
            k: f"{next(it)}{v + (delta if changed == (i, k) else 0)}{next(it)}"
            for k, v in numbers.items()
        }
        out.append(template.format(y=2024, **values))
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(narrative(), st.data())
def test_random_texts_from_the_templates(case, data):
    report, pieces, spaces, section = case
    text = render(pieces, spaces)
    statements = narrative_statements(report, {section: text})
    assert narrative_findings(report, {section: text}) == [], text
    stated = {s.kind for s in statements}
    assert stated == {k for k, _, _ in pieces if k is not None}, text

    # change one number of the text: exactly the matching finding
    candidates = [(i, f) for i, p in enumerate(pieces) if p[0] for f in p[2]]
    i, field = data.draw(st.sampled_from(candidates))
    delta = data.draw(st.integers(min_value=1, max_value=30))
    kind = pieces[i][0]
    changed = render(pieces, spaces, (i, field), delta)
    findings = narrative_findings(report, {section: changed})
    assert len(findings) == 1, (changed, [f.message for f in findings])
    (f,) = findings
    assert f.level == Level.WARNING
    if kind == PARTS_KIND:
        numbers = pieces[i][2]
        assert f.check_id == PARTS_SUM and f.cells == ()
        assert f.actual - f.expected == (delta if field == "t" else -delta)
        assert f.actual == numbers["t"] + (delta if field == "t" else 0)
    else:
        n = pieces[i][2]["n"]
        assert f.check_id == MISMATCH and f.cells == cells_of(report, kind)
        assert (f.expected, f.actual) == (n, n + delta)
        assert str(n + delta) in f.message

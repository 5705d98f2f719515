"""Crawled page text whose cells run together: filled means exact, the rest unread with candidates.

The texts are made here by gluing the cells of rendered reports (glue.py), as a crawler does.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual.audit import audit
from xxgk.annual.batch import check_folder
from xxgk.annual.checks import run_checks, summary, unread_findings
from xxgk.annual.cli import main
from xxgk.annual.glued import read_glued, splits
from xxgk.annual.jsonio import loads
from xxgk.annual.model import CellRef
from xxgk.annual.parse import ParseResult, TablesUnreadable, parse_bytes
from xxgk.annual.render import render

from .glue import glue
from .strategies import LAYOUTS, consistent_report

FIXTURES = Path("../shared/fixtures/reports")
NAMES = ["fushun-justice-2020", "huaian-2024", "kewei-2024", "city-2025-t3"]


def expected(name: str):
    return loads((FIXTURES / f"{name}.expected.json").read_bytes())


def assert_filled_means_exact(result: ParseResult, want) -> int:
    """Every filled cell equals the truth; every cell left empty that holds a number in the
    truth is listed as unread, with a warning naming it; candidates include the truth."""
    wrong = [
        f"{ref}: {v!r} read as {result.report.get(ref)!r}"
        for ref, v in want.cells()
        if result.report.get(ref) is not None and result.report.get(ref) != v
    ]
    assert wrong == []
    missing = [ref for ref, v in want.cells() if v is not None and result.report.get(ref) is None]
    assert set(missing) <= result.unread
    named = {w.cell for w in result.warnings if w.cell}
    for ref in result.unread:
        row_first = next(r for r in named if r.table == ref.table and r.row == ref.row)
        assert ref in named or row_first, ref
        if ref in result.candidates:
            assert len(result.candidates[ref]) >= 2
            assert want.get(ref) in result.candidates[ref]
    return len(missing)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_glued_fixtures_read_exactly_what_their_arithmetic_decides(name, seed):
    """Seed 0: no separator at all; 1: a crawler's header and some spaces; 2: more spaces."""
    want = expected(name)
    text = glue(
        render(want, "html"), random.Random(seed), header=seed == 1, spaces=(0.0, 0.1, 0.3)[seed]
    )
    result = parse_bytes(text.encode("utf-8"), name="crawl.txt")
    unread = assert_filled_means_exact(result, want)
    assert (result.report.agency, result.report.year) == (want.agency, want.year)
    # table 三 is decided by its equations: at most a row or two stay open
    t3_unread = [r for r in result.unread if r.table == "t3"]
    assert len(t3_unread) <= 7, t3_unread
    assert unread <= 25


def test_the_rows_of_the_issue_read_as_the_report_meant():
    text = "\n".join(
        [
            "某县司法局2022年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"
            "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
            "一、本年新收政府信息公开申请数量1400000 14",
            "二、上年结转政府信息公开申请数量0000000",
            "三、本年度办理结果（一）予以公开0000000",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）700000 7",
            "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
            "3.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息0000000"
            "6.属于四类过程性信息00000007.属于行政执法案卷00000008.属于行政查询事项0000000",
            "（四）无法提供1.本机关不掌握相关政府信息60000062.没有现成信息需要另行制作0000000"
            "3.补正后申请内容仍不明确0000000",
            "（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物0000000"
            "4.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000",
            "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请0000000"
            "3.其他1000001",
            "（七）总计140000014",
            "四、结转下年度继续办理0000000",
        ]
    )
    result = parse_bytes(text.encode("utf-8"), name="crawl.txt")
    t3 = result.report.t3
    assert list(t3["new_received"].values()) == [14, 0, 0, 0, 0, 0, 14]
    assert list(t3["partially_granted"].values()) == [7, 0, 0, 0, 0, 0, 7]
    assert list(t3["unable.not_held"].values()) == [6, 0, 0, 0, 0, 0, 6]
    assert list(t3["result_total"].values()) == [14, 0, 0, 0, 0, 0, 14]
    assert (result.report.agency, result.report.year) == ("某县司法局", 2022)
    assert not any(r.table == "t3" for r in result.unread)
    # tables 二 and 四 are missing: never "passed"
    assert {r.table for r in result.unread} == {"t2", "t4"}


def test_a_row_with_two_consistent_readings_stays_unread_with_both_candidates():
    # 1|1|0|0|0|0|2 or 11|… : "1100002" — the total decides 1+1 = 2, but "2" alone could be
    # cut several ways only if the equations allow; here two rows are genuinely ambiguous
    reading = read_glued(
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量111000012\n"
        "二、上年结转政府信息公开申请数量0000000\n"
    )
    assert reading is not None
    ref = CellRef("t3", "new_received", "natural_person")
    # 1|11|0|0|0|0|12 and 11|1|0|0|0|0|12 both make the total: neither is filled
    assert ref in reading.unread
    assert {1, 11} <= set(reading.candidates[ref])
    assert reading.report.t3["new_received"]["total"] == 12


def test_splits_respect_bounds_and_boundaries():
    int7 = ("int",) * 7
    assert list(splits(["0000000"], int7)) == [("0",) * 7]
    assert list(splits(["1400000", "14"], int7, [(6, range(6))])) == [
        ("14", "0", "0", "0", "0", "0", "14")
    ]
    # no leading zeros but a lone 0
    assert ("0", "1") in list(splits(["01"], ("int", "int")))
    assert all(not p.startswith("0") or p == "0" for s in splits(["1005"], ("int",) * 2) for p in s)


def test_title_gives_agency_and_year_when_no_table_can_be_read():
    text = "示范县交通运输局2023年政府信息公开工作年度报告\n一、总体情况\n本局认真贯彻落实政府信息公开条例。\n"
    with pytest.raises(TablesUnreadable) as err:
        parse_bytes(text.encode("utf-8"), name="x.txt")
    assert (err.value.agency, err.value.year) == ("示范县交通运输局", 2023)
    assert "表二、表三未能读取" in str(err.value)
    assert "不是政府信息公开工作年度报告" not in str(err.value)


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    st.sampled_from(LAYOUTS).flatmap(lambda lay: consistent_report(layout=lay)),
    st.integers(0, 10**6),
)
def test_property_filled_means_exact(report, seed):
    """The rule, over random balanced reports glued at random: a filled cell is exact."""
    report = replace(report, agency="示范市司法局", year=2025)
    text = glue(render(report, "html"), random.Random(seed))
    result = parse_bytes(text.encode("utf-8"), name="crawl.txt")
    assert_filled_means_exact(result, report)


# ------------------------------------------------------------------ unread is not passed


@pytest.fixture
def glued_file(tmp_path):
    text = glue(render(expected("fushun-justice-2020"), "html"), random.Random(0))
    path = tmp_path / "crawl.txt"
    path.write_text(text, "utf-8")
    return path


def test_audit_of_unread_cells_is_incomplete_never_passed(glued_file):
    result = audit(glued_file)
    assert result.unread and not result.has_errors
    assert result.status == "不完整"
    ids = {f.check_id for f in result.findings}
    assert "UNREAD_CELL" in ids
    assert not any(
        f.check_id == "BLANK_CELL" and f.cells[0] in result.unread for f in result.findings
    )


def test_report_check_exits_3_and_says_incomplete(glued_file, capsys):
    assert main(["check", str(glued_file)]) == 3
    out = capsys.readouterr().out
    assert "检查通过" not in out
    assert "检查不完整" in out and "个单元格未能读取" in out
    assert main(["check", str(glued_file), "--format", "json"]) == 3
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "不完整" and doc["unread_cells"]
    assert any("candidates" in c for c in doc["unread_cells"])


def test_an_error_involving_an_unread_cell_says_so():
    report = expected("fushun-justice-2020")
    lost = CellRef("t3", "granted", "natural_person")
    report = report.with_cell(CellRef("t3", "result_total", "natural_person"), 3)
    report = report.with_cell(CellRef("t3", "result_total", "total"), 3)
    report = report.with_cell(lost, None)
    findings = unread_findings(run_checks(report), {lost}, report.layout)
    errors = [f for f in findings if f.level == "error" and lost in f.cells]
    assert errors and all("涉及未能读取的单元格" in f.message for f in errors)
    assert [f.check_id for f in findings if lost in f.cells and f.level == "warning"] == [
        "UNREAD_CELL"
    ]
    assert "检查未通过" in summary(findings, {lost}) and "1 个单元格未能读取" in summary(
        findings, {lost}
    )
    assert summary([], {lost}).startswith("检查不完整：1 个单元格未能读取")


def test_batch_csv_has_status_and_unread_count(tmp_path, glued_file):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a-glued.txt").write_text(glued_file.read_text("utf-8"), "utf-8")
    (folder / "b-clean.json").write_bytes(
        (FIXTURES / "fushun-justice-2020.expected.json").read_bytes()
    )
    (folder / "c-title-only.txt").write_text(
        "示范县交通运输局2023年政府信息公开工作年度报告\n本局认真贯彻落实政府信息公开条例。\n",
        "utf-8",
    )
    out = tmp_path / "summary.csv"
    code = check_folder(folder, csv_path=str(out))
    rows = {Path(r["file"]).name: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert (
        rows["a-glued.txt"]["status"] == "不完整" and int(rows["a-glued.txt"]["unread_cells"]) > 0
    )
    assert rows["b-clean.json"]["status"] == "通过" and rows["b-clean.json"]["unread_cells"] == "0"
    c = rows["c-title-only.txt"]
    assert c["status"] == "无法读取" and c["agency"] == "示范县交通运输局" and c["year"] == "2023"
    assert code == 1  # an unreadable file in the batch


def test_output_to_a_device_is_written_through_not_replaced(tmp_path):
    """`-o /dev/null` must not replace the device with a file (it once did)."""
    import os
    import stat

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert main(["parse", str(FIXTURES / "kewei-2024.md"), "-o", str(fifo)]) == 0
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert os.read(reader, 10)  # the JSON went through the pipe
    finally:
        os.close(reader)


def test_hostile_glued_text_ends_quickly_and_fills_nothing_wrong():
    """Long digit runs and many ambiguous rows: bounded work, a clear reading or none."""
    import time

    labels = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    rng = random.Random(7)
    rows = [lab + "".join(rng.choice("123456789") for _ in range(40)) for lab in labels]
    text = "某县2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\n".join(
        rows + ["（七）总计" + "9" * 5000, "四、结转下年度继续办理1" * 3]
    )
    start = time.perf_counter()
    try:
        result = parse_bytes(text.encode("utf-8"), name="hostile.txt")
    except TablesUnreadable:
        return
    finally:
        assert time.perf_counter() - start < 5
    assert all(v is None for r, v in result.report.cells() if r.table == "t3")

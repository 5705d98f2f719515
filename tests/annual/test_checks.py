"""Each check has a passing and a failing example; every YAML check id is implemented."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from xxgk.annual import load
from xxgk.annual.checks import REGISTRY, run_checks, summary
from xxgk.annual.model import CellRef, Layout, Level, empty_report
from xxgk.annual.templates import VERSIONS, template

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "reports"


def zero(layout=Layout("v2021", "v2021"), **kw):
    return empty_report(layout, agency="示范市司法局", year=2025, fill=0, **kw)


def ids(findings, level=None):
    return [f.check_id for f in findings if level is None or f.level == level]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_check_in_the_yaml_has_an_implementation(version):
    for spec in template(version).checks:
        assert spec.id in REGISTRY, spec.id


def test_an_all_zero_report_passes():
    for layout in (Layout("v2019", "v2019"), Layout("v2021", "v2021"), Layout("v2021", "v2019")):
        assert run_checks(zero(layout)) == []


def test_fushun_fixture_has_exactly_one_blank_cell_and_no_error():
    report = load(FIXTURES / "fushun-justice-2020.expected.json")
    findings = run_checks(report)
    assert [(f.check_id, f.cells) for f in findings] == [
        ("BLANK_CELL", (CellRef("t3", "unable.unclear_after_correction", "total"),))
    ]
    assert findings[0].level == Level.WARNING
    assert "补正后申请内容仍不明确" in findings[0].message and "总计" in findings[0].message


def test_column_balance_fails_when_one_plus_two_differs_from_three_plus_four():
    r = zero()
    for col in ("natural_person", "total"):
        r = r.with_cell(CellRef("t3", "new_received", col), 3)
        r = r.with_cell(CellRef("t3", "granted", col), 2)
        r = r.with_cell(CellRef("t3", "result_total", col), 2)
    findings = run_checks(r)
    bal = [f for f in findings if f.check_id == "T3_COLUMN_BALANCE"]
    assert len(bal) == 2 and all(f.level == Level.ERROR for f in bal)
    assert (bal[0].expected, bal[0].actual) == (2, 3)
    assert "自然人" in bal[0].message
    # fixing it with a carried-forward case balances the table
    for col in ("natural_person", "total"):
        r = r.with_cell(CellRef("t3", "carried_forward", col), 1)
    assert run_checks(r) == []


def test_result_total_uses_the_v2019_single_other_row_and_the_v2021_split():
    r19 = zero(Layout("v2019", "v2019")).with_cell(CellRef("t3", "other", "legal_other"), 1)
    assert "T3_RESULT_TOTAL" in ids(run_checks(r19))
    r21 = zero().with_cell(CellRef("t3", "other.fee_unpaid", "legal_other"), 1)
    f = [x for x in run_checks(r21) if x.check_id == "T3_RESULT_TOTAL"]
    assert f and CellRef("t3", "other.fee_unpaid", "legal_other") in f[0].cells


def test_result_total_is_skipped_when_the_detail_rows_of_a_column_are_blank():
    r = zero()
    for key in template("v2021").t3.row_keys():
        if key not in ("new_received", "carried_over", "result_total", "carried_forward"):
            r = r.with_cell(CellRef("t3", key, "total"), None)
    r = r.with_cell(CellRef("t3", "new_received", "total"), 0)
    assert "T3_RESULT_TOTAL" not in ids(run_checks(r))
    assert "BLANK_CELL" in ids(run_checks(r))


def test_row_total_fails_and_is_skipped_for_a_blank_total():
    r = zero().with_cell(CellRef("t3", "granted", "legal_research"), 4)
    found = [f for f in run_checks(r) if f.check_id == "T3_ROW_TOTAL"]
    assert len(found) == 1 and found[0].expected == 4 and found[0].actual == 0
    assert "予以公开" in found[0].message
    blank_total = zero().with_cell(CellRef("t3", "granted", "total"), None)
    assert "T3_ROW_TOTAL" not in ids(run_checks(blank_total))


@pytest.mark.parametrize(
    "prefix,check_id",
    [
        ("review", "T4_REVIEW_TOTAL"),
        ("lit_direct", "T4_LIT_DIRECT_TOTAL"),
        ("lit_after_review", "T4_LIT_AFTER_REVIEW_TOTAL"),
    ],
)
def test_table_four_totals(prefix, check_id):
    bad = zero().with_cell(CellRef("t4", "cases", f"{prefix}_pending"), 2)
    assert ids(run_checks(bad), Level.ERROR) == [check_id]
    good = bad.with_cell(CellRef("t4", "cases", f"{prefix}_total"), 2)
    assert run_checks(good) == []


def test_negative_counts_are_errors_but_the_v2019_change_column_may_be_negative():
    r19 = zero(Layout("v2019", "v2019")).with_cell(
        CellRef("t2", "art20_5.admin_licensing", "items_change"), -8
    )
    assert run_checks(r19) == []
    neg = r19.with_cell(CellRef("t2", "art20_5.admin_licensing", "decisions"), -1)
    assert ids(run_checks(neg), Level.ERROR) == ["NONNEGATIVE_COUNTS"]
    frac = zero().with_cell(CellRef("t4", "cases", "review_total"), Decimal("1.5"))
    assert "NONNEGATIVE_COUNTS" in ids(run_checks(frac), Level.ERROR)


def test_v2021_in_force_cells_have_their_own_check_id():
    r = zero().with_cell(CellRef("t2", "art20_1.regulations", "in_force"), -2)
    assert ids(run_checks(r), Level.ERROR) == ["T2_IN_FORCE_NOT_LESS_THAN_ZERO"]
    r19 = zero(Layout("v2019", "v2019")).with_cell(
        CellRef("t2", "art20_1.regulations", "total_published"), -2
    )
    assert ids(run_checks(r19), Level.ERROR) == ["NONNEGATIVE_COUNTS"]


def test_fee_amount_may_be_decimal_but_not_negative():
    ref = CellRef("t2", "art20_8.admin_fees", "fee_amount")
    assert run_checks(zero().with_cell(ref, Decimal("12.35"))) == []
    assert ids(run_checks(zero().with_cell(ref, Decimal("-0.5"))), Level.ERROR) == [
        "NONNEGATIVE_COUNTS"
    ]


def test_v2019_published_not_above_total_is_a_warning():
    r = zero(Layout("v2019", "v2019")).with_cell(
        CellRef("t2", "art20_1.regulations", "newly_published"), 3
    )
    found = run_checks(r)
    assert [(f.check_id, f.level) for f in found] == [("T2_2019_PUBLISHED_LE_TOTAL", Level.WARNING)]


def test_carry_continuity_compares_with_last_year():
    prev = zero().with_cell(CellRef("t3", "carried_forward", "natural_person"), 2)
    prev = prev.with_cell(CellRef("t3", "carried_forward", "total"), 2)
    prev = prev.with_cell(CellRef("t3", "new_received", "natural_person"), 2)
    prev = prev.with_cell(CellRef("t3", "new_received", "total"), 2)
    prev = replace(prev, year=2024)
    cur = zero()
    found = [f for f in run_checks(cur, previous=prev) if f.check_id == "T3_CARRY_CONTINUITY"]
    assert len(found) == 2 and all(f.level == Level.WARNING for f in found)
    assert found[0].expected == 2 and found[0].actual == 0
    assert run_checks(cur) == []  # without the previous year there is nothing to compare


def test_a_previous_report_of_another_year_is_not_compared():
    prev = replace(zero(), year=2020)
    prev = prev.with_cell(CellRef("t3", "carried_forward", "total"), 5)
    found = run_checks(zero(), previous=prev)
    assert ids(found) == ["PREVIOUS_NOT_PRECEDING_YEAR"]
    assert found[0].level == Level.INFO


def test_in_force_roll_forward_warns():
    prev = replace(zero(), year=2024).with_cell(
        CellRef("t2", "art20_1.regulations", "in_force"), 10
    )
    cur = zero().with_cell(CellRef("t2", "art20_1.regulations", "in_force"), 12)
    cur = cur.with_cell(CellRef("t2", "art20_1.regulations", "issued"), 3)
    found = [f for f in run_checks(cur, previous=prev) if f.check_id == "T2_IN_FORCE_ROLLFORWARD"]
    assert len(found) == 1 and found[0].expected == 13 and found[0].level == Level.WARNING
    assert (
        run_checks(
            cur.with_cell(CellRef("t2", "art20_1.regulations", "repealed"), 1), previous=prev
        )
        == []
    )


def test_items_roll_forward_between_two_v2019_reports():
    v19 = Layout("v2019", "v2019")
    ref_prev, ref_change = (
        CellRef("t2", "art20_5.admin_licensing", c) for c in ("items_prev_year", "items_change")
    )
    prev = replace(zero(v19), year=2024).with_cell(ref_prev, 10).with_cell(ref_change, -3)
    assert ids(run_checks(zero(v19), previous=prev)) == ["T2_2019_ITEMS_ROLLFORWARD"]
    assert run_checks(zero(v19).with_cell(ref_prev, 7), previous=prev) == []


def test_fee_unpaid_needs_section_six_to_mention_fees():
    ref = CellRef("t3", "other.fee_unpaid", "natural_person")
    r = zero().with_cell(ref, 1).with_cell(CellRef("t3", "other.fee_unpaid", "total"), 1)
    for col in ("natural_person", "total"):
        r = r.with_cell(CellRef("t3", "result_total", col), 1).with_cell(
            CellRef("t3", "new_received", col), 1
        )
    assert run_checks(r) == []  # no section text: nothing to read
    silent = replace(r, sections={"other_matters": "无。"})
    assert ids(run_checks(silent)) == ["T3_FEE_UNPAID_NEEDS_FEE_REGIME"]
    told = replace(r, sections={"other_matters": "本年度收取信息处理费0元。"})
    assert run_checks(told) == []


def test_a_wholly_blank_table_is_one_finding():
    r = empty_report(Layout(), agency=None, year=2025)
    found = run_checks(r)
    assert ids(found) == ["TABLE_BLANK", "TABLE_BLANK", "TABLE_BLANK"]
    assert "检查通过" in summary(found)

"""Property tests: consistent reports pass every official and implied check, and a single
changed number is caught.

Table 二 has no arithmetic relation inside one year in the national template, so a plausible
change to one of its cells can only be caught year-over-year (the heuristic roll-forward checks,
which cover art20_1 in v2021 and items_prev_year in v2019) or when it breaks the value rules
(negative, fractional). The tests below state exactly that.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual import dumps, loads
from xxgk.annual.checks import run_checks
from xxgk.annual.model import CellRef, Level, column_of

from .strategies import LAYOUTS, consistent_report

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def errors(findings):
    return [f for f in findings if f.level == Level.ERROR]


@FAST
@given(st.sampled_from(LAYOUTS).flatmap(lambda lay: consistent_report(layout=lay)))
def test_consistent_reports_pass_every_official_and_implied_check(report):
    findings = run_checks(report)
    assert findings == [], findings


@FAST
@given(
    st.sampled_from(LAYOUTS).flatmap(
        lambda lay: consistent_report(layout=lay).flatmap(
            lambda prev: st.tuples(st.just(prev), consistent_report(previous=prev))
        )
    )
)
def test_consecutive_years_pass_the_year_over_year_checks_too(pair):
    previous, report = pair
    assert run_checks(report, previous=previous) == []


def _changed(value, delta):
    if isinstance(value, Decimal):
        return value + Decimal(delta)
    return value + delta


@FAST
@given(
    st.sampled_from(LAYOUTS).flatmap(lambda lay: consistent_report(layout=lay)),
    st.data(),
)
def test_any_changed_number_in_tables_three_and_four_is_an_error(report, data):
    refs = [ref for ref, _ in report.cells() if ref.table in ("t3", "t4")]
    ref = data.draw(st.sampled_from(refs))
    old = report.get(ref)
    delta = data.draw(
        st.integers(1, 30).filter(lambda d: old + d >= 0)
        | st.integers(-30, -1).filter(lambda d: old + d >= 0)
    )
    changed = report.with_cell(ref, old + delta)
    found = errors(run_checks(changed))
    assert found, f"{ref}: {old} -> {old + delta} not caught"
    assert any(ref in f.cells for f in found)


@FAST
@given(st.sampled_from(LAYOUTS).flatmap(lambda lay: consistent_report(layout=lay)), st.data())
def test_any_cell_made_blank_is_reported(report, data):
    ref = data.draw(st.sampled_from([ref for ref, _ in report.cells()]))
    findings = run_checks(report.with_cell(ref, None))
    assert any(f.check_id == "BLANK_CELL" and f.cells == (ref,) for f in findings)


@FAST
@given(st.sampled_from(LAYOUTS).flatmap(lambda lay: consistent_report(layout=lay)), st.data())
def test_a_negative_or_fractional_count_anywhere_is_an_error(report, data):
    refs = [
        ref for ref, _ in report.cells() if column_of(report.layout, ref).numeric_kind != "signed"
    ]
    ref = data.draw(st.sampled_from(refs))
    bad = data.draw(st.sampled_from([-1, -7]))
    kind = column_of(report.layout, ref).numeric_kind
    if kind == "int" and data.draw(st.booleans()):
        bad = Decimal("2.5")
    found = errors(run_checks(report.with_cell(ref, bad)))
    assert any(ref in f.cells for f in found), (ref, bad)


@FAST
@given(
    st.sampled_from(LAYOUTS).flatmap(
        lambda lay: consistent_report(layout=lay).flatmap(
            lambda prev: st.tuples(st.just(prev), consistent_report(previous=prev))
        )
    ),
    st.data(),
)
def test_a_changed_roll_forward_cell_of_table_two_is_caught_year_over_year(pair, data):
    previous, report = pair
    cols = (
        ("in_force", "issued", "repealed") if report.layout.t2 == "v2021" else ("items_prev_year",)
    )
    refs = [ref for ref, _ in report.cells() if ref.table == "t2" and ref.col in cols]
    ref = data.draw(st.sampled_from(refs))
    changed = report.with_cell(ref, report.get(ref) + data.draw(st.integers(1, 9)))
    found = run_checks(changed, previous=previous)
    assert any(ref in f.cells for f in found), ref


@FAST
@given(st.sampled_from(LAYOUTS).flatmap(lambda lay: consistent_report(layout=lay)))
def test_json_round_trip_keeps_every_cell(report):
    again = loads(dumps(report))
    assert again == report
    assert CellRef("t3", "result_total", "total") in dict(again.cells())

"""xxgk-annual-report/1: every fixture round-trips; bad documents give one-line errors naming the cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xxgk.annual import ReportInputError, dumps, load, loads
from xxgk.annual.model import CellRef, Layout, empty_report

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "reports"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))


def test_there_are_fixtures():
    assert len(EXPECTED) >= 4


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_fixture_round_trips_exactly(path):
    original = json.loads(path.read_text("utf-8"))
    assert json.loads(dumps(load(path))) == original


def good_doc(layout=Layout("v2021", "v2021")):
    return json.loads(dumps(empty_report(layout, agency="示范市司法局", year=2025, fill=0)))


def error_of(doc) -> str:
    with pytest.raises(ReportInputError) as e:
        loads(json.dumps(doc, ensure_ascii=False) if not isinstance(doc, str | bytes) else doc)
    msg = str(e.value)
    assert "\n" not in msg
    return msg


def test_a_string_in_a_numeric_cell_names_the_cell():
    doc = good_doc()
    doc["t3"]["granted"]["natural_person"] = "3"
    assert "t3[granted][natural_person]" in error_of(doc)


def test_negative_count_is_refused_but_v2019_change_may_be_negative():
    doc = good_doc()
    doc["t4"]["cases"]["review_total"] = -1
    assert "t4[cases][review_total]" in error_of(doc) and "负数" in error_of(doc)
    doc19 = good_doc(Layout("v2019", "v2019"))
    doc19["t2"]["art20_5.admin_licensing"]["items_change"] = -8
    assert loads(json.dumps(doc19)).t2["art20_5.admin_licensing"]["items_change"] == -8


@pytest.mark.parametrize(
    "mutate,needle",
    [
        (lambda d: d["t3"].update({"denied.made_up": d["t3"]["granted"]}), "denied.made_up"),
        (lambda d: d["t3"].pop("granted"), "granted"),
        (lambda d: d["t3"]["granted"].pop("total"), "total"),
        (lambda d: d["t3"]["granted"].update({"subtotal": 1}), "subtotal"),
        (
            lambda d: d["t3"].update({"other": d["t3"]["granted"]}),
            "other",
        ),  # v2019 row in a v2021 table
        (lambda d: d.update({"schema": "something/2"}), "schema"),
        (lambda d: d.update({"layout": {"t2": "v2020", "t3": "v2021"}}), "layout.t2"),
        (lambda d: d.update({"year": "2025"}), "year"),
        (lambda d: d.pop("t4"), "t4"),
        (lambda d: d["t3"]["granted"].update({"total": True}), "t3[granted][total]"),
        (lambda d: d["t3"]["granted"].update({"total": 1.5}), "t3[granted][total]"),
    ],
)
def test_structural_errors_are_named(mutate, needle):
    doc = good_doc()
    mutate(doc)
    assert needle in error_of(doc)


def test_money_accepts_decimals():
    doc = good_doc()
    doc["t2"]["art20_8.admin_fees"]["fee_amount"] = 12.35
    report = loads(json.dumps(doc))
    assert str(report.t2["art20_8.admin_fees"]["fee_amount"]) == "12.35"
    assert json.loads(dumps(report))["t2"]["art20_8.admin_fees"]["fee_amount"] == 12.35


def test_unknown_top_level_keys_are_kept_and_ignored():
    doc = good_doc()
    doc["provenance"] = {"tool": "x"}
    report = loads(json.dumps(doc))
    assert json.loads(dumps(report))["provenance"] == {"tool": "x"}


@pytest.mark.parametrize(
    "raw,needle",
    [
        (b"{bad", "JSON"),
        (b"", "JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "二进制"),
        (b"\xff\xfe\xfa{}", "UTF-8"),
        (b"[1, 2]", "对象"),
        (b"NaN", "JSON"),
        (b"[" * 100000, "JSON"),
    ],
)
def test_unusable_bytes(raw, needle):
    assert needle in error_of(raw)


def test_too_large_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.seek(60 * 1024 * 1024)
        f.write(b"}")
    with pytest.raises(ReportInputError, match="过大"):
        load(big)


def test_cell_ref_strings():
    assert (
        str(CellRef("t3", "denied.state_secret", "natural_person"))
        == "t3[denied.state_secret][natural_person]"
    )

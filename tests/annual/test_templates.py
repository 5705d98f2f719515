"""The packaged YAML is the spec's, and the templates have the national shapes."""

from __future__ import annotations

from pathlib import Path

from xxgk.annual.templates import outcome_to_t3_row, template

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "annual-report-templates.yaml"


def test_packaged_yaml_is_the_spec():
    packaged = ROOT / "src" / "xxgk" / "annual" / "annual-report-templates.yaml"
    assert packaged.read_bytes() == SPEC.read_bytes(), (
        "copy shared/spec/annual-report-templates.yaml into the package"
    )


def test_table_three_shapes():
    assert len(template("v2019").t3.rows) == 23
    assert len(template("v2021").t3.rows) == 25
    assert len(template("v2021").t3.columns) == 7
    assert len(template("v2019").t4.columns) == 15


def test_table_two_blocks():
    assert [b.key for b in template("v2019").t2.blocks] == [
        "art20_1",
        "art20_5",
        "art20_6",
        "art20_8",
        "art20_9",
    ]
    assert [b.key for b in template("v2021").t2.blocks] == [
        "art20_1",
        "art20_5",
        "art20_6",
        "art20_8",
    ]
    assert template("v2021").t2.row("art20_1.normative_documents").aliases == ("规范性文件",)


def test_sections_are_numbered_one_to_six():
    assert [s.no for s in template("v2021").sections] == [1, 2, 3, 4, 5, 6]


def test_outcome_mapping_differs_by_version_for_other():
    assert outcome_to_t3_row("v2021")["fee_not_paid_in_time"] == "other.fee_unpaid"
    assert outcome_to_t3_row("v2019")["fee_not_paid_in_time"] == "other"
    rows21 = set(template("v2021").t3.row_keys())
    assert set(outcome_to_t3_row("v2021").values()) <= rows21


def test_prebuilt_spec_is_the_yaml():
    """Commands load the spec pre-built as JSON (fast start-up): it must be the YAML's."""
    import json

    from xxgk.annual.templates import BUILT_PATH, _json_keys, load_yaml_spec

    built = json.loads(BUILT_PATH.read_text("utf-8"))
    assert built == _json_keys(load_yaml_spec()), "rebuild it: python -m xxgk.annual.templates"

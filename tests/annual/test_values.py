"""Cell text as the spec reads it (YAML conventions.value_parsing), and label normalisation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xxgk.annual.extract import LabelIndex, norm_label, t3_index
from xxgk.annual.values import parse_cell


@pytest.mark.parametrize(
    "text,kind,value,status",
    [
        ("0", "int", 0, "number"),
        ("１２", "int", 12, "number"),
        (" 3 ", "int", 3, "number"),
        ("22（其中修订16件）", "int", 22, "number"),
        ("22(其中修订16件)", "int", 22, "number"),
        ("251000元", "decimal", 251000, "number"),
        ("12.5", "decimal", Decimal("12.5"), "number"),
        ("-8", "signed", -8, "number"),
        ("1,234", "int", 1234, "number"),
        ("3件", "int", 3, "number"),
        ("", "int", None, "blank"),
        ("\u00a0", "int", None, "blank"),
        ("/", "int", None, "na"),
        ("—", "int", None, "na"),
        ("－", "int", None, "na"),
        ("无", "int", None, "na"),
        ("若干", "int", None, "unreadable"),
        ("约10", "int", None, "unreadable"),
        ("10-12", "int", None, "unreadable"),
        ("2.5", "int", None, "unreadable"),
        ("3.0", "int", 3, "number"),
    ],
)
def test_parse_cell(text, kind, value, status):
    cv = parse_cell(text, kind)
    assert (cv.value, cv.status) == (value, status)


def test_a_money_unit_other_than_the_columns_is_not_converted_silently():
    cv = parse_cell("125000元", "decimal", unit="万元")
    assert cv.value is None and cv.status == "unreadable" and "元" in cv.note


def test_the_note_is_kept():
    assert parse_cell("22（其中修订16件）").note == "(其中修订16件)"


@pytest.mark.parametrize(
    "text,key",
    [
        ("1.属于国家秘密", "denied.state_secret"),
        ("1、属于国家秘密", "denied.state_secret"),
        ("１．属于国家秘密", "denied.state_secret"),
        ("属于国家秘密", "denied.state_secret"),
        ("（三）不予公开 1.属于国家秘密", "denied.state_secret"),
        ('3.危及"三安全一稳定"', "denied.three_securities_one_stability"),
        ("3.危及“三安全一稳定”", "denied.three_securities_one_stability"),
        ("（二）部分公开（区分处理的，只计这一情", "partially_granted"),
        ("正、行政机关不再处理其政府信", "other.no_correction"),
        ("3、其他", "other.other"),
        ("三、本年度办理结果（一）予以公开", "granted"),
    ],
)
def test_t3_labels_match_after_normalisation(text, key):
    assert t3_index("v2021").match(norm_label(text))[0] == key


@pytest.mark.parametrize(
    "text", ["（三）不予公开", "三、本年度办理结果", "申请", "行政机关不再处理其政府信息公开申请"]
)
def test_group_headers_and_ambiguous_fragments_match_no_row(text):
    assert t3_index("v2021").match(norm_label(text)) is None


def test_two_labels_side_by_side_are_not_guessed():
    index = LabelIndex({"a": ["行政处罚"], "b": ["行政强制"]})
    assert index.match(norm_label("行政处罚行政强制")) is None

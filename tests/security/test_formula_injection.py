"""No text from outside becomes a formula in any spreadsheet we write (issue 12, item 3): the
ledger, the report's XLSX and the batch check's CSV — with the probe's payload, whose control
character used to be stripped only after the check."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import openpyxl
import pytest

from tests.applications import factories
from xxgk.annual import cells
from xxgk.annual.batch import check_folder
from xxgk.annual.jsonio import dumps
from xxgk.annual.model import Layout, empty_report
from xxgk.annual.render import render
from xxgk.applications import exports

PAYLOADS = (
    '\x01=HYPERLINK("http://evil.example/x8","x8")公司',
    "=1+1",
    "+SUM(A1:A2)",
    "-2+3",
    "@cmd",
    "\t=1",
    '＝HYPERLINK("http://evil.example")',
    " =1+1",
)


def formulas(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{ws.title}!{c.coordinate}: {c.value!r}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
        or (isinstance(c.value, str) and c.value.startswith("="))
        and c.data_type != "s"
    ]


def test_the_rule_cleans_before_it_checks():
    for payload in PAYLOADS:
        text = cells.clean(payload)
        assert cells.formula_like(text), payload
        assert str(cells.csv_text(payload)).startswith("'")
    assert cells.csv_text("示范市司法局") == "示范市司法局"
    assert cells.csv_text(3) == 3


@pytest.mark.django_db
def test_the_ledger_holds_no_formula(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = factories.agency()
    handler = factories.user(agency)
    for payload in PAYLOADS:
        factories.received(
            agency,
            handler,
            dt.date(2026, 11, 2),
            applicant_type="legal_commercial",
            applicant_name=payload[:90],
            contact_person="张三",
            id_type="credit_code",
            id_number="91110000100000000X",
            description=payload,
        )
    data = exports.ledger_xlsx([agency.pk], 2026, today=dt.date(2026, 11, 20))
    assert formulas(data) == []
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert any(isinstance(v, str) and "HYPERLINK" in v for v in values)  # kept, as text


def test_the_report_xlsx_holds_no_formula():
    report = dataclasses.replace(
        empty_report(Layout("v2021", "v2021"), fill=0, year=2025), agency=PAYLOADS[0]
    )
    assert formulas(render(report, "xlsx")) == []


def test_the_batch_csv_holds_no_formula(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    report = empty_report(Layout("v2021", "v2021"), fill=0, year=2025)
    (folder / "=HYPERLINK(1).json").write_text(json.dumps(json.loads(dumps(report))), "utf-8")
    (folder / "+evil.txt").write_text("not a report", "utf-8")
    out = tmp_path / "summary.csv"
    check_folder(folder, csv_path=str(out), jobs=1)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    fields = [f for row in rows[1:] for f in row]
    assert rows[1:] and not any(cells.formula_like(f) for f in fields), fields

"""Bulk open data (/data/): built by `xxgk open_data`, per year, CSV/XLSX/JSON Lines whose row
counts equal the API's totals, readable by LibreOffice Calc, served only as the built files."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command

from tests.catalog.sites import publish
from xxgk.api import bulk

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(world, settings, tmp_path):
    settings.XXGK_OPEN_DATA_DIR = tmp_path / "open-data"
    publish(world.site, title='=HYPERLINK("http://x")', on=world.items[0].published_on)
    out = io.StringIO()
    call_command("open_data", stdout=out)
    assert "已生成" in out.getvalue()
    return settings.XXGK_OPEN_DATA_DIR


def api_items(client, year: int) -> list[dict]:
    rows, url = [], f"/api/v1/items?year={year}&limit=200"
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = f"/api/v1/items?year={year}&limit=200&cursor={page['next']}" if page["next"] else None
    return rows


def csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_row_counts_equal_the_apis_totals(client, built):
    manifest = json.loads((built / "manifest.json").read_text())
    names = {f["name"] for f in manifest["files"]}
    assert {"catalog-2025.csv", "catalog-2025.xlsx", "catalog-2025.jsonl",
            "catalog-2024.csv", "reports-2024.csv", "reports-2024.xlsx"} <= names  # fmt: skip
    for year in (2024, 2025):
        api = api_items(client, year)
        rows = csv_rows(built / f"catalog-{year}.csv")
        assert [int(r["id"]) for r in rows] == [r["id"] for r in api]
        lines = (built / f"catalog-{year}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in api]
        sheet = openpyxl.load_workbook(built / f"catalog-{year}.xlsx", read_only=True).active
        assert sum(1 for _ in sheet.iter_rows()) - 1 == len(api)
    api_cells = client.get("/api/v1/reports/sthjj/2024/tables.csv").content.decode("utf-8-sig")
    assert len(csv_rows(built / "reports-2024.csv")) == len(
        list(csv.DictReader(io.StringIO(api_cells)))
    )
    for f in manifest["files"]:
        assert f["rows"] == len(csv_rows(built / f["name"].replace(f".{f['format']}", ".csv")))


def test_no_formula_reaches_a_spreadsheet(built):
    titles = [r["title"] for r in csv_rows(built / "catalog-2025.csv")]
    assert '\'=HYPERLINK("http://x")' in titles
    sheet = openpyxl.load_workbook(built / "catalog-2025.xlsx").active
    assert all(not str(c.value).startswith("=") for row in sheet.iter_rows() for c in row)


@pytest.mark.skipif(
    not shutil.which("soffice"),
    reason="LibreOffice is not installed (scripts/test.sh installs libreoffice-calc-nogui)",
)
def test_the_downloads_open_in_libreoffice_calc(built, tmp_path):
    out = tmp_path / "converted"
    for name in ("catalog-2025.xlsx", "reports-2024.xlsx", "catalog-2025.csv"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
             # a CSV is read as Calc's import dialog offers it: UTF-8 (76), comma, quote
             *(["--infilter=CSV:44,34,76,1"] if name.endswith(".csv") else []),
             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
             str(built / name)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        converted = (out / name).with_suffix(".csv")
        calc = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8-sig"))))
        ours = list(
            csv.reader(
                io.StringIO((built / name).with_suffix(".csv").read_text(encoding="utf-8-sig"))
            )
        )
        assert len(calc) == len(ours), name
        assert calc[0] == ours[0], name  # the header, as Calc reads it
        assert "示范市生态环境局" in {c for row in calc for c in row}, name
        converted.unlink()


def test_the_data_page_lists_the_files_and_serves_only_them(client, built):
    page = client.get("/data/").content.decode()
    assert "catalog-2025.xlsx" in page and "数据字典" in page and "reports-2024.csv" in page
    response = client.get("/data/catalog-2025.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert b"".join(response.streaming_content).decode("utf-8-sig").startswith("id,agency,")
    for name in ("manifest.json", "..%2Fsettings.py", "catalog-2025.exe", "catalog-1999.csv"):
        assert client.get(f"/data/{name}").status_code == 404, name


def test_before_the_first_build_the_page_says_so(client, settings, tmp_path, db):
    settings.XXGK_OPEN_DATA_DIR = tmp_path / "none"
    assert "尚未生成" in client.get("/data/").content.decode()
    assert client.get("/data/dictionary.csv").status_code == 404


def test_a_rebuild_swaps_the_whole_set(built, world):
    before = set(p.name for p in built.iterdir())
    bulk.build()
    assert set(p.name for p in built.iterdir()) == before
    assert not list(built.parent.glob(".open-data-*"))

"""Bulk open data: per year, the catalog's metadata and every published report's table cells
as CSV, XLSX and JSON Lines, with a data dictionary and a manifest. Built by `xxgk-manage
open_data` (cron), written beside each other and swapped in whole, and served as files by
/data/ — never built per request. Rows come from `queries.py`, as the API's do."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models.functions import ExtractYear
from django.utils import timezone

from xxgk.annual.cells import csv_text
from xxgk.catalog.models import Item
from xxgk.reports.queries import published_version

from . import queries

FORMATS = ("csv", "xlsx", "jsonl")
XLSX_MAX_ROWS = 1_048_575  # a spreadsheet's rows less the header: larger years get no XLSX
MANIFEST = "manifest.json"
NAME = re.compile(r"^(catalog|reports)-(\d{4})\.(csv|xlsx|jsonl)$|^dictionary\.csv$")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str


CATALOG_FIELDS = (
    Field("id", "整数", "信息 id（接口 /api/v1/items/{id}）"),
    Field("agency", "文本", "机关代码"),
    Field("agency_name", "文本", "机关名称"),
    Field("column", "整数", "栏目 id"),
    Field("column_name", "文本", "栏目名称"),
    Field("title", "文本", "标题"),
    Field("index_number", "文本", "索引号"),
    Field("document_number", "文本", "文号"),
    Field("issuer", "文本", "发布机构"),
    Field("formed_on", "日期", "成文日期（YYYY-MM-DD）"),
    Field("published_on", "日期", "发布日期（YYYY-MM-DD）"),
    Field("topic", "文本", "主题分类（上级\\下级）"),
    Field("genre", "文本", "体裁：rule 规章，normative 行政规范性文件，document 其他文件，"
          "interpretation 政策解读，news 工作动态，clarification 信息澄清，other 其他"),
    Field("content_kind", "文本", "信息类别：overview 概况类，news 政务动态，catalog 信息公开目录"),
    Field("validity", "文本", "有效性：valid 有效，amended 已修改，repealed 废止，expired 失效；空为不适用"),
    Field("effective_on", "日期", "施行日期"),
    Field("repealed_on", "日期", "废止或失效日期"),
    Field("summary", "文本", "内容概述"),
    Field("version", "整数", "当前公开的版本号"),
    Field("url", "文本", "门户上的页面（站内路径）"),
)  # fmt: skip

REPORT_FIELDS = (
    Field("agency", "文本", "机关代码"),
    Field("agency_name", "文本", "机关名称"),
    Field("year", "整数", "报告年度"),
    Field("version", "整数", "最新发布的版本号（更正后递增）"),
    Field("table", "文本", "t2 表二，t3 表三，t4 表四"),
    Field("table_name", "文本", "表名"),
    Field("row", "文本", "行键（annual-report-templates.yaml）"),
    Field("row_label", "文本", "行名"),
    Field("column", "文本", "列键"),
    Field("column_label", "文本", "列名"),
    Field("value", "数字", "数值；空表示原表空白（不是 0）"),
)

KINDS = {"catalog": CATALOG_FIELDS, "reports": REPORT_FIELDS}
TITLES = {"catalog": "主动公开信息目录", "reports": "年度报告统计表"}


def open_data_dir() -> Path:
    return Path(settings.XXGK_OPEN_DATA_DIR)


# ------------------------------------------------------------------ rows


def catalog_years() -> list[int]:
    years = (
        Item.objects.public()
        .exclude(published_on=None)
        .annotate(y=ExtractYear("published_on"))
        .values_list("y", flat=True)
        .distinct()
    )
    return sorted(set(years))


def catalog_rows(year: int) -> Iterator[dict]:
    qs = (
        queries.public_items(queries.ItemFilters(year=year))
        .select_related("agency", "column", "topic__parent")
        .order_by("-published_on", "-pk")
    )
    for item in qs.iterator(chunk_size=2000):
        row = queries.item_row(item)
        yield {f.name: row[f.name] for f in CATALOG_FIELDS}


def report_years() -> list[int]:
    return sorted(set(queries.published_reports(None, None).values_list("year", flat=True)))


def report_rows(year: int) -> Iterator[dict]:
    for report in queries.published_reports(year, None).order_by("agency__code"):
        version = published_version(report)
        head = {
            "agency": report.agency.code,
            "agency_name": report.agency.name,
            "year": report.year,
            "version": version.number,
        }
        for cell in queries.version_cells(version):
            yield {**head, **cell}


# ------------------------------------------------------------------ writers


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _write_csv(path: Path, fields: tuple[Field, ...], rows: Iterable[dict]) -> int:
    n = 0
    # UTF-8 with a BOM: Excel and LibreOffice Calc open it as UTF-8 without asking
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow([x.name for x in fields])
        for row in rows:
            writer.writerow([csv_text(_plain(row[x.name])) for x in fields])
            n += 1
    return n


def _write_year(work: Path, kind: str, year: int, rows: Iterable[dict]) -> dict[str, int]:
    """The three files of a kind and year in one pass over the rows (a city's catalog year
    can hold hundreds of thousands of items). No XLSX past a spreadsheet's row limit."""
    from openpyxl import Workbook

    fields = KINDS[kind]
    names = [x.name for x in fields]
    stem = work / f"{kind}-{year}"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"{TITLES[kind]}{year}"[:31])
    ws.append(names)
    n = 0
    with (
        open(f"{stem}.csv", "w", encoding="utf-8-sig", newline="") as c,
        open(f"{stem}.jsonl", "w", encoding="utf-8") as j,
    ):
        writer = csv.writer(c, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            values = [_plain(row[name]) for name in names]
            safe = [csv_text(v) for v in values]  # no formula in a spreadsheet cell
            writer.writerow(safe)
            j.write(json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False) + "\n")
            if n < XLSX_MAX_ROWS:
                ws.append(safe)
            n += 1
    counts = {"csv": n, "jsonl": n}
    if n <= XLSX_MAX_ROWS:
        wb.save(f"{stem}.xlsx")
        counts["xlsx"] = n
    return counts


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class BuildResult:
    files: list[dict]
    directory: Path


def build(progress: Callable[[str], None] | None = None) -> BuildResult:
    """Write every file into a new directory, then swap it in: readers see the old set or the
    new one, never half of each."""
    target = open_data_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".open-data-", dir=target.parent))
    files: list[dict] = []
    try:
        for kind, years, rows_of in (
            ("catalog", catalog_years(), catalog_rows),
            ("reports", report_years(), report_rows),
        ):
            for year in years:
                counts = _write_year(work, kind, year, rows_of(year))
                for fmt, n in counts.items():
                    path = work / f"{kind}-{year}.{fmt}"
                    files.append({
                        "name": path.name, "kind": kind, "year": year, "format": fmt,
                        "rows": n, "bytes": path.stat().st_size, "sha256": _sha256(path),
                    })  # fmt: skip
                if progress:
                    progress(f"{kind} {year}: {counts['csv']} 行")
        _write_csv(
            work / "dictionary.csv",
            (Field("file", "", ""), Field("field", "", ""), Field("type", "", ""),
             Field("description", "", "")),
            ({"file": k, "field": f.name, "type": f.type, "description": f.description}
             for k, fields in KINDS.items() for f in fields),
        )  # fmt: skip
        manifest = {"generated_at": timezone.now().isoformat(), "files": files}
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        os.chmod(work, 0o755)
        old = target.with_name(target.name + ".old")
        if target.exists():
            os.replace(target, old)
        os.replace(work, target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BuildResult(files, target)


def manifest() -> dict | None:
    try:
        return json.loads((open_data_dir() / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def file_path(name: str) -> Path | None:
    """A published file by its name, or None: only names of the pattern, in the directory."""
    if not NAME.match(name):
        return None
    path = open_data_dir() / name
    return path if path.is_file() else None

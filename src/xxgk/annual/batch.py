"""`xxgk report check DIR --csv summary.csv`: thousands of documents, one row each.

One bad file never stops the batch: its row carries the reason. With `--jobs N` the files are
read by N worker processes.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .cells import csv_text
from .model import Level

COLUMNS = [
    "file",
    "status",  # 通过 / 有错误 / 不完整 / 无法读取
    "agency",
    "year",
    "layout_t2",
    "layout_t3",
    "errors",
    "warnings",
    "infos",
    "parse_warnings",
    "unread_cells",
    "error",
]
SKIP_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".css", ".js", ".zip", ".part", ".csv"}


def documents(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
            if path.suffix.lower() not in SKIP_SUFFIXES:
                yield path


def check_one(path: str) -> dict[str, object]:
    """One CSV row; never raises."""
    from .audit import audit
    from .jsonio import ReportInputError
    from .parse import TablesUnreadable

    row: dict[str, object] = dict.fromkeys(COLUMNS, "")
    row["file"] = path
    row["status"] = "无法读取"
    try:
        result = audit(path, provenance=False)
    except TablesUnreadable as e:  # titled as a report: its agency and year still count
        row.update(error=str(e), agency=e.agency or "", year=e.year or "")
        return row
    except ReportInputError as e:
        row["error"] = str(e)
        return row
    except Exception as e:  # noqa: BLE001 — a parser bug must not stop the batch
        row["error"] = f"内部错误：{type(e).__name__}: {e}"
        return row
    report = result.report
    row.update(
        status=result.status,
        unread_cells=len(result.unread),
        agency=report.agency or "",
        year=report.year or "",
        layout_t2=report.layout.t2,
        layout_t3=report.layout.t3,
        errors=result.count(Level.ERROR),
        warnings=result.count(Level.WARNING),
        infos=result.count(Level.INFO),
        parse_warnings=len(result.warnings),
    )
    return row


def check_folder(folder: Path, *, csv_path: str | None, jobs: int = 1) -> int:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from .jsonio import ReportInputError

    files = [str(p) for p in documents(folder)]
    if not files:
        raise ReportInputError(f"文件夹中没有可检查的文件：{folder}")
    out = open(csv_path, "w", newline="", encoding="utf-8-sig") if csv_path else None  # noqa: SIM115
    writer = csv.DictWriter(out, fieldnames=COLUMNS) if out else None
    if writer:
        writer.writeheader()
    counts = {"ok": 0, "errors": 0, "incomplete": 0, "unusable": 0}
    progress = Progress(
        TextColumn("检查中"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=False,
        console=None,
    )
    try:
        with progress:
            task = progress.add_task("check", total=len(files))
            if jobs > 1:
                # large chunks and a progress step per chunk: the parent shares the cores
                chunk = max(1, min(64, len(files) // (jobs * 8)))
                with ProcessPoolExecutor(max_workers=jobs) as pool:
                    rows = pool.map(check_one, files, chunksize=chunk)
                    for i, row in enumerate(rows, 1):
                        _count(row, counts, writer)
                        if i % chunk == 0 or i == len(files):
                            progress.update(task, completed=i)
            else:
                for f in files:
                    _count(check_one(f), counts, writer)
                    progress.advance(task)
    finally:
        if out:
            out.close()
    print(
        f"共 {len(files)} 个文件：通过 {counts['ok']} 个，有错误 {counts['errors']} 个，"
        f"不完整 {counts['incomplete']} 个，无法读取 {counts['unusable']} 个"
        + (f"；汇总表：{csv_path}" if csv_path else ""),
        file=sys.stderr,
    )
    if counts["errors"] or counts["unusable"]:
        return 1
    return 3 if counts["incomplete"] else 0


def _count(row: dict[str, object], counts: dict[str, int], writer: csv.DictWriter | None) -> None:
    if row["error"]:
        counts["unusable"] += 1
    elif row["errors"]:
        counts["errors"] += 1
    elif row["unread_cells"]:
        counts["incomplete"] += 1
    else:
        counts["ok"] += 1
    if writer:  # file names and messages come from outside: no formula in the summary
        writer.writerow({k: csv_text(v) for k, v in row.items()})

"""`xxgk report parse`, `check` on documents and on a folder, as a user runs them."""

from __future__ import annotations

import csv
import json
import random
import shutil
import time
from pathlib import Path

import pytest

from .test_cli import FIXTURES, assert_one_line_error, run


def test_parse_writes_the_report_json_with_sources_and_warnings_on_stderr(tmp_path):
    out = tmp_path / "fushun.json"
    p = run("parse", str(FIXTURES / "fushun-justice-2020.txt"), "-o", str(out))
    assert p.returncode == 0, p.stderr
    doc = json.loads(out.read_text("utf-8"))
    expected = json.loads((FIXTURES / "fushun-justice-2020.expected.json").read_text("utf-8"))
    for table in ("t2", "t3", "t4"):
        assert doc[table] == expected[table]
    assert doc["sources"]["t3[new_received][total]"]["line"] > 0
    assert "补正后申请内容仍不明确" in p.stderr and "空白" in p.stderr


def test_parse_to_stdout():
    p = run("parse", str(FIXTURES / "city-2025-t3.html"))
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["schema"] == "xxgk-annual-report/1"


@pytest.mark.parametrize("name", ["huaian-2024.pdf", "kewei-2024.md", "city-2025-t3.html"])
def test_check_accepts_documents(name):
    p = run("check", str(FIXTURES / name), "--format", "json")
    assert p.returncode in (0, 1), p.stderr
    out = json.loads(p.stdout)
    assert "summary" in out and isinstance(out["parse_warnings"], list)


def bad_files(folder: Path) -> dict[str, Path]:
    rnd = random.Random(7)
    files = {
        "empty.txt": b"",
        "random.bin": bytes(rnd.randrange(256) for _ in range(20000)),
        "truncated.pdf": (FIXTURES / "huaian-2024.pdf").read_bytes()[:150000],
        "budget.txt": "某市财政局2024年部门预算公开说明\n一、收入预算总计1200万元\n二、支出预算1100万元\n".encode(),
        "news.html": "<html><head><title>新闻</title></head><body><nav>首页</nav><p>今天召开会议。</p></body></html>".encode(),
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    }
    out = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out[name] = path
    return out


@pytest.mark.parametrize(
    "name,needle",
    [
        ("empty.txt", "空"),
        ("random.bin", "无法读取"),
        ("truncated.pdf", "PDF"),
        ("budget.txt", "不是政府信息公开工作年度报告"),
        ("news.html", "不是政府信息公开工作年度报告"),
        ("old.doc", ".doc"),
    ],
)
def test_bad_documents_give_a_clear_one_line_reason(tmp_path, name, needle):
    path = bad_files(tmp_path)[name]
    start = time.monotonic()
    for cmd in ("parse", "check"):
        assert needle in assert_one_line_error(run(cmd, str(path)))
    assert time.monotonic() - start < 20


def test_a_50_mb_html_page_is_refused_quickly(tmp_path):
    page = tmp_path / "huge.html"
    with page.open("wb") as f:
        f.write(b"<html><body>")
        row = b"<tr><td>" + "政府信息公开".encode() * 20 + b"</td><td>0</td></tr>\n"
        f.write(b"<table>" + row * (50 * 1024 * 1024 // len(row)) + b"</table></body></html>")
    start = time.monotonic()
    line = assert_one_line_error(run("check", str(page)))
    assert time.monotonic() - start < 15
    assert "过大" in line or "不是" in line


def test_check_a_folder_writes_one_row_per_file_and_survives_bad_files(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in (
        "fushun-justice-2020.txt",
        "kewei-2024.md",
        "city-2025-t3.html",
        "huaian-2024.pdf",
        "fushun-justice-2020.expected.json",
    ):
        shutil.copy(FIXTURES / name, folder / name)
    bad_files(folder)
    summary = tmp_path / "summary.csv"
    p = run("check", str(folder), "--csv", str(summary), "--jobs", "2", timeout=120)
    assert p.returncode == 1  # some files are unusable, kewei has an error-level finding
    rows = {Path(r["file"]).name: r for r in csv.DictReader(summary.open(encoding="utf-8-sig"))}
    assert len(rows) == 11
    assert rows["fushun-justice-2020.txt"]["agency"] == "抚顺市司法局"
    assert rows["fushun-justice-2020.txt"]["layout_t3"] == "v2019"
    assert (
        rows["fushun-justice-2020.txt"]["errors"] == "0"
        and rows["fushun-justice-2020.txt"]["error"] == ""
    )
    assert rows["kewei-2024.md"]["errors"] == "1"
    assert rows["huaian-2024.pdf"]["year"] == "2024"
    assert rows["fushun-justice-2020.expected.json"]["layout_t2"] == "v2019"
    for bad in ("empty.txt", "random.bin", "truncated.pdf", "budget.txt", "news.html", "old.doc"):
        assert rows[bad]["error"], bad
    assert "共 11 个文件" in p.stderr


def test_check_an_empty_folder(tmp_path):
    assert "没有可检查的文件" in assert_one_line_error(run("check", str(tmp_path)))

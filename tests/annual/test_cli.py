"""`xxgk report check|render` as a user runs it: exit codes 0/1/2, one-line errors, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "reports"
FUSHUN = FIXTURES / "fushun-justice-2020.expected.json"
XXGK = Path(sys.executable).with_name("xxgk")


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "XXGK_DEBUG"}
    cmd = [str(XXGK)] if XXGK.exists() else [sys.executable, "-m", "xxgk.cli"]
    return subprocess.run(
        [*cmd, "report", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def assert_one_line_error(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr + p.stdout
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("错误：")]
    assert len(lines) == 1, p.stderr
    return lines[0]


def test_console_script_is_installed():
    assert XXGK.exists(), "pip install -e . should install the xxgk command"


def test_check_fushun_reports_exactly_one_blank_cell_and_no_error():
    p = run("check", str(FUSHUN), "--format", "json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    # the fixture holds the tables only, so its text is reported missing too
    assert [(f["check"], f["cells"], f["level"]) for f in out["findings"]] == [
        ("BLANK_CELL", ["t3[unable.unclear_after_correction][total]"], "warning"),
        ("SECTIONS_EMPTY", [], "warning"),
    ]
    table = run("check", str(FUSHUN))
    assert table.returncode == 0
    assert "BLANK_CELL" in table.stdout and "检查通过" in table.stdout.splitlines()[-1]


def test_check_exits_1_on_an_error_finding(tmp_path):
    doc = json.loads(FUSHUN.read_text("utf-8"))
    doc["t3"]["new_received"]["natural_person"] = 5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    p = run("check", str(bad))
    assert p.returncode == 1
    assert "T3_COLUMN_BALANCE" in p.stdout and "检查未通过" in p.stdout


def test_check_with_previous_year(tmp_path):
    prev = json.loads(FUSHUN.read_text("utf-8"))
    prev["year"] = 2019
    prev["t3"]["carried_forward"]["natural_person"] = 1
    prev["t3"]["carried_forward"]["total"] = 1
    prev["t3"]["new_received"]["natural_person"] = 1
    prev["t3"]["new_received"]["total"] = 1
    path = tmp_path / "prev.json"
    path.write_text(json.dumps(prev, ensure_ascii=False), "utf-8")
    p = run("check", str(FUSHUN), "--previous", str(path), "--format", "json")
    assert p.returncode == 0  # continuity is a heuristic: a warning, not an error
    checks = [f["check"] for f in json.loads(p.stdout)["findings"]]
    assert checks.count("T3_CARRY_CONTINUITY") == 2


@pytest.mark.parametrize(
    "content",
    [
        b"{ not json",
        b'{"schema": "xxgk-annual-report/1", "layout": {"t2": "v2019", "t3": "v2019"}}',
        bytes(range(256)) * 4,
        b"",
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, content):
    f = tmp_path / "in.json"
    f.write_bytes(content)
    assert_one_line_error(run("check", str(f)))


@pytest.mark.parametrize(
    "edit,needle",
    [
        (lambda d: d["t3"]["granted"].update({"total": "abc"}), "t3[granted][total]"),
        (lambda d: d["t3"]["granted"].update({"total": -3}), "t3[granted][total]"),
        (lambda d: d["t3"].update({"made_up_row": {}}), "made_up_row"),
    ],
)
def test_bad_cells_are_named(tmp_path, edit, needle):
    doc = json.loads(FUSHUN.read_text("utf-8"))
    edit(doc)
    f = tmp_path / "in.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    assert needle in assert_one_line_error(run("check", str(f)))


def test_a_60_mb_file_is_refused_quickly(tmp_path):
    f = tmp_path / "huge.json"
    with f.open("wb") as fh:
        fh.write(b'{"a": "' + b"x" * (60 * 1024 * 1024) + b'"}')
    assert "过大" in assert_one_line_error(run("check", str(f), timeout=20))


def test_missing_file_and_missing_arguments():
    assert "不存在" in assert_one_line_error(run("check", "/no/such/file.json"))
    p = run("render", str(FUSHUN))
    assert p.returncode == 2 and "Traceback" not in p.stderr


@pytest.mark.parametrize(
    "fmt,magic", [("html", b"<!doctype html"), ("docx", b"PK"), ("xlsx", b"PK"), ("json", b"{")]
)
def test_render_writes_each_format(tmp_path, fmt, magic):
    out = tmp_path / f"report.{fmt}"
    p = run("render", str(FUSHUN), "--to", fmt, "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert out.read_bytes()[: len(magic)].lower() == magic.lower()
    assert not list(tmp_path.glob("*.part"))


def test_render_to_an_unwritable_place_is_a_one_line_error(tmp_path):
    p = run("render", str(FUSHUN), "--to", "json", "-o", str(tmp_path / "no" / "dir" / "x.json"))
    assert "无法写入" in assert_one_line_error(p)

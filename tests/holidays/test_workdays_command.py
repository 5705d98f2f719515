"""`xxgk workdays due` counts with the schedules loaded in the database, when there is one.

Each test runs the command in a fresh process (tests/web/helpers: no settings variables but
those given); the database is a temporary SQLite file, migrated and loaded by `xxgk` itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.helpers import clean_env, run_xxgk

# Test data, not the official 2027 notice.
TEST_2027 = """\
2027:
  source: 测试用安排
  holidays:
    元旦: 2027-01-01..2027-01-03
    春节: 2027-02-05..2027-02-12
  workdays:
    春节: [2027-02-14]
"""
WARNING_2027 = (
    "警告：2027年的国务院节假日安排尚未载入：已按《全国年节及纪念日放假办法》计入法定节假日，"
    "但调休安排未知，期限可能变化；请在公布后载入"
)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """An SQLite database migrated by `xxgk migrate`, copied by each test that needs one."""
    data = tmp_path_factory.mktemp("template")
    env = clean_env(data, DATABASE_URL=f"sqlite:///{data / 'template.sqlite3'}")
    done = run_xxgk("migrate", "-v", "0", env=env)
    assert done.returncode == 0, done.stderr
    return data / "template.sqlite3"


@pytest.fixture
def database(migrated, tmp_path) -> dict[str, str]:
    """This test's own copy of the migrated database, named by DATABASE_URL."""
    shutil.copyfile(migrated, tmp_path / "cli.sqlite3")
    return clean_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}")


def due(*args: str, env: dict[str, str]) -> tuple[list[str], str]:
    done = run_xxgk("workdays", "due", *args, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.splitlines(), done.stderr


def test_an_empty_database_gives_the_statutory_figures(database):
    lines, err = due("2026-12-31", env=database)
    assert lines[0] == "2027-01-29" and lines[-1] == WARNING_2027
    assert "2027年仅计入法定节假日（调休安排未知）" in lines[-2]
    lines, _ = due("2027-02-01", env=database)
    assert lines[0] == "2027-03-03" and lines[-1] == WARNING_2027
    assert err == ""


def test_after_load_holidays_the_command_follows_the_loaded_schedule(database, tmp_path):
    f = tmp_path / "2027.yaml"
    f.write_text(TEST_2027, encoding="utf-8")
    done = run_xxgk("load_holidays", str(f), env=database)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["2027年：放假 11 天，调休上班 1 天"]
    lines, err = due("2026-12-31", env=database)
    # 01-01..03 off, then 20 working days: 01-04 .. 01-29
    assert lines[0] == "2027-01-29"
    assert lines[-1] == (
        "日历：2026年按内置数据（chinese-calendar）；2027年按数据库中载入的安排（测试用安排）"
    )
    assert not any(line.startswith(("警告", "最迟")) for line in lines)
    lines, err = due("2027-02-01", env=database)
    # 02-02..04 = 1..3, 02-05..12 off, 02-14 (a Sunday) works = 4, 02-15..19 = 5..9,
    # 02-22..26 = 10..14, 03-01..05 = 15..19, 03-08 = 20
    assert lines[0] == "2027-03-08"
    assert ["2027-02-14", "计入", "调休上班，第4个工作日"] in [ln.split() for ln in lines]
    assert err == ""
    # a file on the command line wins over the database (for the whole year, as loaded)
    g = tmp_path / "other.yaml"
    g.write_text("2027:\n  holidays: [2027-02-02]\n", encoding="utf-8")
    lines, _ = due("2027-02-01", "--calendar", str(g), env=database)
    assert lines[0] == "2027-03-02"
    assert lines[-1].endswith(f"2027年按文件 {g} 中的安排")


def test_the_default_sqlite_file_counts_as_a_database(migrated, tmp_path):
    env = clean_env(tmp_path)  # no DATABASE_URL: xxgk.sqlite3 in XXGK_DATA_DIR (settings.py)
    shutil.copyfile(migrated, tmp_path / "xxgk.sqlite3")
    f = tmp_path / "2027.yaml"
    f.write_text(TEST_2027, encoding="utf-8")
    assert run_xxgk("load_holidays", str(f), env=env).returncode == 0
    lines, _ = due("2027-02-01", env=env)
    assert lines[0] == "2027-03-08"


@pytest.mark.parametrize(
    "variables",
    [
        {"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},  # nothing listens there
        {"DATABASE_URL": "nonsense://x"},  # settings cannot parse it
        {},  # an SQLite file that was never migrated (made below)
    ],
)
def test_a_database_that_cannot_be_read_is_a_warning_not_a_traceback(tmp_path, variables):
    env = clean_env(tmp_path, **variables)
    if not variables:
        (tmp_path / "xxgk.sqlite3").write_bytes(b"")
    done = run_xxgk("workdays", "due", "2027-02-01", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "2027-03-03"
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("警告：无法读取数据库中的节假日安排（")
    assert line.endswith("本次按内置数据和法定节假日计算")


def test_without_a_database_the_command_loads_no_django(tmp_path):
    code = (
        "import sys; from xxgk.cli import main; rc = main(['workdays', 'due', '2027-02-01']);"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "print(bad, file=sys.stderr); sys.exit(rc or (1 if bad else 0))"
    )
    env = clean_env(Path(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "2027-03-03"
    assert done.stderr.strip() == "[]"

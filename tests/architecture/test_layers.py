"""The floors hold: import-linter's contracts (pyproject.toml) fail on an upward import, no
xxgk app is imported inside a function (where nobody reading the top of a file sees it), and
every module stays of a readable size (docs/architecture.md)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "xxgk"
APPS = (
    "agencies",
    "accounts",
    "holidays",
    "catalog",
    "applications",
    "disputes",
    "reports",
    "supervision",
    "portal",
    "demo",
)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def _lint_imports(src: Path) -> subprocess.CompletedProcess:
    """lint-imports with the project's contracts over the package found in `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def copy_of_src(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("layers") / "src"
    shutil.copytree(SRC, target / "xxgk", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _add_import(src: Path, module: str, statement: str) -> None:
    path = src / "xxgk" / Path(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{statement}\n", encoding="utf-8")


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_the_contracts_hold_and_an_upward_import_breaks_them(copy_of_src):
    kept = _lint_imports(copy_of_src)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "0 broken" in kept.stdout
    # the catalog (floor 2) reaching up for the annual reports (floor 3)
    _add_import(copy_of_src, "catalog.queries", "from xxgk.reports import queries as _up  # noqa")
    # the agency tree (floor 1) reaching sideways for the holiday schedules
    _add_import(copy_of_src, "agencies.queries", "import xxgk.holidays.models  # noqa")
    # the pure core reaching for Django
    _add_import(copy_of_src, "workdays.deadline", "import django.conf  # noqa")
    broken = _lint_imports(copy_of_src)
    assert broken.returncode != 0
    out = broken.stdout
    assert "Each floor imports only the floors below it BROKEN" in out
    assert "xxgk.catalog.queries -> xxgk.reports" in out
    assert "xxgk.agencies.queries -> xxgk.holidays.models" in out
    assert "The pure cores import neither Django" in out and "BROKEN" in out
    assert "xxgk.workdays.deadline -> django" in out


def _hidden_imports(path: Path, root: Path = ROOT) -> list[str]:
    """`from xxgk.<app> …` / `import xxgk.<app>` inside a function, except AppConfig.ready()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if func.name == "ready" and path.name == "apps.py":
            continue  # the wiring of signals, when every app is loaded
        for node in ast.walk(func):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "xxgk" and len(parts) > 1 and parts[1] in APPS:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    return found


def test_no_app_is_imported_inside_a_function():
    hidden = [h for path in _modules() if path.name != "cli.py" for h in _hidden_imports(path)]
    assert hidden == []


def test_the_check_for_hidden_imports_finds_one(tmp_path):
    path = tmp_path / "views.py"
    path.write_text("def view():\n    from xxgk.reports.queries import findings\n")
    assert _hidden_imports(path, tmp_path) == ["views.py:2 xxgk.reports.queries"]


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_rooms_of_a_readable_size():
    too_long = {str(p.relative_to(SRC)): _lines(p) for p in _modules() if _lines(p) > 700}
    assert too_long == {}
    demo = {
        str(p.relative_to(SRC)): _lines(p)
        for p in (SRC / "demo").rglob("*.py")
        if "migrations" not in p.parts and _lines(p) >= 500
    }
    assert demo == {}

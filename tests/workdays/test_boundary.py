"""xxgk.workdays is a pure core: no Django (ruff's banned-api enforces it too: src/xxgk/workdays/ruff.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def test_importing_the_workdays_core_loads_no_django():
    code = (
        "import sys, xxgk.workdays, xxgk.workdays.cli;"
        "xxgk.workdays.due(__import__('datetime').date(2024, 9, 28), 20,"
        " calendar=xxgk.workdays.WorkCalendar());"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    p = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert p.returncode == 0, p.stdout + p.stderr


def test_ruff_bans_django_and_the_apps_inside_the_core():
    core = Path(__file__).resolve().parents[2] / "src" / "xxgk" / "workdays"
    probe = core / "_ruff_probe_test.py"
    probe.write_text(
        "from django.conf import settings\n\nimport xxgk.applications\n\nprint(settings, xxgk)\n"
    )
    try:
        ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
        p = subprocess.run(
            [ruff, "check", "--no-cache", str(probe)], capture_output=True, text=True
        )
    finally:
        probe.unlink()
    assert p.returncode != 0 and p.stdout.count("TID251") >= 2, p.stdout + p.stderr

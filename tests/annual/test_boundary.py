"""The pure cores import no Django (ruff's banned-api enforces it too: src/xxgk/annual/ruff.toml)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_annual_core_loads_no_django():
    code = (
        "import sys, xxgk.annual, xxgk.annual.checks, xxgk.annual.grid, xxgk.annual.cli, xxgk.annual.render;"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    p = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert p.returncode == 0, p.stdout + p.stderr


def test_ruff_bans_django_inside_the_core(tmp_path):
    import shutil
    from pathlib import Path

    core = Path(__file__).resolve().parents[2] / "src" / "xxgk" / "annual"
    probe = core / "_ruff_probe_test.py"
    probe.write_text("from django.conf import settings\n\nprint(settings)\n")
    try:
        ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
        p = subprocess.run(
            [ruff, "check", "--no-cache", str(probe)], capture_output=True, text=True
        )
    finally:
        probe.unlink()
    assert p.returncode != 0 and "TID251" in p.stdout, p.stdout + p.stderr

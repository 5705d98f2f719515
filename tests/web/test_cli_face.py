"""`xxgk` as a newcomer runs it: its own commands before Django's, agency codes that can be
found, one line instead of a traceback when the database is not there yet."""

from __future__ import annotations

import pytest

from .helpers import clean_env, run_xxgk


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    env = clean_env(tmp_path_factory.mktemp("cli-data"))
    assert run_xxgk("migrate", "-v0", env=env).returncode == 0
    done = run_xxgk("demo", "--no-cases", env=env)
    assert done.returncode == 0, done.stderr
    return env


@pytest.mark.parametrize("args", [(), ("--help",), ("-h",), ("help",)])
def test_help_shows_own_commands_before_djangos(args, tmp_path):
    p = run_xxgk(*args, env=clean_env(tmp_path))
    assert p.returncode == 0, p.stderr
    out = p.stdout
    for own in ("report check", "report compute", "workdays due", "agencies", "backup"):
        assert own in out, own
    first_django = min(out.index(c) for c in ("startproject", "testserver", "runserver"))
    assert out.index("report check") < first_django
    assert out.index("workdays due") < first_django


def test_agencies_lists_codes_and_names(demo_env):
    p = run_xxgk("agencies", env=demo_env)
    assert p.returncode == 0, p.stderr
    assert "demo-sfj" in p.stdout and "示范市司法局" in p.stdout
    assert p.stdout.index("demo-city") < p.stdout.index("demo-sfj")  # government first
    as_json = run_xxgk("agencies", "--json", env=demo_env)
    assert '"code": "demo-sfj"' in as_json.stdout


def test_wrong_agency_code_suggests_the_closest(demo_env):
    p = run_xxgk("report", "compute", "--agency", "sfj", "--year", "2025", env=demo_env)
    assert p.returncode != 0
    assert "demo-sfj（示范市司法局）" in p.stderr and "xxgk agencies" in p.stderr
    by_name = run_xxgk("report", "compute", "--agency", "司法局", "--year", "2025", env=demo_env)
    assert "demo-sfj" in by_name.stderr


def test_command_before_migrate_says_so_in_one_line(tmp_path):
    p = run_xxgk("agencies", env=clean_env(tmp_path))
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert "xxgk migrate" in p.stderr

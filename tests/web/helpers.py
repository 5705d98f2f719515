"""Run the `xxgk` command, or read the settings, in a fresh process with a chosen environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Variables that settings.py reads; each subprocess starts without them unless a test sets them.
SETTINGS_VARIABLES = (
    "XXGK_ENV",
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "XXGK_DATA_DIR",
    "XXGK_MEDIA_ROOT",
    "XXGK_STATIC_ROOT",
    "XXGK_S3_BUCKET",
    "XXGK_S3_ENDPOINT_URL",
    "XXGK_S3_REGION",
    "XXGK_S3_PREFIX",
    "XXGK_PORTAL_PAGE_SECONDS",
    "DJANGO_SETTINGS_MODULE",
)


def clean_env(data_dir: Path, **variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["XXGK_DATA_DIR"] = str(data_dir)
    env.update(variables)
    return env


def xxgk_command() -> list[str]:
    script = Path(sys.executable).with_name("xxgk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "xxgk.cli"]


def run_xxgk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*xxgk_command(), *args], env=env, capture_output=True, text=True, timeout=120
    )


def read_settings(env: dict[str, str], *names: str) -> dict:
    code = (
        "import json, xxgk.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)

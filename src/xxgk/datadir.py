"""Where a deployment keeps its data: read by settings.py and by the `xxgk` command, which
must know whether the default SQLite database exists without starting Django. No Django here."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent  # src/xxgk


def project_root() -> Path:
    """The checkout's root (it holds pyproject.toml); an installed package has none, so its
    data goes under the working directory."""
    root = PACKAGE_DIR.parent.parent
    return root if (root / "pyproject.toml").is_file() else Path.cwd()


def data_dir() -> Path:
    """`XXGK_DATA_DIR`, or var/ under the project root."""
    return Path(os.environ.get("XXGK_DATA_DIR") or project_root() / "var")


def default_sqlite_path() -> Path:
    """The SQLite database used when `DATABASE_URL` is not set."""
    return data_dir() / "xxgk.sqlite3"

"""The `xxgk` command: report tools (pure, no Django) plus Django's management commands.

`xxgk workdays due …` runs the pure core too, but when a database is configured (`DATABASE_URL`
is set, or the default SQLite file of settings.py exists) it first reads the holiday schedules
loaded there (`xxgk load_holidays`, the admin) and passes them to the core, so the command
counts with the same calendar as the cases. Without a database it stays free of Django; a
database that cannot be read is a warning, never a traceback.
"""

from __future__ import annotations

import os
import sys


def _database_configured() -> bool:
    if os.environ.get("DATABASE_URL", "").strip():
        return True
    from xxgk.datadir import default_sqlite_path

    return default_sqlite_path().is_file()


def _loaded_schedules() -> dict | None:
    """The schedules loaded in the database, or None (said on stderr) when it cannot be read."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    try:
        import django

        django.setup()
        from django.db import connection

        if connection.vendor == "postgresql":  # an unreachable server: fail in seconds
            connection.settings_dict.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
        from xxgk.holidays.calendar import loaded_schedules

        return loaded_schedules()
    except Exception as e:  # noqa: BLE001 — any failure: warn in one line and go on
        if os.environ.get("XXGK_DEBUG"):
            raise
        reason = " ".join(str(e).split())[:200]
        print(
            f"警告：无法读取数据库中的节假日安排（{type(e).__name__}: {reason}），"
            "本次按内置数据和法定节假日计算",
            file=sys.stderr,
        )
        return None


def _workdays(argv: list[str]) -> int:
    from xxgk.workdays.cli import main as workdays_main

    wants_calendar = argv[:1] == ["due"] and not {"-h", "--help"} & set(argv)
    if wants_calendar and _database_configured():
        return workdays_main(argv, overrides=_loaded_schedules())
    return workdays_main(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if (
        argv
        and argv[0] == "report"
        and (len(argv) < 2 or argv[1] in ("check", "render", "parse", "-h", "--help"))
    ):
        from xxgk.annual.cli import main as report_main

        return report_main(argv[1:])
    if argv and argv[0] == "workdays":  # the pure core, with the database's schedules if any
        return _workdays(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["xxgk", *argv])
    except ImproperlyConfigured as e:  # a settings problem is the operator's input: one line
        print(f"配置错误 (configuration error): {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

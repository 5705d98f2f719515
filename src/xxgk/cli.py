"""The `xxgk` command: report tools (pure, no Django) plus Django's management commands."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if (
        argv
        and argv[0] == "report"
        and (len(argv) < 2 or argv[1] in ("check", "render", "parse", "-h", "--help"))
    ):
        from xxgk.annual.cli import main as report_main

        return report_main(argv[1:])
    if argv and argv[0] == "workdays":  # pure core too: no Django
        from xxgk.workdays.cli import main as workdays_main

        return workdays_main(argv[1:])
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

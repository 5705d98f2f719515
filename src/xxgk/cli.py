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
import unicodedata


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


# xxgk's own commands, grouped, one line each: what `xxgk`, `xxgk -h` and `xxgk help` show
# before Django's list (startproject, testserver… are Django's, not ours).
OWN_COMMANDS = (
    (
        "年度报告（读取文件，无需数据库）",
        (
            ("report check 文件|文件夹", "检查勾稽关系、空白单元格、正文数字和空白章节"),
            ("report parse 文件", "读取已发布的报告（网页、Word、PDF、文本、Markdown），输出 JSON"),
            ("report render 文件 --to html|docx|xlsx|json", "按全国统一格式生成报告"),
        ),
    ),
    (
        "年度报告（读取数据库）",
        (
            ("report compute --agency 代码 --year 年度", "由业务记录计算三张统计表"),
            ("import_reports 文件夹 --year 年度", "导入各机关已发布的年度报告"),
        ),
    ),
    (
        "工作日与期限",
        (
            ("workdays due 日期 [--days 20]", "答复期限及其计算过程"),
            ("load_holidays 文件.yaml", "载入国务院公布的年度节假日安排"),
            ("refresh_deadlines", "按今天的日历更新在办申请的期限（每日运行）"),
            ("reminders [--dry-run]", "向经办人员发送待办提醒（每日运行）"),
        ),
    ),
    (
        "机关与数据",
        (
            ("agencies", "列出机关的代码和名称"),
            ("demo", "载入示例数据（可重复运行）"),
            ("backup [--output 文件]", "备份全部记录和文件"),
            ("restore 文件", "恢复备份到空数据库"),
        ),
    ),
    (
        "运行",
        (
            ("migrate", "建立或升级数据库"),
            ("runserver", "启动开发用网站"),
            ("worker [--batch]", "运行后台任务：报告导入、扫描件文字识别（可多台机器各运行）"),
            ("createsuperuser", "创建管理员账户"),
            ("check --deploy", "检查生产环境配置"),
        ),
    ),
)


def _columns(text: str) -> int:
    """Terminal columns of `text`: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def own_help() -> str:
    width = max(_columns(usage) for _, rows in OWN_COMMANDS for usage, _ in rows)
    lines = ["用法：xxgk <命令> [选项]    （xxgk <命令> --help 查看每个命令的选项）", ""]
    for group, rows in OWN_COMMANDS:
        lines.append(f"{group}：")
        lines += [f"  {usage}{' ' * (width - _columns(usage))}  {what}" for usage, what in rows]
        lines.append("")
    lines.append("以下是 Django 提供的全部管理命令：")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv in (["-h"], ["--help"], ["help"]):
        print(own_help())
        argv = ["help"]  # then Django's list, for everything else it offers
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
    from django.db import DatabaseError

    try:
        execute_from_command_line(["xxgk", *argv])
    except ImproperlyConfigured as e:  # a settings problem is the operator's input: one line
        print(f"配置错误 (configuration error): {e}", file=sys.stderr)
        return 2
    except DatabaseError as e:  # no tables yet, a server that is down: one line, not a traceback
        if os.environ.get("XXGK_DEBUG"):
            raise
        reason = " ".join(str(e).split())[:200]
        hint = (
            "数据库尚未建立或未升级，请先运行 xxgk migrate"
            if "no such table" in reason or ("does not exist" in reason)
            else "请检查数据库是否可用（DATABASE_URL）"
        )
        print(f"数据库错误：{reason}。{hint}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

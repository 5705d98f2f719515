"""`xxgk workdays due DATE …`: a deadline in working days, and how it was counted (pure).

Output: the due date (ISO) alone on the first line; then one line per step (dates, 起算日 /
计入 / 跳过 / 扣除, reason); then where each year's schedule came from (日历：…), the latest the
date can become once unpublished schedules appear (最迟：…, only then), and the warnings.
Unusable input: one line on stderr, exit 2.

Schedules, later ones winning: the packaged data, then `overrides` (the top floor, `xxgk.cli`,
passes the schedules loaded in the database; this core reads no database), then `--calendar`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Mapping

from .calendar import CalendarError, WorkCalendar, YearSchedule, load_schedules
from .deadline import DEFAULT_EXCLUSION_REASON, Exclusion, due

EXIT_OK, EXIT_UNUSABLE = 0, 2
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class UsageError(Exception):
    """Unusable command-line input; the message is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, never the usage dump
        for english, chinese in _ARGPARSE_ZH:
            message = message.replace(english, chinese)
        raise UsageError(f"参数有误（{message}）；用法见 xxgk workdays due -h")


_ARGPARSE_ZH = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的选项："),
    ("expected one argument", "需要一个值"),
    ("argument ", "参数 "),
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xxgk workdays", description="工作日计算：答复期限等")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    d = sub.add_parser(
        "due",
        help="从起算日（第0日，如收到申请之日）起算若干个工作日的期限",
        description="从起算日（第0日）起算若干个工作日的期限；第一行输出到期日，其后逐段说明。",
    )
    d.add_argument("start", help="起算日（第0日），YYYY-MM-DD，如收到申请之日")
    d.add_argument("--days", default="20", help="工作日数（缺省 20；延长后为 40）")
    d.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="开始:结束[:理由]",
        help="不计入期限的期间（含首尾两日），如征求第三方意见：2026-10-10:2026-10-20:征求第三方意见；可重复",
    )
    d.add_argument(
        "--calendar", metavar="FILE", help="节假日安排文件（YAML 或 JSON），优先于内置数据"
    )
    d.add_argument(
        "--count-start-day",
        action="store_true",
        help="起算日本身是工作日时计为第1个工作日（缺省不计入）",
    )
    return parser


def _date(text: str, what: str) -> dt.date:
    text = text.strip()
    try:
        if not _DATE_RE.match(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what}“{text}”不是有效日期（应为 YYYY-MM-DD）") from None


def _days(text: str) -> int:
    try:
        n = int(text.strip())
    except ValueError:
        raise UsageError(f"工作日数“{text}”不是整数") from None
    if n < 0:
        raise UsageError(f"工作日数不能为负数：{n}")
    if n > 10000:
        raise UsageError(f"工作日数过大：{n}")
    return n


def _exclusion(text: str) -> Exclusion:
    parts = text.split(":", 2)
    if len(parts) < 2:
        raise UsageError(f"扣除期间“{text}”应写作 开始:结束[:理由]，如 2026-10-10:2026-10-20")
    a = _date(parts[0], "扣除期间的开始日期")
    b = _date(parts[1], "扣除期间的结束日期")
    if b < a:
        raise UsageError(f"扣除期间“{text}”的结束日期早于开始日期")
    reason = parts[2].strip() if len(parts) == 3 else ""
    return Exclusion(a, b, reason or DEFAULT_EXCLUSION_REASON)


def _origin(year: int, cal: WorkCalendar, origins: Mapping[int, str]) -> str:
    """Where a year's schedule came from, as the 日历 line says it."""
    coverage = cal.coverage(year)
    if coverage == "loaded":
        source = cal.schedules[year].source
        return f"{year}年{origins[year]}（{source}）" if source else f"{year}年{origins[year]}"
    if coverage == "packaged":
        return f"{year}年按内置数据（chinese-calendar）"
    return f"{year}年仅计入法定节假日（调休安排未知）"


def cmd_due(
    args: argparse.Namespace,
    overrides: Mapping[int, YearSchedule] | None = None,
    overrides_from: str = "数据库",
) -> int:
    start = _date(args.start, "起算日")
    days = _days(args.days)
    excluded = [_exclusion(x) for x in args.exclude]
    schedules: dict[int, YearSchedule] = {}
    origins: dict[int, str] = {}
    for year, schedule in (overrides or {}).items():
        schedules[year], origins[year] = schedule, f"按{overrides_from}中载入的安排"
    if args.calendar:
        for year, schedule in load_schedules(args.calendar).items():
            schedules[year], origins[year] = schedule, f"按文件 {args.calendar} 中的安排"
    cal = WorkCalendar(schedules, count_start_day=args.count_start_day)
    deadline = due(start, days, excluded=excluded, calendar=cal)
    print(deadline.date.isoformat())
    for line in deadline.lines()[: len(deadline.steps)]:
        print(line)
    years = range(start.year, deadline.date.year + 1)
    print("日历：" + "；".join(_origin(y, cal, origins) for y in years))
    if deadline.warnings:
        latest = due(start, days, excluded=excluded, calendar=cal.latest()).date
        if latest != deadline.date:
            print(
                f"最迟：{latest.isoformat()}（调休若在近年惯例的范围内，安排公布后的期限不会晚于此日）"
            )
    for warning in deadline.warnings:
        print(f"警告：{warning}")
    return EXIT_OK


def main(
    argv: list[str] | None = None,
    *,
    overrides: Mapping[int, YearSchedule] | None = None,
    overrides_from: str = "数据库",
) -> int:
    """Run `xxgk workdays …`; `overrides` are schedules read elsewhere (the database), named
    `overrides_from` in the output. `--calendar FILE` wins over them."""
    try:
        args = build_parser().parse_args(argv)
        return {"due": cmd_due}[args.command](args, overrides, overrides_from)
    except (UsageError, CalendarError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 — a one-line reason, never a traceback
        if os.environ.get("XXGK_DEBUG"):
            raise
        print(
            f"错误：无法处理该输入（{type(e).__name__}: {e}）；设置 XXGK_DEBUG=1 可查看详情",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE

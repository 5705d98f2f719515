"""`xxgk report …`: check and render annual reports (pure; no Django, no database).

Exit codes of `check`: 0 no error-level finding, 1 at least one, 2 the input is unusable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .checks import run_checks, summary
from .jsonio import ReportInputError, load
from .model import LEVEL_LABELS, Finding, Level

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
FORMATS = ("html", "docx", "xlsx", "json")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every unusable input
        self.print_usage(sys.stderr)
        print(f"错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xxgk report", description="政府信息公开工作年度报告：检查与生成")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="检查报告的勾稽关系和空白单元格")
    c.add_argument("file", help="报告 JSON 文件（xxgk-annual-report/1）")
    c.add_argument("--previous", help="上一年度报告 JSON，用于跨年度检查")
    c.add_argument("--format", choices=("table", "json"), default="table", help="输出格式")

    r = sub.add_parser("render", help="按全国统一格式生成 HTML、DOCX、XLSX 或 JSON")
    r.add_argument("file", help="报告 JSON 文件")
    r.add_argument("--to", required=True, choices=FORMATS, help="输出格式")
    r.add_argument("-o", "--output", required=True, help="输出文件路径（- 表示标准输出）")
    return parser


def _print_findings(findings: list[Finding]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(soft_wrap=False, width=max(120, Console().width))
    if findings:
        table = Table(show_lines=False, header_style="bold")
        for col in ("级别", "检查", "单元格", "应为", "实际", "说明"):
            table.add_column(col, overflow="fold")
        styles = {Level.ERROR: "red", Level.WARNING: "yellow", Level.INFO: "cyan"}
        for f in findings:
            cells = ", ".join(str(c) for c in f.cells[:3]) + (" …" if len(f.cells) > 3 else "")
            table.add_row(
                f"[{styles[f.level]}]{LEVEL_LABELS[f.level]}[/]",
                f.check_id,
                escape(cells),
                "" if f.expected is None else escape(str(f.expected)),
                "" if f.actual is None else escape(str(f.actual)),
                escape(f.message),
            )
        console.print(table)
    console.print(summary(findings), highlight=False)


def cmd_check(args: argparse.Namespace) -> int:
    report = load(args.file)
    previous = load(args.previous) if args.previous else None
    findings = run_checks(report, previous=previous)
    if args.format == "json":
        out = {
            "file": args.file,
            "summary": summary(findings),
            "findings": [f.to_json() for f in findings],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print_findings(findings)
    return EXIT_FINDINGS if any(f.level == Level.ERROR for f in findings) else EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from .render import render

    report = load(args.file)
    data = render(report, args.to)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        return EXIT_OK
    out = Path(args.output)
    try:
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, out)  # never leave half a file behind
    except OSError as e:
        raise ReportInputError(f"无法写入 {out}：{e.strerror}") from None
    print(f"已生成 {out}（{len(data)} 字节）", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"check": cmd_check, "render": cmd_render}[args.command](args)
    except ReportInputError as e:
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

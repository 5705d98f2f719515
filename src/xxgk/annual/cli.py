"""`xxgk report …`: check and render annual reports (pure; no Django, no database).

Exit codes of `check`: 0 no error-level finding, 1 at least one, 2 the input is unusable, 3
incomplete (no error, but cells the reader could not read: never "passed").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .checks import summary
from .jsonio import ReportInputError, dumps
from .model import LEVEL_LABELS, Finding, Level

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INCOMPLETE = 0, 1, 2, 3
FORMATS = ("html", "docx", "xlsx", "json")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every unusable input
        self.print_usage(sys.stderr)
        print(f"错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xxgk report", description="政府信息公开工作年度报告：检查与生成")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="检查报告的勾稽关系、空白单元格和正文数字")
    c.add_argument(
        "file",
        help="报告 JSON（xxgk-annual-report/1）、报告文档（网页、Word、PDF、文本），或一个文件夹",
    )
    c.add_argument("--previous", help="上一年度报告（JSON 或文档），用于跨年度检查")
    c.add_argument("--format", choices=("table", "json"), default="table", help="输出格式")
    c.add_argument("--csv", help="检查文件夹时：每个文件一行的汇总表（CSV）")
    c.add_argument("--jobs", type=int, default=1, help="检查文件夹时的并行进程数")

    p = sub.add_parser("parse", help="读取已发布的年度报告文档，输出 JSON")
    p.add_argument("file", help="报告文档：网页（HTML）、Word（DOCX）、PDF、文本或 Markdown")
    p.add_argument("-o", "--output", help="输出 JSON 文件（缺省为标准输出）")

    # computed from the records: needs the database, so `xxgk report compute` is run by the
    # Django command (xxgk.cli routes it there); listed here so `xxgk report --help` shows it
    sub.add_parser(
        "compute",
        help="由业务记录计算某机关某年度的统计表（需要数据库；xxgk report compute --help）",
        add_help=False,
    )

    r = sub.add_parser("render", help="按全国统一格式生成 HTML、DOCX、XLSX 或 JSON")
    r.add_argument(
        "file", help="报告 JSON 文件，或任何可读取的报告文档（网页、Word、PDF、文本、Markdown）"
    )
    r.add_argument("--to", required=True, choices=FORMATS, help="输出格式")
    r.add_argument("-o", "--output", required=True, help="输出文件路径（- 表示标准输出）")
    return parser


def _print_findings(findings: list[Finding], unread=()) -> None:
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
    console.print(summary(findings, unread), highlight=False)


def _print_parse_warnings(warnings) -> None:
    for w in warnings:
        where = []
        if w.source and w.source.page:
            where.append(f"第{w.source.page}页")
        if w.source and w.source.line:
            where.append(f"第{w.source.line}行")
        suffix = f"（{' '.join(where)}）" if where else ""
        print(f"读取提示：{w.message}{suffix}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from .audit import audit

    if Path(args.file).is_dir():
        from .batch import check_folder

        return check_folder(Path(args.file), csv_path=args.csv, jobs=max(1, args.jobs))
    result = audit(args.file, previous=args.previous)
    findings = result.findings
    if args.format == "json":
        out = {
            "file": args.file,
            "status": result.status,
            "summary": summary(findings, result.unread),
            "findings": [f.to_json() for f in findings],
            "unread_cells": _unread_json(result.unread, result.candidates),
            "parse_warnings": [w.to_json() for w in result.warnings],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print_parse_warnings(result.warnings)
        _print_findings(findings, result.unread)
    if result.has_errors:
        return EXIT_FINDINGS
    return EXIT_INCOMPLETE if result.incomplete else EXIT_OK


def _unread_json(unread, candidates) -> list[dict[str, object]]:
    out = []
    for ref in sorted(unread, key=str):
        item: dict[str, object] = {"cell": str(ref)}
        if ref in candidates:
            item["candidates"] = [
                v if isinstance(v, int) or v is None else str(v) for v in candidates[ref]
            ]
        out.append(item)
    return out


def cmd_parse(args: argparse.Namespace) -> int:
    from .parse import read

    result = read(args.file)
    doc = json.loads(dumps(result.report))
    doc["sources"] = result.provenance()
    doc["unread_cells"] = _unread_json(result.unread, result.candidates)
    doc["parse_warnings"] = [w.to_json() for w in result.warnings]
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    _print_parse_warnings(result.warnings)
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    _write(Path(args.output), text.encode("utf-8"))
    return EXIT_OK


def _write(out: Path, data: bytes) -> None:
    try:
        if out.exists() and not out.is_file():  # /dev/null, a pipe: write through, never replace
            with out.open("wb") as f:
                f.write(data)
            return
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, out)  # never leave half a file behind
    except OSError as e:
        raise ReportInputError(f"无法写入 {out}：{e.strerror}") from None
    print(f"已生成 {out}（{len(data)} 字节）", file=sys.stderr)


def cmd_render(args: argparse.Namespace) -> int:
    from .audit import load_any
    from .render import render

    report, parsed = load_any(args.file)  # report JSON, or any document `parse` can read
    if parsed is not None:
        _print_parse_warnings(parsed.warnings)
    data = render(report, args.to)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        return EXIT_OK
    _write(Path(args.output), data)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "compute":
        print("错误：report compute 需要数据库，请使用 xxgk report compute", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        return {"check": cmd_check, "render": cmd_render, "parse": cmd_parse}[args.command](args)
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

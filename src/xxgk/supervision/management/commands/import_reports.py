"""`xxgk import_reports DIR --year YEAR [--agency-map map.csv]`: published reports into the
register (xxgk.supervision.services). One bad file never stops the batch; a summary at the end."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xxgk.supervision.services import ImportRefused, import_file, read_agency_map

SUFFIXES = {".txt", ".md", ".htm", ".html", ".shtml", ".pdf", ".docx", ".doc"}


class Command(BaseCommand):
    help = "导入已发布的政府信息公开工作年度报告（文本、Markdown、网页、Word、PDF）"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="报告文件所在目录")
        parser.add_argument("--year", type=int, required=True, help="报告年度")
        parser.add_argument(
            "--agency-map", help="对照表 CSV（file,agency_code），用于文中机关名称无法匹配时"
        )

    def handle(self, *args, **opts):
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        folder = Path(opts["directory"])
        if not folder.is_dir():
            raise CommandError(f"目录不存在：{folder}")
        year = opts["year"]
        if not 1990 <= year <= 2999:
            raise CommandError(f"年度不正确：{year}")
        agency_map = {}
        if opts["agency_map"]:
            try:
                agency_map = read_agency_map(opts["agency_map"])
            except (OSError, UnicodeDecodeError) as e:
                raise CommandError(f"无法读取对照表：{e}") from None
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        table = Table(title=f"{year}年度报告导入结果")
        for column in ("文件", "机关", "结果"):
            table.add_column(column)
        imported = 0
        for path in files:
            try:
                report = import_file(path, year=year, agency_map=agency_map)
            except ImportRefused as e:
                table.add_row(escape(path.name), "", f"[red]未导入：{escape(str(e))}[/red]")
            except Exception as e:  # noqa: BLE001 — one bad file never stops the batch
                table.add_row(
                    escape(path.name), "", f"[red]未导入（读取出错）：{escape(repr(e))}[/red]"
                )
            else:
                imported += 1
                table.add_row(
                    escape(path.name), escape(report.agency.name), "[green]已导入[/green]"
                )
        buffer = io.StringIO()
        console = Console(file=buffer, width=120)
        console.print(table)
        console.print(
            f"共 {len(files)} 个文件，导入 {imported} 个，未导入 {len(files) - imported} 个。"
        )
        self.stdout.write(buffer.getvalue(), ending="")

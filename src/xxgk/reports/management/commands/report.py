"""`xxgk report compute`: the report JSON computed from the records.

(`xxgk report check|parse|render` are the pure tools in xxgk.annual.cli and never reach here.)
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from xxgk.agencies.models import Agency
from xxgk.agencies.queries import unknown_code_message
from xxgk.annual.jsonio import dumps
from xxgk.reports.compile import agencies_with_records, compile_report


class Command(BaseCommand):
    help = "由业务记录计算年度报告统计表（xxgk-annual-report/1 JSON）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser("compute", help="计算某机关某年度的报告统计表")
        c.add_argument("--agency", help="机关代码；省略时为每个有记录的机关各输出一行 JSON")
        c.add_argument("--year", type=int, required=True, help="报告年度")
        c.add_argument(
            "--template", choices=("v2021", "v2019"), default="v2021", help="报告格式版本"
        )
        c.add_argument("--aggregate", action="store_true", help="汇总下级机关的数据")

    def handle(self, *args, **opts):
        year = opts["year"]
        if not 1990 <= year <= 2999:
            raise CommandError(f"年度不正确：{year}")
        if opts["agency"]:
            try:
                agency = Agency.objects.get(code=opts["agency"])
            except Agency.DoesNotExist:
                raise CommandError(unknown_code_message(opts["agency"])) from None
            report = compile_report(
                agency, year, version=opts["template"], aggregate=opts["aggregate"]
            )
            sys.stdout.write(dumps(report))
            return
        for agency in agencies_with_records():
            report = compile_report(
                agency, year, version=opts["template"], aggregate=opts["aggregate"]
            )
            sys.stdout.write(dumps(report, indent=None))

"""`xxgk open_data`: build the bulk downloads of /data/ (run it from cron, e.g. nightly)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from xxgk.api import bulk


class Command(BaseCommand):
    help = "生成开放数据下载文件（公开目录、年度报告统计表；CSV、XLSX、JSON Lines）"

    def handle(self, *args, **opts):
        result = bulk.build(progress=lambda line: self.stdout.write(line))
        rows = sum(f["rows"] for f in result.files if f["format"] == "csv")
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成 {len(result.files)} 个文件（{rows} 行）：{result.directory}"
            )
        )

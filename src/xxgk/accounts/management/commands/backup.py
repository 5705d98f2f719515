"""`xxgk backup [--output FILE]`: every record and stored file in one ZIP (see xxgk.backup)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xxgk import backup


class Command(BaseCommand):
    help = "Write a backup (records, stored files, manifest with checksums) to a ZIP file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="the ZIP file to write (default: var/backups/xxgk-YYYYMMDD-HHMMSS.zip)",
        )

    def handle(self, *args, **opts):
        from rich.console import Console

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(opts["output"] or settings.DATA_DIR / "backups" / f"xxgk-{stamp}.zip")
        if path.exists():
            raise CommandError(f"{path} 已存在：请换一个文件名，备份不覆盖现有文件")
        console = Console(file=self.stdout, highlight=False)
        try:
            summary = backup.write(path, progress=lambda step: console.print(f"… {step}"))
        except OSError as e:
            raise CommandError(f"无法写入备份：{e}") from None
        backup.print_counts(console, f"backup {summary.path}", summary.counts)
        console.print(f"{summary.files} stored files, {summary.bytes / 1e6:.1f} MB")
        for name in summary.missing:
            console.print(f"[yellow]警告：文件存储中缺少 {name}（记录已备份，文件未备份）[/yellow]")

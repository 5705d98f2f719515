"""`xxgk restore FILE`: a backup of `xxgk backup` into an empty database (see xxgk.backup)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xxgk import backup


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database and file storage: every checksum is "
        "verified first, the row counts are compared after."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a ZIP file written by `xxgk backup`")
        parser.add_argument(
            "--unsigned",
            action="store_true",
            help="accept a backup without a signature (made before backups were signed); "
            "a backup whose signature is wrong is refused all the same",
        )

    def handle(self, *args, **opts):
        from rich.console import Console

        console = Console(file=self.stdout, highlight=False)
        try:
            if opts["unsigned"]:
                console.print("[yellow]警告：接受没有签名的备份，无法确认它未被篡改[/yellow]")
            summary = backup.restore(
                Path(opts["file"]),
                progress=lambda step: console.print(f"… {step}"),
                unsigned=opts["unsigned"],
            )
        except backup.BackupError as e:
            raise CommandError(str(e)) from None
        backup.print_counts(console, f"restored from {summary.path}", summary.counts)
        console.print(f"{summary.files} stored files; row counts equal the backup's manifest")
        for name in summary.missing:
            console.print(f"[yellow]警告：备份时已缺少文件 {name}[/yellow]")

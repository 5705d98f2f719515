"""`xxgk reminders [--today YYYY-MM-DD] [--dry-run]`: each handler's and office head's digest of
what needs doing (applications.reminders), by the site's mail backend. Meant for cron, daily."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xxgk.applications import reminders


class Command(BaseCommand):
    help = "向经办人员和负责人发送待办提醒（即将到期、已逾期、待终止、待确认、征求意见逾期）"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按哪一天计算（默认今天），如 2027-01-04")
        parser.add_argument("--dry-run", action="store_true", help="只列出，不发送")

    def handle(self, *args, **opts):
        today = timezone.localdate()
        if opts["today"]:
            try:
                today = dt.date.fromisoformat(opts["today"])
            except ValueError:
                raise CommandError("--today 应为 YYYY-MM-DD 格式的日期") from None
        sent, skipped = reminders.send(today, dry_run=opts["dry_run"])
        verb = "应发送" if opts["dry_run"] else "已发送"
        for d in sent:
            self.stdout.write(f"{verb}：{d.user.get_username()} <{d.user.email}> {d.subject}")
        for d in skipped:
            self.stderr.write(f"未发送（没有电子邮箱）：{d.user.get_username()} {d.subject}")
        self.stdout.write(f"{today:%Y-%m-%d}：{verb}提醒 {len(sent)} 封，未发送 {len(skipped)} 封")

"""`xxgk refresh_deadlines`: rewrite every open case's stored due date (the work list's sort
index) as it stands today. Meant for cron, daily; pages compute deadlines live regardless."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from xxgk.applications import services


class Command(BaseCommand):
    help = "按今天的日历重新计算所有在办申请的答复期限索引（每日运行）"

    def handle(self, *args, **opts):
        n = services.refresh_deadlines()
        self.stdout.write(f"已更新 {n} 件在办申请的答复期限索引")

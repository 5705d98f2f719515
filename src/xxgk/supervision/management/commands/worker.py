"""`xxgk worker`: runs the background jobs (Django tasks on the database queue).

First queues again the import jobs whose worker stopped mid-way (they resume with the files not
yet done), then runs django-tasks-db's worker with the given options (`--batch` processes
what is queued and exits). Run one or more on any machine that reaches the database.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from xxgk.supervision.services import resume_stale_jobs


class Command(BaseCommand):
    help = "运行后台任务（报告导入、文字识别）；可在多台机器上各运行一个或多个"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="处理完队列中的任务后退出")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="队列为空时的轮询间隔（秒）"
        )

    def handle(self, *args, batch: bool, interval: float, **options):
        resumed = resume_stale_jobs()
        if resumed:
            self.stderr.write(f"重新排队中断的导入任务：{', '.join(map(str, resumed))}")
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            startup_delay=not batch,
            reload=False,
            verbosity=options.get("verbosity", 1),
        )

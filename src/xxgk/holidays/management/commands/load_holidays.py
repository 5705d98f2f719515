"""`xxgk load_holidays FILE`: load years' official holiday schedules (the State Council notice)
from a YAML/JSON file into the database, where they take precedence over the packaged data.

File format: see xxgk.workdays.calendar (e.g. `2027: {holidays: [2027-01-01, 2027-02-06..2027-02-12],
workdays: [2027-02-13]}`).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from xxgk.holidays.services import load_schedules
from xxgk.workdays.calendar import CalendarError
from xxgk.workdays.calendar import load_schedules as read_schedules


class Command(BaseCommand):
    help = "从文件载入年度法定节假日安排（优先于内置数据）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="YAML 或 JSON 文件")

    def handle(self, *args, **opts):
        try:
            schedules = read_schedules(opts["file"])
        except CalendarError as e:
            raise CommandError(str(e)) from None
        load_schedules(schedules)  # all years or none; open cases are recounted once
        for year, schedule in sorted(schedules.items()):
            self.stdout.write(
                f"{year}年：放假 {len(schedule.holidays)} 天，调休上班 {len(schedule.workdays)} 天"
            )

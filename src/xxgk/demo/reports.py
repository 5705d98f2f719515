"""Demo review/litigation cases and the annual reports of the last full year.

Each department's report for last year is drafted from the records, its texts completed,
approved by the office head and published, through `xxgk.reports.services` (so the demo shows
a complete, checked report), on the working days an office would have done it: the departments
in January, before their 31 January deadline (art. 49) — except the 住建局, published a few days
late on purpose so the supervising office has something to see — and the city government's
aggregated report in March, before its 31 March deadline.
Idempotent: cases are keyed by their case numbers, reports by agency and year.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from xxgk.agencies.models import Agency
from xxgk.disputes import services as disputes
from xxgk.disputes.models import Case
from xxgk.holidays.calendar import work_calendar
from xxgk.reports import services as reports
from xxgk.reports.models import AnnualReport

# (kind, result or "" for pending, filed month, concluded month)
CASES = {
    "sfj": [
        ("review", "maintained", 3, 5),
        ("review", "", 11, None),
        ("lit_direct", "maintained", 4, 9),
    ],
    "sthjj": [
        ("review", "corrected", 2, 4),
        ("review", "maintained", 6, 8),
        ("lit_after_review", "", 10, None),
    ],
    "zjj": [
        ("review", "maintained", 1, 3),
        ("review", "other", 5, 7),
        ("lit_direct", "corrected", 3, 11),
    ],
}
BODIES = {
    "review": "示范市人民政府",
    "lit_direct": "示范市示范区人民法院",
    "lit_after_review": "示范市中级人民法院",
}

TEXTS = {
    "管理": "严格落实公文公开属性源头认定和发布前保密审查，全年未发生失泄密事件；动态调整主动公开基本目录。",
    "平台": "依托全市政府网站集群，规范“政府信息公开”专栏设置，及时更新政府信息公开指南。",
    "保障": "调整政务公开工作领导小组，将政务公开纳入年度绩效考核，组织业务培训2次。",
    "问题": (
        "一是部分栏目更新不够及时；二是政策解读形式较为单一。下一步，将建立栏目更新提醒机制，"
        "丰富图文、视频等解读形式，进一步提升政府信息公开质量。"
    ),
}


def load_cases(agencies: dict[str, Agency], staff: dict, year: int) -> int:
    created = 0
    for key, specs in CASES.items():
        agency, handler = agencies[key], staff[key].handler
        for i, (kind, result, filed, concluded) in enumerate(specs, 1):
            number = f"示{key}复诉〔{year}〕{i}号"
            if Case.objects.filter(agency=agency, case_number=number).exists():
                continue
            case = disputes.register_case(
                agency,
                kind=kind,
                body=BODIES[kind],
                filed_on=dt.date(year, filed, 10),
                case_number=number,
                actor=handler,
            )
            if result:
                disputes.record_result(
                    case, result=result, on=dt.date(year, concluded, 20), actor=handler
                )
            created += 1
    return created


def _complete(text: str) -> str:
    for prompt, filled in (
        ("（请填写公文公开属性认定、保密审查、政府信息管理动态调整等情况。）", TEXTS["管理"]),
        ("（请填写政府网站、政务新媒体等平台建设情况。）", TEXTS["平台"]),
        ("（请填写组织领导、制度建设、培训、考核等情况。）", TEXTS["保障"]),
        ("（请填写本年度政府信息公开工作存在的主要问题及改进措施。）", TEXTS["问题"]),
    ):
        text = text.replace(prompt, filled)
    return text


# (month, day, hour, minute) of the year after the report year: drafted, texts written,
# approved, published; moved to the next working day when one falls on a rest day
SCHEDULE = {
    "sfj": ((1, 6, 9, 40), (1, 9, 15, 10), (1, 20, 10, 30), (1, 23, 9, 15)),
    "sthjj": ((1, 7, 10, 5), (1, 13, 14, 20), (1, 22, 16, 0), (1, 27, 9, 30)),
    "zjj": ((1, 19, 9, 20), (1, 28, 15, 45), (2, 3, 11, 0), (2, 5, 10, 0)),  # late
    "szf": ((3, 9, 9, 30), (3, 16, 14, 0), (3, 20, 16, 30), (3, 25, 9, 0)),  # aggregated
}


def on_a_working_day(year: int, when: tuple[int, int, int, int]) -> dt.datetime:
    month, day, hour, minute = when
    date = work_calendar().next_workday(dt.date(year, month, day) - dt.timedelta(days=1))
    return timezone.make_aware(dt.datetime.combine(date, dt.time(hour, minute)))


def load_reports(agencies: dict[str, Agency], staff: dict, year: int) -> int:
    created = 0
    now = timezone.now()
    for key, steps in SCHEDULE.items():
        agency = agencies[key]
        if key not in staff or AnnualReport.objects.filter(agency=agency, year=year).exists():
            continue
        drafted, written, approved, published = (on_a_working_day(year + 1, s) for s in steps)
        if drafted > now:
            continue  # early in the year: that report is not due yet
        handler, head = staff[key].handler, staff[key].head
        report = reports.create_draft(agency, year=year, actor=handler, at=drafted)
        if written > now:
            continue
        report = reports.edit_sections(
            report,
            sections={k: _complete(v) for k, v in report.sections.items()},
            actor=handler,
            at=written,
        )
        if approved <= now:
            reports.approve(report, actor=head, at=approved)
            if published <= now:
                reports.publish(report, actor=head, at=published)
        created += 1
    return created


def last_full_year() -> int:
    return timezone.localdate().year - 1

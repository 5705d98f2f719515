"""The official holiday schedules (国务院办公厅 notices) loaded by administrators: the one
source of the working-day calendar for every deadline (applications, art. 26 of the catalog)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.workdays import YearSchedule


class HolidaySchedule(models.Model):
    """A year's official holiday schedule (国务院办公厅 notice), entered by an administrator.

    It takes precedence over the packaged chinese-calendar data, which lags behind: a case
    received in December runs into a year the package may not know yet.
    """

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    holidays = models.TextField(
        _("放假日期"), help_text=_("每行一个日期或日期范围，如 2027-01-01 或 2027-02-06~2027-02-12")
    )
    workdays = models.TextField(
        _("调休上班日期"), blank=True, help_text=_("周末调休上班的日期，每行一个")
    )
    source = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("如 国办发明电〔2026〕X号")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "applications_holidayschedule"  # created by applications; moved, not copied
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    @staticmethod
    def parse_dates(text: str) -> list[dt.date]:
        out = []
        for raw in text.replace(",", "\n").replace("，", "\n").splitlines():
            item = raw.strip()
            if not item:
                continue
            if "~" in item or "至" in item:
                a, b = (s.strip() for s in item.replace("至", "~").split("~", 1))
                start, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
                out.extend(start + dt.timedelta(days=i) for i in range((end - start).days + 1))
            else:
                out.append(dt.date.fromisoformat(item))
        return out

    def clean(self) -> None:
        for field in ("holidays", "workdays"):
            try:
                dates = self.parse_dates(getattr(self, field))
            except ValueError:
                raise ValidationError({field: _("日期格式应为 YYYY-MM-DD，每行一个")}) from None
            if any(d.year != self.year for d in dates):
                raise ValidationError({field: _("日期须在本年度内")})

    @classmethod
    def version(cls) -> str:
        latest = cls.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
        return f"{cls.objects.count()}:{latest}"

    def as_year_schedule(self) -> YearSchedule:
        """The row as the working-day core reads a schedule (unnamed days, with its source)."""
        return YearSchedule(
            self.year,
            holidays=dict.fromkeys(self.parse_dates(self.holidays), ""),
            workdays=dict.fromkeys(self.parse_dates(self.workdays), ""),
            source=self.source,
        )

from django.contrib import admin

from .models import HolidaySchedule


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    """Administrators load a year's official schedule here; it overrides the packaged data."""

    list_display = ("year", "source", "updated_at")

from django.contrib import admin

from . import services
from .models import HolidaySchedule


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    """Administrators load a year's official schedule here; it overrides the packaged data.

    Saves and deletes go through `services` (never the row itself), so every change sends
    `signals.schedule_changed` and the open cases' deadlines are recounted.
    """

    list_display = ("year", "source", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        # a schedule belongs to its year: to move one, delete it and add the other year
        return ("year",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        stored = services.load_schedule(obj.year, obj.as_year_schedule())
        obj.pk, obj.holidays, obj.workdays = stored.pk, stored.holidays, stored.workdays
        obj.updated_at = stored.updated_at

    def delete_model(self, request, obj):
        services.delete_schedule(obj.year)

    def delete_queryset(self, request, queryset):
        services.delete_schedules(queryset.values_list("year", flat=True))

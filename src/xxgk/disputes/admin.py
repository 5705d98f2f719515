from django.contrib import admin

from .models import Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("agency", "kind", "case_number", "filed_on", "result", "concluded_on")
    list_filter = ("kind", "result", "agency")
    readonly_fields = ("result", "concluded_on")

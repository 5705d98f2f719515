from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Agency
from .remedies import review_body_text


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "review_bodies")
    list_filter = ("kind", "review_route")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("parent__parent",)
    readonly_fields = ("review_bodies",)

    @admin.display(description=_("答复书写明的行政复议机关"))
    def review_bodies(self, obj: Agency) -> str:
        return review_body_text(obj) if obj.pk else "—"

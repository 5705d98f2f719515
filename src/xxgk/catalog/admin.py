from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Column, Section, Topic

# paths of an agency's portal that a column's slug would hide (catalog.urls)
RESERVED_COLUMN_SLUGS = frozenset({"guide", "items", "annual-reports"})


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "slug", "order")
    list_filter = ("agency",)
    ordering = ("agency__code", "order", "pk")


class ColumnForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = "__all__"

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_COLUMN_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s”是门户网站的保留路径，请换一个") % {"slug": slug}
            )
        return slug

    def clean(self):
        data = super().clean()
        section, agency = data.get("section"), data.get("agency")
        if section and agency and section.agency_id != agency.pk:
            self.add_error("section", _("板块不属于所选机关"))
        return data


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    form = ColumnForm
    list_display = ("name", "agency", "section", "slug", "order")
    list_filter = ("agency",)
    search_fields = ("name", "slug")
    ordering = ("agency__code", "section__order", "order", "pk")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("__str__", "order")
    ordering = ("parent__order", "parent_id", "order", "pk")

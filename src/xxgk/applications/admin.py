from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .letter_templates import TEMPLATE_KINDS, placeholder_help, shipped_template
from .models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """Uploaded letter templates: an agency's active one overrides the deployment's, which
    overrides the shipped one. Uploads are checked in `LetterTemplate.clean`."""

    list_display = ("kind", "agency", "active", "note", "uploaded_at")
    list_filter = ("kind", "active", "agency")
    search_fields = ("note", "agency__name")
    fields = ("kind", "agency", "file", "active", "note", "placeholders")
    readonly_fields = ("placeholders",)

    @admin.display(description="占位符与默认模板")
    def placeholders(self, obj):
        rows = format_html_join(
            "",
            '<tr><td>{}<br><a href="{}">下载默认模板</a></td><td>{}</td></tr>',
            (
                (
                    LetterTemplate.Kind(k).label,
                    reverse("admin:applications_lettertemplate_default", args=[k]),
                    placeholder_help(k),
                )
                for k in TEMPLATE_KINDS
            ),
        )
        return format_html(
            "<p>在 Word 或 WPS 中编辑默认模板，保留 {{{{占位符}}}} 后上传。"
            "启用的本机关模板优先于默认模板（不选择机关）。</p><table>{}</table>",
            rows,
        )

    def get_urls(self):
        own = [
            path(
                "default/<str:kind>.docx",
                self.admin_site.admin_view(self.default_template),
                name="applications_lettertemplate_default",
            )
        ]
        return own + super().get_urls()

    def default_template(self, request, kind: str):
        if kind not in TEMPLATE_KINDS or not self.has_view_or_change_permission(request):
            raise Http404
        response = HttpResponse(
            shipped_template(kind),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{kind}.docx"'
        return response

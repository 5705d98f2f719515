"""Forms of the annual report workspace: a new draft, the six section texts, publishing (a
reason is required when error-level findings remain) and reopening for a correction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xxgk.annual.templates import template

MAX_SECTION = 50000


class NewReportForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("机关"), coerce=int)
    year = forms.TypedChoiceField(label=_("年度"), coerce=int)

    def __init__(self, *args, agencies=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]
        self.fields["year"].choices = [(y, _("%(year)d年度") % {"year": y}) for y in years]


class SectionsForm(forms.Form):
    """One textarea per section of the national format (each line is one paragraph)."""

    def __init__(self, *args, version: str = "v2021", **kwargs):
        super().__init__(*args, **kwargs)
        for s in template(version).sections:
            self.fields[s.key] = forms.CharField(
                label=s.heading,
                required=False,
                max_length=MAX_SECTION,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def clean(self):
        data = super().clean()
        return {k: v.replace("\r\n", "\n").replace("\r", "\n") for k, v in data.items()}


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        label=_("有错误仍予发布的理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("检查发现错误时必须填写；理由将记入报告的操作记录。"),
    )

    def __init__(self, *args, errors: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_count = errors
        if errors:
            self.fields["override_reason"].required = True


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("更正说明"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("将随更正后的版本向社会公布。"),
    )


class EmptyForm(forms.Form):
    """Actions without input (refresh, approve)."""

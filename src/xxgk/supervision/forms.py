"""Forms of the supervising office's pages (thin: the rules live in `services`)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.agencies.models import Agency


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    file = MultipleFileField(
        label=_("报告文件"),
        help_text=_(
            "已发布的年度报告：文本、Markdown、网页、Word（.docx）或 PDF（扫描件将进行文字识别），"
            "每个不超过100 MB；可一次选择多个文件，在后台逐个导入"
        ),
    )
    year = forms.IntegerField(
        label=_("报告年度"),
        min_value=2008,
        required=False,
        help_text=_("文件中写明的年度须与此一致；不填写时按文中的年度"),
    )
    agency = forms.ModelChoiceField(
        label=_("机关"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("按文中机关名称匹配"),
    )
    published_on = forms.DateField(
        label=_("发布日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("报告实际发布的日期，用于判断是否逾期；不填写时记为今天"),
    )

    def __init__(self, *args, agencies: list[Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=[a.pk for a in agencies]
        ).order_by("code")

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year and year >= timezone.localdate().year:
            raise forms.ValidationError(_("只能导入已结束年度的报告"))
        return year

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("发布日期不能晚于今天"))
        return day

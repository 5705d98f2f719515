"""Forms of the supervising office's pages and of the public complaint form (thin: the rules
live in xxgk.reports.complaints and xxgk.reports.importing)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xxgk.agencies.models import Agency


class ComplaintForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("被举报机关"),
        queryset=Agency.objects.exclude(kind=Agency.Kind.SUPERVISING_OFFICE).order_by("code"),
        empty_label=_("请选择机关"),
    )
    name = forms.CharField(label=_("姓名或单位名称"), max_length=100)
    contact = forms.CharField(
        label=_("联系方式"),
        max_length=100,
        help_text=_("电话或电子邮箱，用于告知处理结果"),
    )
    text = forms.CharField(
        label=_("举报内容"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("请写明该机关未按照《中华人民共和国政府信息公开条例》履行的义务及有关情况"),
    )
    # A honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = forms.CharField(
        label=_("网站（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("报告文件"),
        help_text=_("已发布的年度报告：文本、Markdown、网页、Word（.docx）或 PDF，不超过100 MB"),
    )
    year = forms.IntegerField(
        label=_("报告年度"),
        min_value=2008,
        help_text=_("文件中写明的年度须与此一致"),
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
        if year >= timezone.localdate().year:
            raise forms.ValidationError(_("只能导入已结束年度的报告"))
        return year

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("发布日期不能晚于今天"))
        return day

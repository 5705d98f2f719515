"""The public complaint form (the rules live in `xxgk.supervision.services`)."""

from __future__ import annotations

from django import forms
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

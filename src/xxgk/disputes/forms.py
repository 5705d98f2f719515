"""Forms of the register pages: registering a case and recording its result. Forms only check
and clean input; every change goes through `services`, whose refusals the views show."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.agencies.models import Agency
from xxgk.applications.forms import XxgkForm, normalise_tracking_code
from xxgk.applications.models import Application
from xxgk.forms import DateInput

from .models import Case


class CaseForm(XxgkForm):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("被申请或被诉机关"), queryset=Agency.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=Case.Kind.choices)
    body = forms.CharField(
        label=gettext_lazy("复议机关或人民法院"),
        max_length=100,
        help_text=gettext_lazy("如：示范市人民政府、示范市示范区人民法院"),
    )
    case_number = forms.CharField(label=gettext_lazy("案号"), max_length=80, required=False)
    filed_on = forms.DateField(label=gettext_lazy("受理日期"), widget=DateInput())
    tracking_code = forms.CharField(
        label=gettext_lazy("相关申请的查询码"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("选填。案件所涉依申请公开申请的12位查询码，如 ABCD-EFGH-JKLM"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    notes = forms.CharField(
        label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].empty_label = None

    def clean(self):
        data = super().clean()
        text = (data.get("tracking_code") or "").strip()
        data["application"] = None
        if not text or "agency" not in data:
            return data
        code = normalise_tracking_code(text)
        application = (
            Application.objects.filter(agency=data["agency"], tracking_code=code).first()
            if code
            else None
        )
        if application is None:
            self.add_error(
                "tracking_code", _("本机关没有查询码为 %(code)s 的申请") % {"code": text}
            )
        data["application"] = application
        return data


class ResultForm(XxgkForm):
    result = forms.ChoiceField(
        label=gettext_lazy("审结结果"), choices=Case.Result.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label=gettext_lazy("审结日期"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()

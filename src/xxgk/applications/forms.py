"""Forms of the application pages: the applicant's form (public and staff) and one small form
per action on the case page. Forms only check and clean input; every change goes through
`services`, whose refusals the views show on the form."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.codes import ALPHABET
from xxgk.forms import DateInput, chinese_messages

from . import validators
from .grounds import DENIED, PROCEDURAL, Ground
from .letter_notices import offered
from .models import (
    ApplicantType,
    Application,
    Channel,
    Delivery,
    DeliveryWanted,
    FeeNotice,
    FormWanted,
    IdType,
    Letter,
)
from .services import ApplicantInput

LAW = "《中华人民共和国政府信息公开条例》"

# the legal basis written into the decision when the handler leaves it blank
LEGAL_BASIS = {
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED: f"{LAW}第三十六条第一项",
    Ground.ART36_2_CAN_BE_DISCLOSED: f"{LAW}第三十六条第二项",
    Ground.ART37_PARTIAL_DISCLOSURE: f"{LAW}第三十六条第二项、第三十七条",
    Ground.ART14_STATE_SECRET: f"{LAW}第十四条、第三十六条第三项",
    Ground.ART14_PROHIBITED: f"{LAW}第十四条、第三十六条第三项",
    Ground.ART14_SECURITY: f"{LAW}第十四条、第三十六条第三项",
    Ground.ART15_THIRD_PARTY: f"{LAW}第十五条、第三十二条、第三十六条第三项",
    Ground.ART16_1_INTERNAL: f"{LAW}第十六条第一款、第三十六条第三项",
    Ground.ART16_2_PROCESS: f"{LAW}第十六条第二款、第三十六条第三项",
    Ground.ART16_2_CASE_FILE: f"{LAW}第十六条第二款、第三十六条第三项",
    Ground.ART36_7_SPECIAL_REGIME: f"{LAW}第三十六条第七项",
    Ground.ART36_4_NOT_EXIST: f"{LAW}第三十六条第四项",
    Ground.ART36_5_NOT_THIS_AGENCY: f"{LAW}第三十六条第五项",
    Ground.ART38_CREATION: f"{LAW}第三十八条",
    Ground.ART30_UNCLEAR: f"{LAW}第三十条",
    Ground.ART39_1_PETITION: f"{LAW}第三十九条第一款",
    Ground.ART36_6_DUPLICATE: f"{LAW}第三十六条第六项",
    Ground.ART39_2_PUBLICATION: f"{LAW}第三十九条第二款",
    Ground.ART35_EXCESSIVE: f"{LAW}第三十五条",
    Ground.CONFIRM_OR_REISSUE: LAW,
}

WITHHELD_ROWS = 3

NATURAL_PERSON_IDS = {IdType.ID_CARD, IdType.PASSPORT, IdType.HK_MACAO_TAIWAN, IdType.OTHER}
ORGANISATION_IDS = {IdType.CREDIT_CODE, IdType.OTHER}


class XxgkForm(forms.Form):
    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels stand above their fields
        super().__init__(*args, **kwargs)
        chinese_messages(self)


# ------------------------------------------------------------------ the applicant's form


class ApplicantForm(XxgkForm):
    """Art. 29: the applicant's name, identity proof and contact details, the description of
    the information wanted, the form and the way of delivery wanted."""

    applicant_type = forms.ChoiceField(
        label=gettext_lazy("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect
    )
    applicant_name = forms.CharField(
        label=gettext_lazy("姓名或名称"),
        max_length=100,
        help_text=gettext_lazy("公民填写本人姓名；法人或其他组织填写单位全称"),
    )
    contact_person = forms.CharField(
        label=gettext_lazy("联系人"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("法人或其他组织必填：办理此申请的联系人姓名"),
    )
    id_type = forms.ChoiceField(label=gettext_lazy("证件类型"), choices=IdType.choices)
    id_number = forms.CharField(
        label=gettext_lazy("证件号码"),
        max_length=40,
        help_text=gettext_lazy("公民填写身份证件号码；法人或其他组织填写统一社会信用代码"),
    )
    phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=30,
        help_text=gettext_lazy("手机号码，或带区号的固定电话，如 010-12345678"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        required=False,
        help_text=gettext_lazy("选择以电子邮件获取信息时必填"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=gettext_lazy("通信地址"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("选择邮寄时必填"),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=gettext_lazy("邮政编码"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=gettext_lazy("所需政府信息的名称、文号或者便于查询的其他特征性描述"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("请尽量写明文件名称、文号、制作机关和时间，便于准确检索"),
    )
    form_wanted = forms.ChoiceField(
        label=gettext_lazy("获取信息的方式"),
        choices=FormWanted.choices,
        initial=FormWanted.ELECTRONIC,
        widget=forms.RadioSelect,
    )
    delivery_wanted = forms.ChoiceField(
        label=gettext_lazy("获取途径"),
        choices=DeliveryWanted.choices,
        initial=DeliveryWanted.EMAIL,
        widget=forms.RadioSelect,
    )

    def clean_applicant_name(self) -> str:
        return self.cleaned_data["applicant_name"].strip()

    def clean_phone(self) -> str:
        phone = validators.normalise_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(
                _("请填写有效的联系电话：11位手机号码，或带区号的固定电话（如 010-12345678）")
            )
        return phone

    def clean_postcode(self) -> str:
        code = self.cleaned_data["postcode"].strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("邮政编码应为6位数字"))
        return code

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if len(text) < 4:
            raise forms.ValidationError(_("请具体描述所需的政府信息"))
        return text

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("applicant_type")
        id_type = data.get("id_type")
        number = validators.normalise_id(data.get("id_number", ""))
        if "id_number" in data:
            data["id_number"] = number
        if kind == ApplicantType.NATURAL_PERSON:
            if id_type and id_type not in NATURAL_PERSON_IDS:
                self.add_error("id_type", _("公民申请请选择本人的身份证件"))
        elif kind:
            if id_type and id_type not in ORGANISATION_IDS:
                self.add_error(
                    "id_type", _("法人或其他组织申请请选择统一社会信用代码（或其他证件）")
                )
            if not (data.get("contact_person") or "").strip():
                self.add_error("contact_person", _("法人或其他组织申请请填写联系人"))
        if number and id_type == IdType.ID_CARD:
            if error := validators.id_card_error(number):
                self.add_error("id_number", error)
        elif number and id_type == IdType.CREDIT_CODE:
            if error := validators.credit_code_error(number):
                self.add_error("id_number", error)
        elif number and id_type in (IdType.PASSPORT, IdType.HK_MACAO_TAIWAN):
            if not re.fullmatch(r"[A-Z0-9]{5,20}", number):
                self.add_error("id_number", _("证件号码应为5至20位字母或数字"))
        delivery = data.get("delivery_wanted")
        if (
            delivery == DeliveryWanted.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("选择以电子邮件获取信息时，请填写电子邮箱"))
        if delivery == DeliveryWanted.POST and not (data.get("address") or "").strip():
            self.add_error("address", _("选择邮寄时，请填写通信地址"))
        return data

    def applicant_input(self) -> ApplicantInput:
        d = self.cleaned_data
        organisation = d["applicant_type"] != ApplicantType.NATURAL_PERSON
        return ApplicantInput(
            applicant_type=d["applicant_type"],
            applicant_name=d["applicant_name"],
            contact_person=d["contact_person"].strip() if organisation else "",
            id_type=d["id_type"],
            id_number=d["id_number"],
            phone=d["phone"],
            email=d["email"],
            address=d["address"].strip(),
            postcode=d["postcode"],
            description=d["description"],
            form_wanted=d["form_wanted"],
            delivery_wanted=d["delivery_wanted"],
        )


class PublicApplicationForm(ApplicantForm):
    # A honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = forms.CharField(
        label=gettext_lazy("网站（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class StaffApplicationForm(ApplicantForm):
    """Staff register an application that came by letter, in person, by fax or e-mail."""

    agency = forms.ModelChoiceField(label=gettext_lazy("受理机关"), queryset=Agency.objects.none())
    channel = forms.ChoiceField(
        label=gettext_lazy("提交方式"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    arrived_on = forms.DateField(
        label=gettext_lazy("收到日期"),
        widget=DateInput(),
        help_text=gettext_lazy("当面提交和需签收的邮寄申请，以此日为收到申请之日（第三十一条）"),
    )

    field_order = ["agency", "channel", "arrived_on"]

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].empty_label = None
        self.fields["arrived_on"].initial = timezone.localdate()

    def clean_arrived_on(self) -> dt.date:
        day = self.cleaned_data["arrived_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("收到日期不能晚于今天"))
        return day


# ------------------------------------------------------------------ tracking code


class TrackForm(XxgkForm):
    code = forms.CharField(
        label=gettext_lazy("查询码"),
        max_length=20,
        help_text=gettext_lazy("提交申请后页面上显示的12位查询码，如 ABCD-EFGH-JKLM"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        code = normalise_tracking_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("查询码应为12位字母和数字，如 ABCD-EFGH-JKLM"))
        return code


def normalise_tracking_code(text: str) -> str | None:
    raw = re.sub(r"[\s\-－—]", "", validators.normalise_id(text))
    if len(raw) != 12 or any(c not in ALPHABET for c in raw):
        return None
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# ------------------------------------------------------------------ action forms


class ActionForm(XxgkForm):
    """A form on the case page; `on` is the day the step happened (not later than today)."""

    date_label = gettext_lazy("日期")
    has_date = True

    def __init__(self, *args, application: Application, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)
        if self.has_date:
            self.fields["on"] = forms.DateField(
                label=self.date_label, widget=DateInput(), initial=timezone.localdate()
            )
            self.order_fields(["on"])
            chinese_messages(self)

    def clean_on(self) -> dt.date:
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("日期不能晚于今天"))
        return day


def heads_of(app: Application):
    """The office heads of the case's agency: who approves an extension, confirms a closing."""
    return (
        User.objects.filter(
            memberships__agency_id=app.agency_id, memberships__role=Membership.Role.HEAD
        )
        .distinct()
        .order_by("username")
    )


class ConfirmReceiptForm(ActionForm):
    date_label = gettext_lazy("双方确认收到申请的日期")


class RequestCorrectionForm(ActionForm):
    date_label = gettext_lazy("告知补正日期")
    items = forms.CharField(
        label=gettext_lazy("需要补正的事项"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("一次性写明需要补正的全部事项和要求（第三十条）"),
    )
    period_days = forms.IntegerField(
        label=gettext_lazy("补正期限（工作日）"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=gettext_lazy("留空按默认期限"),
    )


class ReceiveCorrectionForm(ActionForm):
    date_label = gettext_lazy("收到补正的日期")


class CloseNoCorrectionForm(ActionForm):
    date_label = gettext_lazy("终止办理日期")
    confirmed_by = forms.ModelChoiceField(
        label=gettext_lazy("确认终止的负责人"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("—— 无需确认 ——"),
        help_text=gettext_lazy(
            "补正期限涉及尚未公布节假日安排的年份、可能尚未届满时，须经政府信息公开工作机构负责人确认"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["confirmed_by"]
        field.queryset = heads_of(self.application)
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()


class StartConsultationForm(ActionForm):
    date_label = gettext_lazy("发出征求意见的日期")
    kind = forms.ChoiceField(
        label=gettext_lazy("征求意见对象"),
        choices=[("third_party", gettext_lazy("第三方")), ("agency", gettext_lazy("其他机关"))],
        widget=forms.RadioSelect,
        initial="third_party",
    )
    party = forms.CharField(label=gettext_lazy("征求意见对象名称"), max_length=200)
    received_on = forms.DateField(
        label=gettext_lazy("对方收到征求意见书的日期"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy(
            "对方在收到之日起15个工作日内答复（第三十二条、第三十四条）；尚未送达的可暂不填写，送达后登记"
        ),
    )

    def clean_received_on(self) -> dt.date | None:
        day = self.cleaned_data.get("received_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("日期不能晚于今天"))
        return day


class ConsultationReceiptForm(ActionForm):
    date_label = gettext_lazy("对方收到征求意见书的日期")


class EndConsultationForm(ActionForm):
    date_label = gettext_lazy("征求意见结束日期")
    outcome = forms.CharField(
        label=gettext_lazy("征求意见结果"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("如第三方同意公开、不同意公开或逾期未答复"),
    )


class ExtendForm(ActionForm):
    date_label = gettext_lazy("延期日期")
    days = forms.IntegerField(
        label=gettext_lazy("延长工作日数"),
        min_value=1,
        max_value=20,
        initial=20,
        help_text=gettext_lazy("延长期限最长不超过20个工作日（第三十三条）"),
    )
    reason = forms.CharField(
        label=gettext_lazy("延期理由"), widget=forms.Textarea(attrs={"rows": 2})
    )
    approved_by = forms.ModelChoiceField(
        label=gettext_lazy("同意延期的负责人"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("—— 请选择 ——"),
        help_text=gettext_lazy("须经政府信息公开工作机构负责人同意"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["approved_by"]
        field.queryset = heads_of(self.application)
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()


class FeeNoticeForm(ActionForm):
    date_label = gettext_lazy("通知日期")
    method = forms.ChoiceField(
        label=gettext_lazy("计收方式"), choices=FeeNotice.Method.choices, widget=forms.RadioSelect
    )
    pages = forms.IntegerField(
        label=gettext_lazy("页数"),
        required=False,
        min_value=0,
        max_value=1_000_000,  # a million pages: beyond it the fee no longer fits the record
        help_text=gettext_lazy("按量计收时填写；按件计收时按申请人本月申请件数计算"),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("method") == FeeNotice.Method.PER_VOLUME and not data.get("pages"):
            self.add_error("pages", _("按量计收请填写页数"))
        return data


class RecordPaymentForm(ActionForm):
    date_label = gettext_lazy("缴费日期")


class CloseFeeUnpaidForm(ActionForm):
    date_label = gettext_lazy("终止办理日期")


def decision_choices() -> list:
    """Grounds for the decision form, grouped as in table 三 (procedural endings excluded)."""
    groups = [
        (
            gettext_lazy("予以公开"),
            [Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED, Ground.ART36_2_CAN_BE_DISCLOSED],
        ),
        (gettext_lazy("部分公开"), [Ground.ART37_PARTIAL_DISCLOSURE]),
        (gettext_lazy("不予公开"), [g for g in Ground if g in DENIED]),
        (
            gettext_lazy("无法提供"),
            [
                Ground.ART36_4_NOT_EXIST,
                Ground.ART36_5_NOT_THIS_AGENCY,
                Ground.ART38_CREATION,
                Ground.ART30_UNCLEAR,
            ],
        ),
        (
            gettext_lazy("不予处理"),
            [
                Ground.ART39_1_PETITION,
                Ground.ART36_6_DUPLICATE,
                Ground.ART39_2_PUBLICATION,
                Ground.ART35_EXCESSIVE,
                Ground.CONFIRM_OR_REISSUE,
            ],
        ),
    ]
    listed = {g for _, gs in groups for g in gs}
    assert listed == set(Ground) - PROCEDURAL, "every ground of a decision is offered once"
    return [("", gettext_lazy("—— 请选择答复类型 ——"))] + [
        (title, [(g.value, g.label) for g in gs]) for title, gs in groups
    ]


class DecideForm(ActionForm):
    date_label = gettext_lazy("答复日期")
    ground = forms.ChoiceField(label=gettext_lazy("答复类型"), choices=decision_choices)
    legal_basis = forms.CharField(
        label=gettext_lazy("法律依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("留空则按答复类型填写条例的相应条款"),
    )
    summary = forms.CharField(
        label=gettext_lazy("答复内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("写入答复书的正文，如提供的信息、获取方式"),
    )

    earlier_code = forms.CharField(
        label=gettext_lazy("此前已答复的申请查询码"),
        required=False,
        max_length=20,
        help_text=gettext_lazy(
            "仅“重复申请”时填写：此前已就同一信息作出答复的申请（第三十六条第六项）"
        ),
    )
    responsible_agency = forms.CharField(
        label=gettext_lazy("负责公开该信息的机关"),
        required=False,
        max_length=300,
        help_text=gettext_lazy(
            "仅“不属于本机关负责公开”时填写：机关名称和联系方式，写入答复书（第三十六条第五项）"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        denied = [("", gettext_lazy("—— 不予公开理由 ——"))] + [
            (g.value, g.label) for g in Ground if g in DENIED
        ]
        for i in range(1, WITHHELD_ROWS + 1):
            self.fields[f"withheld_part_{i}"] = forms.CharField(
                label=_("不予公开的部分 %(n)d") % {"n": i}, required=False, max_length=500
            )
            self.fields[f"withheld_ground_{i}"] = forms.ChoiceField(
                label=_("理由 %(n)d") % {"n": i}, choices=denied, required=False
            )

    def withheld_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"withheld_part_{i}"], self[f"withheld_ground_{i}"])
            for i in range(1, WITHHELD_ROWS + 1)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in (
                "on",
                "ground",
                "legal_basis",
                "summary",
                "earlier_code",
                "responsible_agency",
            )
        ]

    def clean(self) -> dict:
        data = super().clean()
        ground = data.get("ground")
        if ground and not (data.get("legal_basis") or "").strip():
            data["legal_basis"] = LEGAL_BASIS.get(Ground(ground), LAW)
        data["withheld"] = [
            {"part": data[f"withheld_part_{i}"].strip(), "ground": data[f"withheld_ground_{i}"]}
            for i in range(1, WITHHELD_ROWS + 1)
            if (data.get(f"withheld_part_{i}") or "").strip()
        ]
        data["earlier"] = None
        code = normalise_tracking_code(data.get("earlier_code") or "")
        if code:
            data["earlier"] = Application.objects.filter(
                tracking_code=code, agency_id=self.application.agency_id
            ).first()
            if data["earlier"] is None:
                self.add_error("earlier_code", _("本机关没有这个查询码的申请"))
        return data


class ApproveDecisionForm(ActionForm):
    date_label = gettext_lazy("审批日期（即答复日期）")


class ReturnDecisionForm(ActionForm):
    date_label = gettext_lazy("退回日期")
    reason = forms.CharField(
        label=gettext_lazy("退回理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequestReasonsForm(ActionForm):
    date_label = gettext_lazy("要求说明理由的日期")
    items = forms.CharField(
        label=gettext_lazy("需要说明的事项"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "申请数量、频次明显超过合理范围的情况，以及请申请人说明的理由（第三十五条）"
        ),
    )


class ReasonablePeriodForm(ActionForm):
    date_label = gettext_lazy("决定日期")
    until = forms.DateField(label=gettext_lazy("合理的答复期限"), widget=DateInput())
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("申请人说明的理由合理，但无法在规定期限内答复（第三十五条）"),
    )


class WithdrawForm(ActionForm):
    date_label = gettext_lazy("撤回日期")
    reason = forms.CharField(
        label=gettext_lazy("撤回方式"),
        max_length=500,
        help_text=gettext_lazy("如：申请人提交书面撤回申请"),
    )


class DeliveryForm(ActionForm):
    date_label = gettext_lazy("送达日期")
    method = forms.ChoiceField(label=gettext_lazy("送达方式"), choices=Delivery.Method.choices)
    letter = forms.ModelChoiceField(
        label=gettext_lazy("送达的文书"),
        queryset=Letter.objects.none(),
        required=False,
        empty_label=gettext_lazy("—— 无 ——"),
    )
    proof = forms.CharField(
        label=gettext_lazy("送达凭证"),
        max_length=200,
        help_text=gettext_lazy("如邮件单号、签收人、发送记录；邮寄以交邮之日为送达日期"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["letter"]
        field.queryset = self.application.letters.order_by("-issued_on", "-pk")
        field.label_from_instance = lambda letter: (
            f"{letter.get_kind_display()} {letter.number}".strip()
        )


class ArchiveForm(ActionForm):
    has_date = False


class ReplyLetterForm(ActionForm):
    has_date = False


class NoticeLetterForm(ActionForm):
    """Make a notice whose step has happened (受理回执, 征求意见函, 终止办理告知书, 送达回证 …)."""

    has_date = False
    kind = forms.ChoiceField(label=gettext_lazy("文书"))
    reissue = forms.BooleanField(
        label=gettext_lazy("已制作过的，重新制作（使用新的文书编号）"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = offered(self.application)
        self.fields["kind"].choices = [(k, Letter.Kind(k).label) for k in kinds]
        chinese_messages(self)

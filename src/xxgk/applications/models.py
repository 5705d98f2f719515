"""Disclosure applications (依申请公开): the case, its event log, decision, letters, deliveries, fees.

The event log is the case's history, its audit trail and the clock's input. Derived states
(overdue, due soon) are computed in queries, never stored; `due_date` is stored only so that
work lists can sort by it, and services recompute it from the events after every change.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.codes import new_code

from .grounds import Ground
from .letter_templates import TemplateKind, validate_template

# the field default that the first migration names (applications.models.new_tracking_code)
new_tracking_code = new_code


class ApplicantType(models.TextChoices):
    """Exactly the columns of table 三."""

    NATURAL_PERSON = "natural_person", _("自然人")
    LEGAL_COMMERCIAL = "legal_commercial", _("商业企业")
    LEGAL_RESEARCH = "legal_research", _("科研机构")
    LEGAL_PUBLIC_WELFARE = "legal_public_welfare", _("社会公益组织")
    LEGAL_LAW_SERVICE = "legal_law_service", _("法律服务机构")
    LEGAL_OTHER = "legal_other", _("其他法人或其他组织")


class Channel(models.TextChoices):
    """How the application arrived; art. 31 sets the receipt date differently for each."""

    IN_PERSON = "in_person", _("当面提交")
    LETTER_SIGNED = "letter_signed", _("邮寄（需签收）")
    LETTER = "letter", _("平常信函")
    ONLINE = "online", _("互联网渠道")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


# art. 31: for these channels the receipt date is fixed on arrival; for the others it is the
# day the office confirms with the applicant (ordinary letter) or both sides confirm (online, fax)
RECEIPT_ON_ARRIVAL = {Channel.IN_PERSON, Channel.LETTER_SIGNED}


class IdType(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_TAIWAN = "hmt_permit", _("港澳台居民证件")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    OTHER = "other", _("其他证件")


class FormWanted(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子文档")
    VIEW_COPY = "view_copy", _("查阅、抄录")


class DeliveryWanted(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    COLLECT = "collect", _("当面领取")
    ONLINE = "online", _("网上查看")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待确认收到")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    AWAITING_PAYMENT = "awaiting_payment", _("待缴费")
    AWAITING_APPROVAL = "awaiting_approval", _("答复待负责人审批")
    CONCLUDED = "concluded", _("已办结")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.IN_PROGRESS,
    Status.AWAITING_CORRECTION,
    Status.AWAITING_PAYMENT,
    Status.AWAITING_APPROVAL,
)


class Application(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="applications"
    )
    tracking_code = models.CharField(
        _("查询码"), max_length=14, unique=True, default=new_tracking_code
    )
    # the applicant (art. 29: name, identity proof, contact details)
    applicant_type = models.CharField(_("申请人类型"), max_length=30, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    id_type = models.CharField(
        _("证件类型"), max_length=20, choices=IdType.choices, default=IdType.ID_CARD
    )
    id_number = models.CharField(_("证件号码"), max_length=40)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    # the request
    channel = models.CharField(_("提交方式"), max_length=20, choices=Channel.choices)
    description = models.TextField(_("所需政府信息的名称、文号或者便于查询的其他特征性描述"))
    form_wanted = models.CharField(
        _("获取信息的方式"),
        max_length=20,
        choices=FormWanted.choices,
        default=FormWanted.ELECTRONIC,
    )
    delivery_wanted = models.CharField(
        _("获取途径"), max_length=20, choices=DeliveryWanted.choices, default=DeliveryWanted.EMAIL
    )
    # dates (Beijing local dates for the statutory ones)
    submitted_at = models.DateTimeField(_("提交时间"))
    receipt_date = models.DateField(_("收到申请之日"), null=True, blank=True)
    due_date = models.DateField(_("答复期限"), null=True, blank=True)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    # process state and outcome are separate
    status = models.CharField(
        _("状态"), max_length=30, choices=Status.choices, default=Status.SUBMITTED
    )
    ground = models.CharField(_("办理结果"), max_length=60, choices=Ground.choices, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["agency", "receipt_date"], name="app_agency_receipt"),
            models.Index(fields=["agency", "concluded_on"], name="app_agency_concluded"),
            models.Index(fields=["agency", "status", "due_date"], name="app_agency_worklist"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True)
                | models.Q(receipt_date__isnull=True)
                | models.Q(concluded_on__gte=models.F("receipt_date")),
                name="concluded_not_before_receipt",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Event(models.Model):
    class Kind(models.TextChoices):
        RECEIVED = "received", _("收到申请")
        RECEIPT_CONFIRMED = "receipt_confirmed", _("确认收到")
        CORRECTION_REQUESTED = "correction_requested", _("告知补正")
        CORRECTION_RECEIVED = "correction_received", _("收到补正")
        CONSULTATION_STARTED = "consultation_started", _("征求意见")
        CONSULTATION_DELIVERED = "consultation_delivered", _("征求意见书送达")
        CONSULTATION_ENDED = "consultation_ended", _("征求意见结束")
        EXTENDED = "extended", _("延长答复期限")
        FEE_NOTICE_ISSUED = "fee_notice_issued", _("发出收费通知")
        FEE_PAID = "fee_paid", _("缴纳信息处理费")
        REASONS_REQUESTED = "reasons_requested", _("要求说明理由")
        REASONABLE_PERIOD_SET = "reasonable_period_set", _("确定合理的答复期限")
        DECISION_PROPOSED = "decision_proposed", _("答复报负责人审批")
        DECISION_RETURNED = "decision_returned", _("负责人退回答复")
        DECIDED = "decided", _("作出答复")
        CLOSED = "closed", _("终止办理")
        WITHDRAWN = "withdrawn", _("申请人撤回")
        LETTER_ISSUED = "letter_issued", _("制作文书")
        DELIVERED = "delivered", _("送达")
        ARCHIVED = "archived", _("归档")
        DEADLINE_CHANGED = "deadline_changed", _("答复期限调整")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("查阅申请人个人信息")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    effective_date = models.DateField(_("发生日期"))
    reason = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["effective_date", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.effective_date} {self.get_kind_display()}"


class Decision(models.Model):
    """A decision is a record (ground, reply type, legal basis, withheld parts), not a status flip."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="decision"
    )
    ground = models.CharField(_("答复类型"), max_length=60, choices=Ground.choices)
    reply_type = models.PositiveSmallIntegerField(_("第三十六条答复情形"), null=True, blank=True)
    legal_basis = models.TextField(_("法律依据"))
    summary = models.TextField(_("答复内容"), blank=True)
    withheld = models.JSONField(_("不予公开部分及理由"), default=list, blank=True)
    decided_on = models.DateField(_("答复日期"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # a withholding reply the agency has its office head approve: null until approved
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 重复申请 (art. 36(6)): the earlier application that was answered
    earlier = models.ForeignKey(
        "Application",
        verbose_name=_("此前已答复的申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")


class LetterSeries(models.Model):
    """Per agency and year, the last number used for reply letters (编号不重复、不回收)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_series_per_year")
        ]


class Letter(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("政府信息公开申请答复书")
        CORRECTION = "correction", _("补正告知书")
        EXTENSION = "extension", _("延期答复告知书")
        FEE_NOTICE = "fee_notice", _("收费通知书")
        CONSULTATION = "consultation", _("征求意见函")
        RECEIPT = "receipt", _("受理回执")
        DISCLOSURE_NOTICE = "disclosure_notice", _("公开决定告知书（第三方）")
        TERMINATION = "termination", _("终止办理告知书")
        REASONS_REQUEST = "reasons_request", _("说明理由通知书")
        REASONABLE_PERIOD = "reasonable_period", _("答复期限告知书（合理期限）")
        SERVICE_RECEIPT = "service_receipt", _("送达回证")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("文书编号"), max_length=60, blank=True)
    issued_on = models.DateField(_("制作日期"))
    file = models.FileField(_("文件"), upload_to="letters/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["issued_on", "pk"]


class Delivery(models.Model):
    class Method(models.TextChoices):
        POST = "post", _("邮政寄送")
        IN_PERSON = "in_person", _("直接送达")
        EMAIL = "email", _("电子邮件")
        ONLINE = "online", _("网上送达")
        FAX = "fax", _("传真")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="deliveries"
    )
    letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.SET_NULL)
    method = models.CharField(_("送达方式"), max_length=20, choices=Method.choices)
    delivered_on = models.DateField(_("送达日期"))
    proof = models.CharField(
        _("送达凭证"), max_length=200, help_text=_("如邮件单号、签收人、发送记录")
    )

    class Meta:
        verbose_name = _("送达")
        verbose_name_plural = _("送达")


class FeeNotice(models.Model):
    class Method(models.TextChoices):
        PER_ITEM = "per_item", _("按件计收")
        PER_VOLUME = "per_volume", _("按量计收")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="fee_notice"
    )
    method = models.CharField(_("计收方式"), max_length=20, choices=Method.choices)
    units = models.PositiveIntegerField(_("件数或页数"))
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    issued_on = models.DateField(_("通知日期"))
    pay_by = models.DateField(_("缴费期限"))
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")


class LetterTemplate(models.Model):
    """An uploaded Word template for one kind of letter (`letter_templates.TemplateKind`).

    An agency's active template wins over the deployment's (agency empty), which wins over the
    template shipped in `letter_templates/`; among several active ones the latest upload is used.
    Uploads are checked by `letter_templates.validate_template` (a real .docx, size, placeholders).
    """

    Kind = TemplateKind

    kind = models.CharField(_("文书类型"), max_length=30, choices=Kind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter_templates",
        help_text=_("不选择机关时为本系统所有机关的默认模板"),
    )
    file = models.FileField(_("模板文件（.docx）"), upload_to="letter_templates/%Y/")
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["kind", "agency_id", "-uploaded_at"]

    def __str__(self) -> str:
        who = self.agency.name if self.agency_id else _("默认")
        return f"{self.get_kind_display()}（{who}）"

    def clean(self) -> None:
        if self.file and self.kind:
            errors = validate_template(self.kind, self.file)
            if errors:
                raise ValidationError({"file": errors})

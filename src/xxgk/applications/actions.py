"""The actions of the case page: one small form each, offered when the case's state allows it,
each calling one service (and, after a notice or a decision, making its letter)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.accounts import permissions
from xxgk.errors import ActionRefused

from . import forms, letters, services
from .clock import ClockState
from .grounds import Ground
from .letter_notices import offered
from .models import Application, Event, Letter, Status


@dataclass(frozen=True)
class Facts:
    """What decides which actions are offered (the services decide what is allowed)."""

    correction_requested: bool
    reasons_requested: bool
    is_head: bool
    consultation_open: bool
    has_fee_notice: bool
    has_letters: bool
    has_reply_letter: bool
    notices: tuple[str, ...] = ()


def facts(app: Application, state: ClockState, user) -> Facts:
    kinds = set(app.events.values_list("kind", flat=True))
    return Facts(
        correction_requested=Event.Kind.CORRECTION_REQUESTED in kinds,
        reasons_requested=Event.Kind.REASONS_REQUESTED in kinds,
        is_head=permissions.is_office_head(user, app.agency_id),
        consultation_open=state.consultation_open,
        has_fee_notice=hasattr(app, "fee_notice"),
        has_letters=app.letters.exists(),
        has_reply_letter=app.letters.filter(kind=Letter.Kind.REPLY).exists(),
        notices=tuple(offered(app)),
    )


def _issue_letter(request: HttpRequest, app: Application, kind: str) -> None:
    """After a notice, its letter (补正告知书, 延期答复告知书, 收费通知书); a refusal (no 文书代字,
    a broken template) leaves the notice recorded and says why."""
    try:
        letter = letters.issue_letter(Application.objects.get(pk=app.pk), kind, actor=request.user)
    except ActionRefused as e:
        messages.warning(request, _("未能制作文书：%(why)s") % {"why": e})
    else:
        messages.info(request, _("已制作%(kind)s %(number)s") % _letter_words(letter))


def _letter_words(letter: Letter) -> dict[str, str]:
    return {"kind": letter.get_kind_display(), "number": letter.number}


def _confirm_receipt(request, app, d) -> str:
    services.confirm_receipt(app, on=d["on"], actor=request.user)
    return _("已确认收到申请，答复期限已计算")


def _request_correction(request, app, d) -> str:
    services.request_correction(
        app, on=d["on"], items=d["items"], period_days=d.get("period_days"), actor=request.user
    )
    _issue_letter(request, app, Letter.Kind.CORRECTION)
    return _("已告知补正，答复期限暂停计算")


def _receive_correction(request, app, d) -> str:
    services.receive_correction(app, on=d["on"], actor=request.user)
    return _("已登记收到补正，答复期限自收到补正之日起重新计算")


def _close_no_correction(request, app, d) -> str:
    services.close_no_correction(
        app, on=d["on"], confirmed_by=d.get("confirmed_by"), actor=request.user
    )
    return _("申请人逾期未补正，已终止办理")


def _start_consultation(request, app, d) -> str:
    services.start_consultation(
        app,
        on=d["on"],
        party=d["party"],
        kind=d["kind"],
        received_on=d.get("received_on"),
        actor=request.user,
    )
    return _("已登记征求意见，对方答复期间（最长15个工作日）不计入答复期限")


def _consultation_receipt(request, app, d) -> str:
    services.record_consultation_receipt(app, on=d["on"], actor=request.user)
    return _("已登记对方收到征求意见书的日期")


def _end_consultation(request, app, d) -> str:
    services.end_consultation(app, on=d["on"], outcome=d.get("outcome", ""), actor=request.user)
    return _("已登记征求意见结束")


def _extend(request, app, d) -> str:
    services.extend(
        app,
        on=d["on"],
        days=d["days"],
        reason=d["reason"],
        approved_by=d.get("approved_by"),
        actor=request.user,
    )
    _issue_letter(request, app, Letter.Kind.EXTENSION)
    return _("已延长答复期限")


def _issue_fee_notice(request, app, d) -> str:
    notice = services.issue_fee_notice(
        app, on=d["on"], method=d["method"], pages=d.get("pages") or 0, actor=request.user
    )
    _issue_letter(request, app, Letter.Kind.FEE_NOTICE)
    return _("已发出收费通知：%(amount)s元，缴费期限 %(pay_by)s") % {
        "amount": notice.amount,
        "pay_by": notice.pay_by.isoformat(),
    }


def _record_payment(request, app, d) -> str:
    services.record_payment(app, on=d["on"], actor=request.user)
    return _("已登记缴费")


def _close_fee_unpaid(request, app, d) -> str:
    services.close_fee_unpaid(app, on=d["on"], actor=request.user)
    return _("申请人逾期未缴费，已终止办理")


def _decide(request, app, d) -> str:
    services.decide(
        app,
        on=d["on"],
        ground=d["ground"],
        legal_basis=d["legal_basis"],
        summary=d.get("summary", ""),
        withheld=d["withheld"],
        earlier=d.get("earlier"),
        actor=request.user,
    )
    if Application.objects.get(pk=app.pk).status == Status.AWAITING_APPROVAL:
        return _("答复已报政府信息公开工作机构负责人审批，审批同意后制作答复书")
    return _reply_made(request, app, d, _("已作出答复"), _("已作出答复，并制作答复书 %(number)s"))


def _approve_decision(request, app, d) -> str:
    services.approve_decision(app, on=d["on"], actor=request.user)
    return _reply_made(
        request,
        app,
        {"ground": app.decision.ground},
        _("已审批同意答复"),
        _("已审批同意答复，并制作答复书 %(number)s"),
    )


def _return_decision(request, app, d) -> str:
    services.return_decision(app, on=d["on"], reason=d["reason"], actor=request.user)
    return _("已退回答复，申请回到办理中")


def _request_reasons(request, app, d) -> str:
    services.request_reasons(app, on=d["on"], items=d["items"], actor=request.user)
    return _("已要求申请人说明理由（第三十五条）")


def _reasonable_period(request, app, d) -> str:
    services.set_reasonable_period(
        app, on=d["on"], until=d["until"], reason=d["reason"], actor=request.user
    )
    return _("已确定合理的答复期限：%(until)s") % {"until": d["until"].isoformat()}


def _reply_made(request, app, d, done: str, done_with_letter: str) -> str:
    """After a reply is made: its letter (a refusal keeps the reply and says why)."""
    extra = {}
    if d.get("responsible_agency") and d["ground"] == Ground.ART36_5_NOT_THIS_AGENCY:
        extra["responsible_agency"] = d["responsible_agency"]
    try:
        letter = letters.issue_reply_letter(
            Application.objects.get(pk=app.pk), actor=request.user, **extra
        )
    except ActionRefused as e:
        messages.warning(request, _("答复已记录，但未能制作答复书：%(why)s") % {"why": e})
        return done
    return done_with_letter % {"number": letter.number}


def _reply_letter(request, app, d) -> str:
    """Make the reply letter again after it failed at the decision (e.g. no 文书代字 yet)."""
    letter = letters.issue_reply_letter(app, actor=request.user)
    return _("已制作答复书 %(number)s") % {"number": letter.number}


def _notice_letter(request, app, d) -> str:
    letter = letters.issue_letter(app, d["kind"], actor=request.user, reissue=d["reissue"])
    return _("已制作%(kind)s %(number)s") % _letter_words(letter)


def _withdraw(request, app, d) -> str:
    services.withdraw(app, on=d["on"], reason=d["reason"], actor=request.user)
    return _("已登记申请人撤回申请")


def _record_delivery(request, app, d) -> str:
    services.record_delivery(
        app,
        on=d["on"],
        method=d["method"],
        proof=d["proof"],
        letter=d.get("letter"),
        actor=request.user,
    )
    return _("已登记送达")


def _archive(request, app, d) -> str:
    services.archive(app, actor=request.user)
    return _("已归档")


@dataclass(frozen=True)
class Action:
    name: str
    title: str
    form_class: type[forms.ActionForm]
    run: Callable[[HttpRequest, Application, dict], str]
    available: Callable[[Application, Facts], bool]
    button: str
    intro: str = ""
    danger: bool = False


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            "confirm-receipt",
            gettext_lazy("确认收到申请"),
            forms.ConfirmReceiptForm,
            _confirm_receipt,
            lambda app, f: app.status == Status.SUBMITTED,
            gettext_lazy("确认收到"),
            gettext_lazy(
                "网上、传真、电子邮件和平常信函提交的申请，以双方确认之日为收到申请之日（第三十一条）。"
            ),
        ),
        Action(
            "request-correction",
            gettext_lazy("告知补正"),
            forms.RequestCorrectionForm,
            _request_correction,
            lambda app, f: app.status == Status.IN_PROGRESS and not f.correction_requested,
            gettext_lazy("告知补正"),
            gettext_lazy(
                "申请内容不明确的，应自收到申请之日起7个工作日内一次性告知补正；答复期限自收到补正之日起计算（第三十条）。"
            ),
        ),
        Action(
            "receive-correction",
            gettext_lazy("登记收到补正"),
            forms.ReceiveCorrectionForm,
            _receive_correction,
            lambda app, f: app.status == Status.AWAITING_CORRECTION,
            gettext_lazy("登记收到补正"),
        ),
        Action(
            "close-no-correction",
            gettext_lazy("逾期不补正，终止办理"),
            forms.CloseNoCorrectionForm,
            _close_no_correction,
            lambda app, f: app.status == Status.AWAITING_CORRECTION,
            gettext_lazy("终止办理"),
            gettext_lazy("申请人无正当理由逾期不补正的，视为放弃申请（第三十条）。"),
            danger=True,
        ),
        Action(
            "start-consultation",
            gettext_lazy("征求意见"),
            forms.StartConsultationForm,
            _start_consultation,
            lambda app, f: app.status == Status.IN_PROGRESS and not f.consultation_open,
            gettext_lazy("登记征求意见"),
            gettext_lazy(
                "征求第三方或其他机关意见所需时间不计入答复期限（第三十二条、第三十四条）。"
            ),
        ),
        Action(
            "consultation-receipt",
            gettext_lazy("登记征求意见书送达"),
            forms.ConsultationReceiptForm,
            _consultation_receipt,
            lambda app, f: app.is_open and f.consultation_open,
            gettext_lazy("登记送达日期"),
            gettext_lazy(
                "对方的15个工作日自其收到征求意见书之日起计算（第三十二条、第三十四条）。"
            ),
        ),
        Action(
            "end-consultation",
            gettext_lazy("征求意见结束"),
            forms.EndConsultationForm,
            _end_consultation,
            lambda app, f: app.is_open and f.consultation_open,
            gettext_lazy("登记征求意见结束"),
        ),
        Action(
            "extend",
            gettext_lazy("延长答复期限"),
            forms.ExtendForm,
            _extend,
            lambda app, f: app.status == Status.IN_PROGRESS,
            gettext_lazy("延长答复期限"),
            gettext_lazy(
                "需要延长答复期限的，应经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日（第三十三条）。"
            ),
        ),
        Action(
            "fee-notice",
            gettext_lazy("发出收费通知"),
            forms.FeeNoticeForm,
            _issue_fee_notice,
            lambda app, f: app.status == Status.IN_PROGRESS and not f.has_fee_notice,
            gettext_lazy("发出收费通知"),
            gettext_lazy(
                "按件或按量计收信息处理费（国办函〔2020〕109号）；通知至缴费期间不计入答复期限。"
            ),
        ),
        Action(
            "record-payment",
            gettext_lazy("登记缴费"),
            forms.RecordPaymentForm,
            _record_payment,
            lambda app, f: app.status == Status.AWAITING_PAYMENT,
            gettext_lazy("登记缴费"),
        ),
        Action(
            "close-fee-unpaid",
            gettext_lazy("逾期未缴费，终止办理"),
            forms.CloseFeeUnpaidForm,
            _close_fee_unpaid,
            lambda app, f: app.status == Status.AWAITING_PAYMENT,
            gettext_lazy("终止办理"),
            danger=True,
        ),
        Action(
            "decide",
            gettext_lazy("作出答复"),
            forms.DecideForm,
            _decide,
            lambda app, f: app.status == Status.IN_PROGRESS,
            gettext_lazy("作出答复"),
            gettext_lazy(
                "答复类型决定年度报告表三的统计行；部分公开须逐项写明不予公开的部分及其理由（第三十六条、第三十七条）。"
            ),
        ),
        Action(
            "approve-decision",
            gettext_lazy("审批答复"),
            forms.ApproveDecisionForm,
            _approve_decision,
            lambda app, f: app.status == Status.AWAITING_APPROVAL and f.is_head,
            gettext_lazy("同意并作出答复"),
            gettext_lazy(
                "本机关规定不予公开、部分公开、无法提供、不予处理的答复须经政府信息公开工作机构负责人审批；审批之日为答复日期。"
            ),
        ),
        Action(
            "return-decision",
            gettext_lazy("退回答复"),
            forms.ReturnDecisionForm,
            _return_decision,
            lambda app, f: app.status == Status.AWAITING_APPROVAL and f.is_head,
            gettext_lazy("退回"),
            danger=True,
        ),
        Action(
            "request-reasons",
            gettext_lazy("要求说明理由"),
            forms.RequestReasonsForm,
            _request_reasons,
            lambda app, f: app.status == Status.IN_PROGRESS and not f.reasons_requested,
            gettext_lazy("要求说明理由"),
            gettext_lazy(
                "申请公开政府信息的数量、频次明显超过合理范围的，可以要求申请人说明理由（第三十五条）。"
            ),
        ),
        Action(
            "reasonable-period",
            gettext_lazy("确定合理的答复期限"),
            forms.ReasonablePeriodForm,
            _reasonable_period,
            lambda app, f: app.status == Status.IN_PROGRESS and f.reasons_requested,
            gettext_lazy("确定答复期限"),
            gettext_lazy(
                "申请人说明的理由合理，但无法在规定期限内答复的，可以确定合理期限并告知申请人（第三十五条）。"
            ),
        ),
        Action(
            "reply-letter",
            gettext_lazy("制作答复书"),
            forms.ReplyLetterForm,
            _reply_letter,
            lambda app, f: (
                app.status == Status.CONCLUDED
                and hasattr(app, "decision")
                and not f.has_reply_letter
                and app.archived_at is None
            ),
            gettext_lazy("制作答复书"),
            gettext_lazy("作出答复时未能制作答复书的，可在此重新制作（使用新的文书编号）。"),
        ),
        Action(
            "notice-letter",
            gettext_lazy("制作其他文书"),
            forms.NoticeLetterForm,
            _notice_letter,
            lambda app, f: app.archived_at is None and bool(f.notices),
            gettext_lazy("制作文书"),
            gettext_lazy(
                "受理回执、征求意见函、公开决定告知书、终止办理告知书、说明理由通知书、"
                "答复期限告知书和送达回证，在相应的办理步骤之后可以制作。"
            ),
        ),
        Action(
            "withdraw",
            gettext_lazy("申请人撤回"),
            forms.WithdrawForm,
            _withdraw,
            lambda app, f: app.is_open,
            gettext_lazy("登记撤回"),
            danger=True,
        ),
        Action(
            "record-delivery",
            gettext_lazy("登记送达"),
            forms.DeliveryForm,
            _record_delivery,
            lambda app, f: (
                app.archived_at is None and (app.status == Status.CONCLUDED or f.has_letters)
            ),
            gettext_lazy("登记送达"),
            gettext_lazy(
                "直接送达以签收之日、邮寄以交邮之日为送达日期（国办公开办函〔2016〕235号）。"
            ),
        ),
        Action(
            "archive",
            gettext_lazy("归档"),
            forms.ArchiveForm,
            _archive,
            lambda app, f: app.status == Status.CONCLUDED and app.archived_at is None,
            gettext_lazy("归档"),
            gettext_lazy("办结的申请材料、答复书和送达凭证一并归档。"),
        ),
    ]
}

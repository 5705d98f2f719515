"""Staff pages of 依申请公开: the workbench, registering an application, the case page with one
small form per action, letters, the ledger and the archive.

Thin: every change is one call of `services`; refusals (`ActionRefused`, `PermissionDenied`)
are shown on the form. Reading needs `permissions.can_view`, acting `permissions.can_handle`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xxgk import web
from xxgk.accounts import masking, permissions
from xxgk.agencies.models import Agency
from xxgk.errors import REFUSALS, ActionRefused
from xxgk.workdays import KIND_LABELS, remaining

from . import clock, forms, queries, services
from .grounds import Ground
from .models import OPEN_STATUSES, ApplicantType, Application, Event, Letter, Status
from .timeline import staff_timeline

PAGE_SIZE = 25
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

URGENCY_LABELS = {
    "overdue": gettext_lazy("已逾期"),
    "due_soon": gettext_lazy("即将到期"),
    "ok": gettext_lazy("正常"),
    "paused": gettext_lazy("暂停计时"),
    "unconfirmed": gettext_lazy("未起算"),
}


def _urgency(app: Application, today: dt.date) -> str:
    """queries.urgency, except that a case waiting for confirmation has no clock yet."""
    if not app.is_open:
        return ""
    if app.status == Status.SUBMITTED:
        return "unconfirmed"
    return queries.urgency(app, today)


def _today() -> dt.date:
    return timezone.localdate()


def _case(request: HttpRequest, pk: int) -> Application:
    """The case, if the user may read it (404 if it does not exist, 403 if not theirs)."""
    app = get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    if not permissions.can_view(request.user, app):
        raise PermissionDenied(_("您无权查看此申请"))
    return app


# ------------------------------------------------------------------ workbench


@dataclass(frozen=True)
class Row:
    app: Application
    applicant: str
    id_number: str
    phone: str
    urgency: str
    urgency_label: str
    days_left: int | None

    @property
    def days_over(self) -> int:
        return -(self.days_left or 0)


def _row(app: Application, today: dt.date, calendar) -> Row:
    person = app.applicant_type == ApplicantType.NATURAL_PERSON
    urgency = _urgency(app, today)
    days_left = None
    if app.is_open and app.due_date:
        days_left = remaining(app.due_date, today, calendar)
    return Row(
        app=app,
        applicant=masking.mask_name(app.applicant_name) if person else app.applicant_name,
        id_number=masking.mask_id(app.id_number),
        phone=masking.mask_phone(app.phone),
        urgency=urgency,
        urgency_label=str(URGENCY_LABELS.get(urgency, "")),
        days_left=days_left,
    )


STATUS_FILTERS = [
    ("", gettext_lazy("全部在办")),
    *[(s.value, s.label) for s in OPEN_STATUSES],
    (Status.CONCLUDED.value, Status.CONCLUDED.label),
]


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    """Open cases, overdue and due soon first; masked personal data."""
    today = _today()
    visible = permissions.visible_agency_ids(request.user)
    agencies = list(Agency.objects.filter(pk__in=visible).order_by("code"))
    status = request.GET.get("status", "")
    if status not in dict(STATUS_FILTERS):
        status = ""
    agency_code = request.GET.get("agency", "")
    chosen = next((a for a in agencies if a.code == agency_code), None)
    ids = {chosen.pk} if chosen else visible

    if status == Status.CONCLUDED:
        qs = (
            Application.objects.filter(agency_id__in=ids, status=Status.CONCLUDED)
            .select_related("agency")
            .order_by("-concluded_on", "-pk")
        )
    else:
        qs = queries.worklist(request.user, today=today, agency_ids=ids)
        if status:
            qs = qs.filter(status=status)
        # overdue, due soon, the rest by due date; cases without a running clock last
        qs = qs.order_by(F("due_date").asc(nulls_last=True), "submitted_at", "pk")
    open_qs = queries.worklist(request.user, today=today, agency_ids=ids)
    counts = {
        "open": open_qs.count(),
        "overdue": open_qs.filter(due_date__lt=today).count(),
        "due_soon": open_qs.filter(
            due_date__gte=today, due_date__lte=today + dt.timedelta(days=queries.DUE_SOON_DAYS)
        ).count(),
        "unconfirmed": open_qs.filter(status=Status.SUBMITTED).count(),
    }
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = clock.work_calendar()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/worklist.html",
        {
            "rows": [_row(app, today, calendar) for app in page],
            "page": page,
            "query": query.urlencode(),
            "status": status,
            "status_filters": STATUS_FILTERS,
            "agencies": agencies,
            "agency_code": chosen.code if chosen else "",
            "counts": counts,
            "today": today,
            "can_register": bool(permissions.handled_agency_ids(request.user)),
            "years": list(range(today.year, today.year - 6, -1)),
        },
    )


# ------------------------------------------------------------------ registering an application


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Staff register a letter, in-person, fax or e-mail application (art. 31 channels)."""
    handled = permissions.handled_agency_ids(request.user)
    if not handled:
        raise PermissionDenied(_("您不是依申请公开经办人员，不能登记申请"))
    agencies = Agency.objects.filter(pk__in=handled).order_by("code")
    form = forms.StaffApplicationForm(
        request.POST if request.method == "POST" else None, agencies=agencies
    )
    if request.method == "POST" and form.is_valid():
        arrived = form.cleaned_data["arrived_on"]
        now = timezone.localtime()
        submitted = (
            now
            if arrived == now.date()
            else now.replace(year=arrived.year, month=arrived.month, day=arrived.day)
        )
        try:
            app = services.receive(
                form.cleaned_data["agency"],
                applicant=form.applicant_input(),
                channel=form.cleaned_data["channel"],
                arrived_on=arrived,
                submitted_at=submitted,
                actor=request.user,
            )
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(
                request,
                _("已登记申请，查询码 %(code)s，请告知申请人") % {"code": app.tracking_code},
            )
            return redirect("applications:detail", pk=app.pk)
    return render(request, "applications/new.html", {"form": form})


# ------------------------------------------------------------------ the case page and its actions


@dataclass(frozen=True)
class Facts:
    """What decides which actions are offered (the services decide what is allowed)."""

    correction_requested: bool
    consultation_open: bool
    has_fee_notice: bool
    has_letters: bool
    has_reply_letter: bool


def _facts(app: Application) -> Facts:
    kinds = list(app.events.values_list("kind", flat=True))
    consult = [
        k for k in kinds if k in (Event.Kind.CONSULTATION_STARTED, Event.Kind.CONSULTATION_ENDED)
    ]
    return Facts(
        correction_requested=Event.Kind.CORRECTION_REQUESTED in kinds,
        consultation_open=bool(consult) and consult[-1] == Event.Kind.CONSULTATION_STARTED,
        has_fee_notice=hasattr(app, "fee_notice"),
        has_letters=app.letters.exists(),
        has_reply_letter=app.letters.filter(kind=Letter.Kind.REPLY).exists(),
    )


def _letters_module():
    try:
        from . import letters
    except ImportError:
        return None
    return letters


def _issue_letter(request: HttpRequest, app: Application, kind: str) -> None:
    """After a notice, the letter (补正告知书, 延期答复告知书, 收费通知书), when letters.py can."""
    letters = _letters_module()
    if letters is None or not hasattr(letters, "issue_letter"):
        return
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
    services.close_no_correction(app, on=d["on"], actor=request.user)
    return _("申请人逾期未补正，已终止办理")


def _start_consultation(request, app, d) -> str:
    services.start_consultation(
        app, on=d["on"], party=d["party"], kind=d["kind"], actor=request.user
    )
    return _("已登记征求意见，征求意见期间不计入答复期限")


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
        actor=request.user,
    )
    letters = _letters_module()
    if letters is not None and hasattr(letters, "issue_reply_letter"):
        extra = {}
        if d.get("responsible_agency") and d["ground"] == Ground.ART36_5_NOT_THIS_AGENCY:
            extra["responsible_agency"] = d["responsible_agency"]
        try:
            letter = letters.issue_reply_letter(
                Application.objects.get(pk=app.pk), actor=request.user, **extra
            )
        except ActionRefused as e:
            messages.warning(request, _("答复已记录，但未能制作答复书：%(why)s") % {"why": e})
        else:
            return _("已作出答复，并制作答复书 %(number)s") % {"number": letter.number}
    return _("已作出答复")


def _reply_letter(request, app, d) -> str:
    """Make the reply letter again after it failed at the decision (e.g. no 文书代字 yet)."""
    letter = _letters_module().issue_reply_letter(app, actor=request.user)
    return _("已制作答复书 %(number)s") % {"number": letter.number}


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
            "reply-letter",
            gettext_lazy("制作答复书"),
            forms.ReplyLetterForm,
            _reply_letter,
            lambda app, f: (
                hasattr(app, "decision")
                and not f.has_reply_letter
                and app.archived_at is None
                and hasattr(_letters_module(), "issue_reply_letter")
            ),
            gettext_lazy("制作答复书"),
            gettext_lazy("作出答复时未能制作答复书的，可在此重新制作（使用新的文书编号）。"),
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


@dataclass
class ActionSlot:
    action: Action
    form: forms.ActionForm
    url: str


def _deadline_rows(deadline) -> list[dict]:
    rows, n = [], 0
    for s in deadline.steps:
        first, n = n + 1, n + s.days
        counted = ""
        if s.days and s.kind != "start":
            counted = str(n) if first == n else f"{first}–{n}"
        rows.append(
            {
                "start": s.start,
                "end": s.end,
                "kind": s.kind,
                "label": KIND_LABELS[s.kind],
                "reason": s.reason,
                "counted": counted,
            }
        )
    return rows


def _render_case(
    request: HttpRequest,
    app: Application,
    *,
    bound: tuple[str, forms.ActionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = _today()
    can_handle = permissions.can_handle(request.user, app)
    events = list(app.events.all())
    state = clock.clock_state(events, receipt_date=app.receipt_date, today=today)
    slots: list[ActionSlot] = []
    if can_handle:
        facts = _facts(app)
        for action in ACTIONS.values():
            if bound and bound[0] == action.name:
                form = bound[1]
            elif action.available(app, facts):
                form = action.form_class(application=app, prefix=action.name)
            else:
                continue
            url = reverse("applications:action", kwargs={"pk": app.pk, "action": action.name})
            slots.append(ActionSlot(action, form, url))
    refused = web.refused_notice(ACTIONS[bound[0]].title, bound[1]) if bound else None
    decision = getattr(app, "decision", None)
    withheld = []
    if decision is not None:
        withheld = [
            {"part": w.get("part", ""), "ground": _ground_label(w.get("ground", ""))}
            for w in decision.withheld
        ]
    days_left = None
    if app.is_open and app.due_date:
        days_left = remaining(app.due_date, today, clock.work_calendar())
    context = {
        "app": app,
        "can_handle": can_handle,
        "today": today,
        "state": state,
        "deadline_rows": _deadline_rows(state.deadline) if state.deadline else [],
        "warnings": state.deadline.warnings if state.deadline else (),
        "urgency": _urgency(app, today),
        "urgency_label": URGENCY_LABELS.get(_urgency(app, today), ""),
        "days_left": days_left,
        "days_over": -(days_left or 0),
        "timeline": staff_timeline(app),
        "decision": decision,
        "withheld": withheld,
        "fee_notice": getattr(app, "fee_notice", None),
        "letters": list(app.letters.all()),
        "deliveries": list(app.deliveries.select_related("letter")),
        "slots": slots,
        "refused": refused,
        "archivable": app.status == Status.CONCLUDED,
        "legal_basis_defaults": (
            {str(g.value): text for g, text in forms.LEGAL_BASIS.items()}
            if any(slot.action.name == "decide" for slot in slots)
            else None
        ),
        "late": bool(app.concluded_on and app.due_date and app.concluded_on > app.due_date),
    }
    return render(request, "applications/detail.html", context, status=status)


def _ground_label(value: str) -> str:
    try:
        return str(Ground(value).label)
    except ValueError:
        return value


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_case(request, _case(request, pk))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action: check the handler, validate the form, call its one service."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    app = _case(request, pk)
    if not permissions.can_handle(request.user, app):
        raise PermissionDenied(_("您不是本机关的依申请公开经办人员，不能办理此申请"))
    form = spec.form_class(request.POST, application=app, prefix=spec.name)
    if web.run_form(request, form, lambda: spec.run(request, app, form.cleaned_data), REFUSALS):
        return redirect("applications:detail", pk=app.pk)
    app.refresh_from_db()
    return _render_case(request, app, bound=(spec.name, form))


# ------------------------------------------------------------------ files


@login_required
def letter_file(request: HttpRequest, pk: int, letter_pk: int) -> FileResponse:
    app = _case(request, pk)
    letter = get_object_or_404(Letter, pk=letter_pk, application=app)
    if not letter.file:
        raise Http404(_("该文书没有文件"))
    suffix = PurePosixPath(letter.file.name).suffix or ".docx"
    name = f"{letter.number or letter.get_kind_display()}{suffix}"
    content_type = DOCX if suffix == ".docx" else None
    return FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )


def _exports():
    try:
        from . import exports
    except ImportError:
        return None
    return exports


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _unavailable(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "applications/unavailable.html", {"message": message}, status=status)


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    """台账 of a year as XLSX (personal data masked by the export)."""
    visible = permissions.visible_agency_ids(request.user)
    if not visible:
        raise PermissionDenied(_("您没有可查看的机关"))
    try:
        year = int(request.GET.get("year") or _today().year)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        return _unavailable(request, _("年度应为四位数字，如 2026"), 400)
    ids = visible
    if code := request.GET.get("agency"):
        agency = Agency.objects.filter(code=code, pk__in=visible).first()
        if agency is None:
            raise PermissionDenied(_("您无权查看该机关的台账"))
        ids = {agency.pk}
    exports = _exports()
    if exports is None or not hasattr(exports, "ledger_xlsx"):
        return _unavailable(request, _("台账导出功能尚未安装"), 503)
    data = exports.ledger_xlsx(sorted(ids), year)
    return _attachment(data, XLSX, _("依申请公开台账-%(year)s.xlsx") % {"year": year})


@login_required
def archive_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The case file as ZIP (concluded cases only)."""
    app = _case(request, pk)
    if app.status != Status.CONCLUDED:
        messages.error(request, _("申请办结后才能下载归档材料"))
        return redirect("applications:detail", pk=app.pk)
    exports = _exports()
    if exports is None or not hasattr(exports, "archive_zip"):
        return _unavailable(request, _("归档材料导出功能尚未安装"), 503)
    try:
        data = exports.archive_zip(app)
    except ActionRefused as e:
        messages.error(request, str(e))
        return redirect("applications:detail", pk=app.pk)
    return _attachment(data, "application/zip", f"{app.tracking_code}.zip")

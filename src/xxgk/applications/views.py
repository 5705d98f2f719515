"""Staff pages of 依申请公开: the workbench, registering an application, the case page with one
small form per action, letters, the ledger and the archive.

Thin: every change is one call of `services`; refusals (`ActionRefused`, `PermissionDenied`)
are shown on the form. Reading needs `permissions.can_view`, acting `permissions.can_handle`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
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
from xxgk.workdays import KIND_LABELS

from . import actions, deadlines, exports, forms, queries, services
from .grounds import Ground
from .models import OPEN_STATUSES, ApplicantType, Application, Letter, Status
from .timeline import access_log, staff_timeline

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
    standing: deadlines.Standing
    applicant: str
    id_number: str
    phone: str

    @property
    def urgency_label(self) -> str:
        return str(URGENCY_LABELS.get(self.standing.urgency, ""))


def _row(app: Application, standing: deadlines.Standing) -> Row:
    person = app.applicant_type == ApplicantType.NATURAL_PERSON
    return Row(
        app=app,
        standing=standing,
        applicant=masking.mask_name(app.applicant_name) if person else app.applicant_name,
        id_number=masking.mask_id(app.id_number),
        phone=masking.mask_phone(app.phone),
    )


STATUS_FILTERS = [
    ("", gettext_lazy("全部在办")),
    *[(s.value, s.label) for s in OPEN_STATUSES],
    (Status.CONCLUDED.value, Status.CONCLUDED.label),
]


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    """Open cases, overdue and due soon first, as they stand today; masked personal data."""
    today = _today()
    visible = permissions.visible_agency_ids(request.user)
    agencies = list(Agency.objects.filter(pk__in=visible).order_by("code"))
    status = request.GET.get("status", "")
    if status not in dict(STATUS_FILTERS):
        status = ""
    agency_code = request.GET.get("agency", "")
    chosen = next((a for a in agencies if a.code == agency_code), None)
    ids = {chosen.pk} if chosen else visible

    open_cases = deadlines.standings(
        deadlines.with_events(queries.worklist(request.user, today=today, agency_ids=ids)), today
    )
    counts = {
        "open": len(open_cases),
        "overdue": sum(1 for _, s in open_cases if s.urgency == "overdue"),
        "due_soon": sum(1 for _, s in open_cases if s.urgency == "due_soon"),
        "unconfirmed": sum(1 for _, s in open_cases if s.urgency == "unconfirmed"),
        "attention": sum(1 for _, s in open_cases if s.needs_attention),
    }
    if status == Status.CONCLUDED:
        concluded = deadlines.with_events(
            Application.objects.filter(agency_id__in=ids, status=Status.CONCLUDED).order_by(
                "-concluded_on", "-pk"
            )
        )
        page = Paginator(concluded, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [_row(app, s) for app, s in deadlines.standings(page, today)]
    else:
        shown = sorted(
            ((a, s) for a, s in open_cases if not status or a.status == status),
            key=deadlines.work_order,
        )
        page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [_row(app, s) for app, s in page]
    query = request.GET.copy()
    query.pop("page", None)
    moved = queries.recently_moved(ids, since=timezone.now() - dt.timedelta(days=7))
    return render(
        request,
        "applications/worklist.html",
        {
            "moved": moved,
            "rows": rows,
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


@dataclass
class ActionSlot:
    action: actions.Action
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
    standing = deadlines.standing(app, today)
    state = standing.state
    slots: list[ActionSlot] = []
    if can_handle:
        facts = actions.facts(app, state, request.user)
        for action in actions.ACTIONS.values():
            if bound and bound[0] == action.name:
                form = bound[1]
            elif action.available(app, facts):
                form = action.form_class(application=app, prefix=action.name)
            else:
                continue
            url = reverse("applications:action", kwargs={"pk": app.pk, "action": action.name})
            slots.append(ActionSlot(action, form, url))
    refused = web.refused_notice(actions.ACTIONS[bound[0]].title, bound[1]) if bound else None
    decision = getattr(app, "decision", None)
    withheld = []
    if decision is not None:
        withheld = [
            {"part": w.get("part", ""), "ground": _ground_label(w.get("ground", ""))}
            for w in decision.withheld
        ]
    unmasked = permissions.can_see_personal_data(request.user, app)
    if unmasked:
        services.record_personal_data_view(app, actor=request.user, what=_("申请详情页"))
    context = {
        "app": app,
        "person": _person(app, unmasked),
        "access_log": access_log(app) if unmasked else [],
        "can_handle": can_handle,
        "today": today,
        "state": state,
        "deadline_rows": _deadline_rows(state.deadline) if state.deadline else [],
        "warnings": state.deadline.warnings if state.deadline else (),
        "standing": standing,
        "urgency": standing.urgency,
        "urgency_label": URGENCY_LABELS.get(standing.urgency, ""),
        "days_left": standing.days_left,
        "days_over": standing.days_over,
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
        "late": standing.late,
    }
    return render(request, "applications/detail.html", context, status=status)


def _person(app: Application, unmasked: bool) -> dict[str, str]:
    """The applicant as this reader may see them: whole for the receiving agency's handlers and
    head, masked for everyone else (accounts.permissions.can_see_personal_data)."""
    natural = app.applicant_type == ApplicantType.NATURAL_PERSON
    if unmasked:
        return {
            "name": app.applicant_name,
            "contact": app.contact_person,
            "id_number": app.id_number,
            "phone": app.phone,
            "email": app.email,
            "address": app.address,
            "postcode": app.postcode,
            "masked": "",
        }
    return {
        "name": masking.mask_name(app.applicant_name) if natural else app.applicant_name,
        "contact": masking.mask_name(app.contact_person) if app.contact_person else "",
        "id_number": masking.mask_id(app.id_number),
        "phone": masking.mask_phone(app.phone),
        "email": ("***@" + app.email.split("@")[-1]) if app.email else "",
        "address": masking.mask_address(app.address),
        "postcode": "",
        "masked": _("申请人的个人信息仅对本机关的依申请公开经办人员和负责人显示，此处已脱敏。"),
    }


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
    spec = actions.ACTIONS.get(action)
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
    if not permissions.can_see_personal_data(request.user, app):
        raise PermissionDenied(
            _("文书载有申请人的个人信息，仅本机关的依申请公开经办人员和负责人可以下载")
        )
    letter = get_object_or_404(Letter, pk=letter_pk, application=app)
    services.record_personal_data_view(
        app, actor=request.user, what=_("下载文书 %(number)s") % {"number": letter.number}
    )
    if not letter.file:
        raise Http404(_("该文书没有文件"))
    suffix = PurePosixPath(letter.file.name).suffix or ".docx"
    name = f"{letter.number or letter.get_kind_display()}{suffix}"
    content_type = DOCX if suffix == ".docx" else None
    return FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )


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
    data = exports.ledger_xlsx(sorted(ids), year)
    return _attachment(data, XLSX, _("依申请公开台账-%(year)s.xlsx") % {"year": year})


@login_required
def archive_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The case file as ZIP (concluded cases only)."""
    app = _case(request, pk)
    if not permissions.can_see_personal_data(request.user, app):
        raise PermissionDenied(
            _("归档材料载有申请人的个人信息，仅本机关的依申请公开经办人员和负责人可以下载")
        )
    if app.status != Status.CONCLUDED:
        messages.error(request, _("申请办结后才能下载归档材料"))
        return redirect("applications:detail", pk=app.pk)
    services.record_personal_data_view(app, actor=request.user, what=_("下载归档材料"))
    try:
        data = exports.archive_zip(app)
    except ActionRefused as e:
        messages.error(request, str(e))
        return redirect("applications:detail", pk=app.pk)
    return _attachment(data, "application/zip", f"{app.tracking_code}.zip")

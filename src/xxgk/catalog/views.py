"""Staff pages of 主动公开: the items of one's agency by status with the review queue, the draft
form, the item page (versions, reviews, events) with one small form per action, attachments,
and table 二 figures (form and CSV import).

Thin: every change is one call of `services` (attachments: `uploads`, figures: `figures`);
refusals (`ActionRefused`, `PermissionDenied`, …) are shown on the form. Reading needs
`permissions.can_view_item` (editors and reviewers of the item's agency).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xxgk import web
from xxgk.accounts import permissions
from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.errors import REFUSALS, ActionRefused

from . import figures, forms, queries, services, uploads
from .models import AnnualFigures, Attachment, Item, ItemVersion

PAGE_SIZE = 25


def _editor_agencies(user) -> list[Agency]:
    ids = user.memberships.filter(role=Membership.Role.EDITOR).values_list("agency_id", flat=True)
    return list(Agency.objects.filter(pk__in=list(ids)).order_by("code"))


def _item(request: HttpRequest, pk: int) -> Item:
    """The item, if the user may read it (404 if it does not exist, 403 if not theirs)."""
    item = get_object_or_404(
        Item.objects.select_related("agency", "column__section", "topic__parent", "replaced_by"),
        pk=pk,
    )
    if not permissions.can_view_item(request.user, item):
        raise PermissionDenied(_("您无权查看其他机关的信息"))
    return item


# ------------------------------------------------------------------ the list


STATUS_FILTERS = [
    ("", gettext_lazy("全部")),
    *[(s.value, s.label) for s in Item.Status],
]


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    """The agency's items by status; reviewers see the review queue first."""
    visible = permissions.catalog_agency_ids(request.user)
    agencies = list(Agency.objects.filter(pk__in=visible).order_by("code"))
    agency_code = request.GET.get("agency", "")
    chosen = next((a for a in agencies if a.code == agency_code), None)
    ids = {chosen.pk} if chosen else visible
    status = request.GET.get("status", "")
    if status not in dict(STATUS_FILTERS):
        status = ""

    base = Item.objects.filter(agency_id__in=ids)
    counts = dict(base.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    qs = base.select_related("agency", "column").order_by("-updated_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))

    reviewer_ids = set(
        request.user.memberships.filter(
            role=Membership.Role.REVIEWER, agency_id__in=ids
        ).values_list("agency_id", flat=True)
    )
    queue = []
    if reviewer_ids:
        queue = list(
            Item.objects.filter(
                agency_id__in=reviewer_ids, versions__state=ItemVersion.State.PENDING
            )
            .select_related("agency", "column")
            .annotate(pending=Count("versions", filter=Q(versions__state="pending")))
            .order_by("updated_at", "pk")
            .distinct()
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalog/staff/items.html",
        {
            "agencies": agencies,
            "agency_code": chosen.code if chosen else "",
            "status": status,
            "status_filters": [
                (value, label, counts.get(value, 0) if value else sum(counts.values()))
                for value, label in STATUS_FILTERS
            ],
            "page": page,
            "query": query.urlencode(),
            "queue": queue,
            "is_reviewer": bool(reviewer_ids),
            "can_draft": bool(_editor_agencies(request.user)),
            "figure_year": timezone.localdate().year - 1,
            "can_figures": bool(permissions.figure_agency_ids(request.user)),
        },
    )


# ------------------------------------------------------------------ drafting and editing


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    agencies = _editor_agencies(request.user)
    if not agencies:
        raise PermissionDenied(_("您不是信息编辑人员，不能起草信息"))
    form = forms.ItemForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            column = form.chosen_column()
            item = services.create_draft(column.agency, data=form.to_input(), actor=request.user)
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(request, _("草稿已保存。可以上传附件，然后提交保密审查。"))
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/staff/item_form.html", {"form": form, "item": None})


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if not permissions.has_role(request.user, item.agency_id, Membership.Role.EDITOR):
        raise PermissionDenied(_("您没有本机关的信息编辑权限"))
    if item.status != Item.Status.DRAFT:
        messages.error(request, _("只有草稿可以直接修改；已发布的信息请用“修订”"))
        return redirect("catalog:item", pk=item.pk)
    form = forms.ItemForm(request.POST or None, agencies=[item.agency], item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_draft(item, data=form.to_input(), actor=request.user)
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(request, _("草稿已保存"))
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/staff/item_form.html", {"form": form, "item": item})


@login_required
def item_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version of a published item; the published one stays until the review."""
    item = _item(request, pk)
    if not permissions.has_role(request.user, item.agency_id, Membership.Role.EDITOR):
        raise PermissionDenied(_("您没有本机关的信息编辑权限"))
    if item.status != Item.Status.PUBLISHED:
        messages.error(request, _("只有已发布的信息可以修订"))
        return redirect("catalog:item", pk=item.pk)
    form = forms.ReviseForm(request.POST or None, agencies=[item.agency], item=item)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.revise(
                item,
                data=form.to_input(),
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(
                request,
                _("修订版本（第%(n)d版）已提交保密审查，审查同意前仍显示已发布的版本")
                % {"n": version.number},
            )
            return redirect("catalog:item", pk=item.pk)
    return render(
        request, "catalog/staff/item_form.html", {"form": form, "item": item, "revising": True}
    )


# ------------------------------------------------------------------ the item page and its actions


@dataclass(frozen=True)
class Facts:
    can_edit: bool
    can_review: bool
    pending: ItemVersion | None


def _submit(request, item, form) -> str:
    services.submit_for_review(item, actor=request.user)
    return _("已提交保密审查")


def _review(request, item, form) -> str:
    d = form.cleaned_data
    if d["decision"] == "approve":
        services.approve(item, opinion=d["opinion"], actor=request.user)
        return _("审查同意，已发布")
    services.reject(item, opinion=d["opinion"], actor=request.user)
    return _("已退回修改")


def _withdraw(request, item, form) -> str:
    services.withdraw(item, reason=form.cleaned_data["reason"], actor=request.user)
    return _("已撤回，门户网站和检索中不再显示")


def _validity(request, item, form) -> str:
    d = form.cleaned_data
    services.set_validity(
        item,
        validity=d["validity"],
        on=d["on"],
        replaced_by=form.replacement(),
        reason=d.get("reason", ""),
        actor=request.user,
    )
    return _("有效性已更新为“%(v)s”") % {"v": Item.Validity(d["validity"]).label}


def _attach(request, item, form) -> str:
    attachment = uploads.add_attachment(item, form.cleaned_data["file"], actor=request.user)
    return _("已上传附件“%(name)s”") % {"name": attachment.name}


def _detach(request, item, form) -> str:
    attachment = Attachment.objects.filter(
        pk=form.cleaned_data["attachment"], item_id=item.pk
    ).first()
    if attachment is None:
        raise ActionRefused(_("附件不存在或已删除"))
    uploads.remove_attachment(attachment, actor=request.user)
    return _("已删除附件“%(name)s”") % {"name": attachment.name}


@dataclass(frozen=True)
class Action:
    name: str
    title: str
    form_class: type
    run: Callable[[HttpRequest, Item, object], str]
    available: Callable[[Item, Facts], bool]
    button: str
    intro: str = ""
    danger: bool = False
    files: bool = False


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            "submit",
            gettext_lazy("提交保密审查"),
            forms.SubmitForm,
            _submit,
            lambda item, f: f.can_edit and item.status == Item.Status.DRAFT,
            gettext_lazy("提交审查"),
            gettext_lazy(
                "发布前须经保密审查（第十七条）；审查人不能审查自己起草的内容。提交后草稿不能再修改。"
            ),
        ),
        Action(
            "review",
            gettext_lazy("保密审查"),
            forms.ReviewForm,
            _review,
            lambda item, f: f.can_review and f.pending is not None,
            gettext_lazy("提交审查结论"),
            gettext_lazy(
                "同意发布的，立即在门户网站发布并生成索引号；退回的，回到草稿由编辑修改。"
            ),
        ),
        Action(
            "attach",
            gettext_lazy("上传附件"),
            forms.AttachmentForm,
            _attach,
            lambda item, f: f.can_edit and item.status == Item.Status.DRAFT,
            gettext_lazy("上传"),
            files=True,
        ),
        Action(
            "detach",
            gettext_lazy("删除附件"),
            forms.RemoveAttachmentForm,
            _detach,
            lambda item, f: False,  # one small form per attachment, in the attachments list
            gettext_lazy("删除"),
        ),
        Action(
            "validity",
            gettext_lazy("变更有效性"),
            forms.ValidityForm,
            _validity,
            lambda item, f: f.can_edit and item.status == Item.Status.PUBLISHED,
            gettext_lazy("保存有效性"),
            gettext_lazy(
                "已修改、废止或失效的文件，门户网站在原文页面醒目标注，并链接到替代文件。"
            ),
        ),
        Action(
            "withdraw",
            gettext_lazy("撤回"),
            forms.WithdrawForm,
            _withdraw,
            lambda item, f: f.can_edit and item.status == Item.Status.PUBLISHED,
            gettext_lazy("撤回"),
            gettext_lazy("撤回后门户网站、栏目列表和检索中都不再显示；记录和版本保留。"),
            danger=True,
        ),
    ]
}


def _form(action: Action, item: Item, data=None, files=None):
    kwargs = {"prefix": action.name}
    if action.form_class is forms.ValidityForm:
        kwargs["item"] = item
    return action.form_class(data, files, **kwargs)


@dataclass
class Slot:
    action: Action
    form: object
    url: str


def _render_item(
    request: HttpRequest, item: Item, *, bound: tuple[str, object] | None = None, status=200
) -> HttpResponse:
    roles = permissions.roles(request.user, item.agency_id)
    versions = list(item.versions.select_related("created_by").order_by("number"))
    pending = next((v for v in reversed(versions) if v.state == ItemVersion.State.PENDING), None)
    facts = Facts(
        can_edit=Membership.Role.EDITOR in roles,
        can_review=Membership.Role.REVIEWER in roles,
        pending=pending,
    )
    slots = []
    for action in ACTIONS.values():
        if bound and bound[0] == action.name:
            form = bound[1]
        elif action.available(item, facts):
            form = _form(action, item)
        else:
            continue
        url = reverse("catalog:action", kwargs={"pk": item.pk, "action": action.name})
        slots.append(Slot(action, form, url))
    refused = web.refused_notice(ACTIONS[bound[0]].title, bound[1]) if bound else None
    own_pending = pending is not None and pending.created_by_id == request.user.pk
    context = {
        "item": item,
        "facts": facts,
        "slots": slots,
        "refused": refused,
        "versions": versions,
        "reviews": list(item.reviews.select_related("reviewer")),
        "events": list(item.events.select_related("actor")),
        "attachments": list(item.attachments.all()),
        "interprets": list(item.interprets.all()),
        "interpretations": list(item.interpretations.all()),
        "own_pending": own_pending,
        "public_url": (
            reverse("portal:item", kwargs={"agency_code": item.agency.code, "pk": item.pk})
            if item.is_public
            else ""
        ),
        "detach_url": reverse("catalog:action", kwargs={"pk": item.pk, "action": "detach"}),
        "can_detach": facts.can_edit and item.status == Item.Status.DRAFT,
        # bodies are sanitised HTML (services.sanitise), shown as the portal will show them
        "body": mark_safe(item.body),
        "pending_body": (
            mark_safe(pending.body)
            if pending is not None and item.status == Item.Status.PUBLISHED
            else None
        ),
    }
    return render(request, "catalog/staff/item.html", context, status=status)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_item(request, _item(request, pk))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action: validate its form, call its one service, show a refusal on the form."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    item = _item(request, pk)
    form = _form(spec, item, request.POST, request.FILES if spec.files else None)
    if web.run_form(request, form, lambda: spec.run(request, item, form), REFUSALS):
        return redirect("catalog:item", pk=item.pk)
    item.refresh_from_db()
    return _render_item(request, item, bound=(spec.name, form))


@login_required
def attachment_file(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    item = _item(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, item=item)
    return uploads.file_response(attachment)


# ------------------------------------------------------------------ table 二 figures


def _figure_agencies(request: HttpRequest) -> list[Agency]:
    ids = permissions.figure_agency_ids(request.user)
    if not ids:
        raise PermissionDenied(
            _("您不是信息编辑人员或政府信息公开工作机构负责人，不能填报表二数据")
        )
    return list(Agency.objects.filter(pk__in=ids).order_by("code"))


@login_required
def figures_index(request: HttpRequest) -> HttpResponse:
    _figure_agencies(request)
    return redirect("catalog:figures", year=timezone.localdate().year - 1)


@login_required
def figures_year(request: HttpRequest, year: int) -> HttpResponse:
    """One agency's table 二 figures for a year: the entered ones, and those from the catalog."""
    agencies = _figure_agencies(request)
    if not 2008 <= year <= 2100:
        raise Http404
    code = request.POST.get("agency") or request.GET.get("agency") or ""
    agency = next((a for a in agencies if a.code == code), None if code else agencies[0])
    if agency is None:
        raise PermissionDenied(_("您没有该机关表二业务数据的填报权限"))
    row = AnnualFigures.objects.filter(agency=agency, year=year).first()
    initial = {}
    if row:
        initial = {
            "licensing": row.licensing_decisions,
            "penalty": row.penalty_decisions,
            "coercion": row.coercion_decisions,
            "fee_wan": row.fee_amount.normalize() if row.fee_amount is not None else None,
        }
    form = forms.FiguresForm(request.POST or None, initial=initial, prefix="figures")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            figures.save_figures(
                agency,
                year,
                figures.Figures(d["licensing"], d["penalty"], d["coercion"], d["fee_wan"]),
                actor=request.user,
            )
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(
                request,
                _("已保存%(agency)s%(year)d年度表二数据") % {"agency": agency, "year": year},
            )
            return redirect(f"{reverse('catalog:figures', args=[year])}?agency={agency.code}")
    t2 = queries.table2_counts([agency.pk], year)
    today = timezone.localdate()
    return render(
        request,
        "catalog/staff/figures.html",
        {
            "agencies": agencies,
            "agency": agency,
            "year": year,
            "years": list(range(today.year, today.year - 6, -1)),
            "form": form,
            "import_form": forms.FiguresImportForm(prefix="import"),
            "row": row,
            "documents": [
                (_("规章"), t2["art20_1.regulations"]),
                (_("行政规范性文件"), t2["art20_1.normative_documents"]),
            ],
            "columns": figures.COLUMNS,
        },
    )


@login_required
def figures_import(request: HttpRequest) -> HttpResponse:
    """CSV of several agencies and years: every row or none."""
    agencies = _figure_agencies(request)
    form = forms.FiguresImportForm(request.POST or None, request.FILES or None, prefix="import")
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > figures.MAX_CSV_BYTES:
            errors = [_("文件过大，CSV文件不能超过1 MB")]
        else:
            try:
                rows = figures.import_csv(upload.read(), actor=request.user)
            except figures.ImportRefused as e:
                errors = e.errors
            except (PermissionDenied, ActionRefused) as e:
                errors = web.refusal_texts(e)
            else:
                messages.success(request, _("已导入%(n)d行表二数据") % {"n": len(rows)})
                year = rows[0].year
                return redirect(
                    f"{reverse('catalog:figures', args=[year])}?agency={rows[0].agency.code}"
                )
    return render(
        request,
        "catalog/staff/figures_import.html",
        {"form": form, "errors": errors, "agencies": agencies, "columns": figures.COLUMNS},
        status=400 if errors or form.errors else 200,
    )

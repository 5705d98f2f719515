"""Staff pages of the review and litigation register (table 四): the list, registering a case,
and the case page with the form recording its result.

Thin: every change is one call of `services`; refusals (`ActionRefused`, `PermissionDenied`)
are shown on the form. Reading needs `visible_agency_ids`, acting `handled_agency_ids`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk import web
from xxgk.accounts import permissions
from xxgk.agencies.models import Agency
from xxgk.errors import REFUSALS

from . import forms, services
from .models import Case

PAGE_SIZE = 50

EVENT_TITLES = {
    "registered": gettext_lazy("登记案件"),
    "concluded": gettext_lazy("登记审结结果"),
    "corrected_entry": gettext_lazy("更正登记"),
}


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases of the user's visible agencies, newest first; filter by year and kind."""
    visible = permissions.visible_agency_ids(request.user)
    cases = Case.objects.filter(agency_id__in=visible)
    years = sorted({d.year for d in cases.dates("filed_on", "year")}, reverse=True)
    year = request.GET.get("year", "")
    if not (year.isdigit() and int(year) in years):
        year = ""
    kind = request.GET.get("kind", "")
    if kind not in Case.Kind.values:
        kind = ""
    if year:
        cases = cases.filter(filed_on__year=int(year))
    if kind:
        cases = cases.filter(kind=kind)
    cases = cases.select_related("agency", "application").order_by("-filed_on", "-pk")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("year", year), ("kind", kind)) if v)
    return render(
        request,
        "disputes/list.html",
        {
            "page": page,
            "cases": page.object_list,
            "years": years,
            "year": year,
            "kinds": Case.Kind.choices,
            "kind": kind,
            "query": query,
            "has_agencies": bool(visible),
            "many_agencies": len(visible) > 1,
            "can_register": bool(permissions.handled_agency_ids(request.user)),
        },
    )


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Register a review or litigation case (→ services.register_case)."""
    handled = permissions.handled_agency_ids(request.user)
    if not handled:
        raise PermissionDenied(_("您不是本机关的经办人员，不能登记复议诉讼案件"))
    agencies = Agency.objects.filter(pk__in=handled).order_by("code")
    form = forms.CaseForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.register_case(
                d["agency"],
                kind=d["kind"],
                body=d["body"],
                filed_on=d["filed_on"],
                actor=request.user,
                case_number=d["case_number"],
                application=d["application"],
                notes=d["notes"],
            )
        except REFUSALS as e:
            web.refuse(form, e)
        else:
            messages.success(request, _("已登记复议诉讼案件"))
            return redirect("disputes:detail", pk=case.pk)
    return render(request, "disputes/new.html", {"form": form})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case and its events; handlers of its agency record the result here."""
    case = get_object_or_404(Case.objects.select_related("agency", "application"), pk=pk)
    if case.agency_id not in permissions.visible_agency_ids(request.user):
        raise PermissionDenied(_("您无权查看此案件"))
    can_handle = case.agency_id in permissions.handled_agency_ids(request.user)
    form = None
    status = 200
    if request.method == "POST":
        if not can_handle:
            raise PermissionDenied(_("您不是本机关的经办人员，不能登记审结结果"))
        form = forms.ResultForm(request.POST)
        if form.is_valid():
            try:
                services.record_result(
                    case,
                    result=form.cleaned_data["result"],
                    on=form.cleaned_data["on"],
                    actor=request.user,
                )
            except REFUSALS as e:
                web.refuse(form, e)
            else:
                messages.success(request, _("已登记审结结果"))
                return redirect("disputes:detail", pk=case.pk)
        status = 400
    elif can_handle and case.concluded_on is None:
        form = forms.ResultForm()
    events = [
        (e, EVENT_TITLES.get(e.kind, e.kind))
        for e in case.events.select_related("actor").order_by("at", "pk")
    ]
    return render(
        request,
        "disputes/detail.html",
        {"case": case, "form": form, "can_handle": can_handle, "events": events},
        status=status,
    )

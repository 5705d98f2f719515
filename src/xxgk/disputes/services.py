"""Register a review or litigation case and record its result: one function each."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from xxgk.accounts import permissions
from xxgk.accounts.models import User
from xxgk.errors import ActionRefused

from .models import Case, CaseEvent


def _require(actor: User | None, agency_id: int) -> None:
    if actor is None or agency_id not in permissions.handled_agency_ids(actor):
        raise PermissionDenied("您不是本机关的经办人员，不能登记复议诉讼案件")


@transaction.atomic
def register_case(
    agency,
    *,
    kind: str,
    body: str,
    filed_on: dt.date,
    actor: User,
    case_number: str = "",
    application=None,
    notes: str = "",
) -> Case:
    _require(actor, agency.pk)
    if kind not in Case.Kind.values:
        raise ActionRefused("类别应为行政复议、直接起诉或复议后起诉")
    if not body.strip():
        raise ActionRefused("请填写复议机关或人民法院")
    if application is not None and application.agency_id != agency.pk:
        raise ActionRefused("所关联的申请不属于本机关")
    case = Case(agency=agency, kind=kind, body=body, filed_on=filed_on, case_number=case_number,
                application=application, notes=notes)  # fmt: skip
    case.full_clean()
    case.save()
    CaseEvent.objects.create(
        case=case, kind="registered", actor=actor, data={"kind": kind, "filed_on": str(filed_on)}
    )
    return case


@transaction.atomic
def record_result(case: Case, *, result: str, on: dt.date, actor: User) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(actor, case.agency_id)
    if case.concluded_on is not None:
        raise ActionRefused("该案件已登记审结结果")
    if result not in Case.Result.values:
        raise ActionRefused("结果应为维持、纠正或其他")
    if on < case.filed_on:
        raise ActionRefused("审结日期不能早于受理日期")
    case.result, case.concluded_on = result, on
    case.save(update_fields=["result", "concluded_on"])
    CaseEvent.objects.create(
        case=case, kind="concluded", actor=actor, data={"result": result, "on": str(on)}
    )
    return case

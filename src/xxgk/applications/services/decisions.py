"""The reply (arts. 36–39) with its grounds checked against the steps before it, the office
head's approval where an agency requires it, art. 35's steps, and withdrawal."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from xxgk.accounts import permissions
from xxgk.accounts.models import User
from xxgk.applications.casefile import case_clock, lock, record, require_handler
from xxgk.applications.grounds import DENIED, PROCEDURAL, REPLY_TYPE, WITHHOLDING, Ground
from xxgk.applications.models import Application, Decision, Event, Status
from xxgk.errors import ActionRefused
from xxgk.holidays.calendar import work_calendar

from .common import _conclude, _not_before, _require_status, recompute

# ------------------------------------------------------------------ decision (arts. 36–39)


def _steps_for(app: Application, ground: str, earlier: Application | None, on: dt.date) -> None:
    """Each ground needs its procedural history (arts. 30, 35, 36(6))."""
    kinds = set(app.events.values_list("kind", flat=True))
    if (
        ground == Ground.ART30_UNCLEAR
        and not {
            Event.Kind.CORRECTION_REQUESTED,
            Event.Kind.CORRECTION_RECEIVED,
        }
        <= kinds
    ):
        raise ActionRefused("“补正后申请内容仍不明确”须先告知补正并收到补正（第三十条）")
    if ground == Ground.ART35_EXCESSIVE and Event.Kind.REASONS_REQUESTED not in kinds:
        raise ActionRefused(
            "申请数量、频次明显超过合理范围的，须先要求申请人说明理由（第三十五条）"
        )
    if ground == Ground.ART36_6_DUPLICATE:
        if earlier is None:
            raise ActionRefused("重复申请须写明此前已作出答复的申请查询码（第三十六条第六项）")
        earlier = Application.objects.get(pk=earlier.pk)  # as it stands, not as it was read
        if (
            earlier.pk == app.pk
            or earlier.agency_id != app.agency_id
            or earlier.status != Status.CONCLUDED
            or getattr(earlier, "decision", None) is None  # answered, not closed or withdrawn
        ):
            raise ActionRefused("所写的此前申请不是本机关已作出答复的另一件申请")
        if earlier.receipt_date and app.receipt_date and earlier.receipt_date > app.receipt_date:
            raise ActionRefused("所写的此前申请晚于本申请收到，不是重复申请")
        if earlier.concluded_on > on:
            raise ActionRefused("所写的此前申请在本答复之日尚未答复，不是重复申请")


def _withheld(ground: str, withheld: list[dict[str, str]] | None) -> list[dict[str, str]]:
    withheld = [w for w in (withheld or []) if (w.get("part") or "").strip()]
    if ground == Ground.ART37_PARTIAL_DISCLOSURE:
        if not withheld:
            raise ActionRefused("部分公开应写明不予公开的部分及其理由（第三十七条）")
        for w in withheld:
            if w.get("ground") not in {g.value for g in DENIED}:
                raise ActionRefused(
                    f"“{w.get('part')}”的不予公开理由应为第十四条至第十六条或第三十六条第七项之一"
                )
    elif withheld:
        raise ActionRefused("只有部分公开时才列出不予公开的部分")
    return withheld


def needs_approval(app: Application, ground: str, actor: User) -> bool:
    """A withholding reply of an agency that has its office head approve them, proposed by
    someone who is not the head."""
    return (
        app.agency.withholding_needs_approval
        and Ground(ground) in WITHHOLDING
        and not permissions.is_office_head(actor, app.agency_id)
    )


@transaction.atomic
def decide(
    application: Application,
    *,
    on: dt.date,
    ground: str,
    legal_basis: str,
    summary: str = "",
    withheld: list[dict[str, str]] | None = None,
    earlier: Application | None = None,
    actor: User,
) -> Decision:
    """The reply (arts. 36–39). A withholding reply of an agency that requires it waits for the
    office head (`approve_decision`); every other reply concludes the case now."""
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.IN_PROGRESS, action="作出答复")
    if ground not in Ground.values or ground in PROCEDURAL:
        raise ActionRefused("请选择答复类型（逾期不补正、逾期未缴费、撤回另有专门操作）")
    if not legal_basis.strip():
        raise ActionRefused("请写明答复的法律依据")
    withheld = _withheld(ground, withheld)
    _steps_for(app, ground, earlier if ground == Ground.ART36_6_DUPLICATE else None, on)
    _not_before(app, on, "答复")
    decision = Decision(
        application=app,
        ground=ground,
        reply_type=REPLY_TYPE.get(Ground(ground)),
        legal_basis=legal_basis,
        summary=summary,
        withheld=withheld,
        decided_on=on,
        decided_by=actor,
        earlier=earlier if ground == Ground.ART36_6_DUPLICATE else None,
    )
    if needs_approval(app, ground, actor):
        decision.full_clean(exclude=["application"])
        decision.save()
        app.status = Status.AWAITING_APPROVAL
        record(app, Event.Kind.DECISION_PROPOSED, actor, on, summary, ground=ground)
        app.save()
        return decision
    if app.agency.withholding_needs_approval and Ground(ground) in WITHHOLDING:
        decision.approved_by = actor  # the head decides: approved as made
    decision.full_clean(exclude=["application"])
    decision.save()
    _conclude_with(app, decision, actor)
    return decision


def _conclude_with(app: Application, decision: Decision, actor: User) -> None:
    on = decision.decided_on
    state = case_clock(app, on)  # the deadline as it stands on the day of the decision
    late = state.deadline is not None and on > state.deadline.date
    _conclude(app, decision.ground, on)
    record(app, Event.Kind.DECIDED, actor, on, decision.summary, ground=decision.ground, late=late)
    app.save()


def _require_head(actor: User, app: Application) -> None:
    if not permissions.is_office_head(actor, app.agency_id):
        raise PermissionDenied("须由政府信息公开工作机构负责人审批")


@transaction.atomic
def approve_decision(application: Application, *, on: dt.date, actor: User) -> Decision:
    """The office head approves a withholding reply: it is made on the day of approval."""
    app = lock(application)
    _require_head(actor, app)
    _require_status(app, Status.AWAITING_APPROVAL, action="审批答复")
    decision = app.decision
    if on < decision.decided_on:
        raise ActionRefused("审批日期不能早于答复报批日期")
    decision.decided_on, decision.approved_by = on, actor
    decision.save(update_fields=["decided_on", "approved_by"])
    _conclude_with(app, decision, actor)
    return decision


@transaction.atomic
def return_decision(
    application: Application, *, on: dt.date, reason: str, actor: User
) -> Application:
    """The office head sends a proposed reply back: the case is in progress again."""
    app = lock(application)
    _require_head(actor, app)
    _require_status(app, Status.AWAITING_APPROVAL, action="退回答复")
    if not reason.strip():
        raise ActionRefused("请写明退回的理由")
    decision = app.decision
    proposed = {"ground": decision.ground, "summary": decision.summary}
    decision.delete()
    app.status = Status.IN_PROGRESS
    record(app, Event.Kind.DECISION_RETURNED, actor, on, reason, **proposed)
    recompute(app, on)
    app.save()
    return app


# ------------------------------------------------------------------ art. 35


@transaction.atomic
def request_reasons(
    application: Application, *, on: dt.date, items: str, actor: User
) -> Application:
    """Art. 35: requests clearly beyond a reasonable quantity or frequency — the applicant is
    asked to explain (then 不予处理 if the reasons are not reasonable, or a reasonable period)."""
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.IN_PROGRESS, action="要求说明理由")
    if not items.strip():
        raise ActionRefused("请写明申请数量、频次明显超过合理范围的情况及需要说明的事项")
    _not_before(app, on, "要求说明理由")
    record(app, Event.Kind.REASONS_REQUESTED, actor, on, items)
    app.save()
    return app


@transaction.atomic
def set_reasonable_period(
    application: Application, *, on: dt.date, until: dt.date, reason: str, actor: User
) -> Application:
    """Art. 35: the reasons are reasonable but the art. 33 period cannot be met — a reasonable
    later deadline is set and the applicant told (the working days are added to the clock)."""
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.IN_PROGRESS, action="确定合理的答复期限")
    if not app.events.filter(kind=Event.Kind.REASONS_REQUESTED).exists():
        raise ActionRefused("确定合理的答复期限前，须先要求申请人说明理由（第三十五条）")
    if not reason.strip():
        raise ActionRefused("请写明理由")
    state = case_clock(app, on)
    if state.deadline is None or until <= state.deadline.date:
        raise ActionRefused("合理的答复期限应晚于现在的答复期限")
    days = work_calendar().workdays_between(state.deadline.date, until)
    if days < 1:
        raise ActionRefused("合理的答复期限应至少晚于现在的答复期限一个工作日")
    record(app, Event.Kind.REASONABLE_PERIOD_SET, actor, on, reason, days=days, until=str(until))
    recompute(app, on)
    app.save()
    return app


@transaction.atomic
def withdraw(application: Application, *, on: dt.date, reason: str, actor: User) -> Application:
    app = lock(application)
    require_handler(actor, app)
    if not app.is_open:
        raise ActionRefused("该申请已办结")
    if not reason.strip():
        raise ActionRefused("请写明撤回的方式（如申请人书面撤回）")
    if app.status == Status.AWAITING_APPROVAL:
        app.decision.delete()  # the reply proposed for approval is never made
    _conclude(app, Ground.WITHDRAWN_OR_OTHER, on)
    record(app, Event.Kind.WITHDRAWN, actor, on, reason, ground=app.ground)
    app.save()
    return app

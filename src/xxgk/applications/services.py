"""Every state change of an application: one function each, which checks who may act and in
which state, locks the row, writes, records the event and recomputes the clock.

Views, forms, the admin, commands and the demo call these; nothing else saves a case.
Refusals raise `ActionRefused` with a message for the user (Chinese, with the article).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import permissions
from xxgk.accounts.models import User
from xxgk.errors import ActionRefused
from xxgk.holidays.calendar import work_calendar
from xxgk.workdays import WorkCalendar

from . import clock, deadlines, fees
from .casefile import case_clock, clock_rules, lock, record, require_handler
from .grounds import DENIED, PROCEDURAL, REPLY_TYPE, WITHHOLDING, Ground
from .models import (
    OPEN_STATUSES,
    RECEIPT_ON_ARRIVAL,
    Application,
    Channel,
    Decision,
    Delivery,
    Event,
    FeeNotice,
    Status,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApplicantInput:
    applicant_type: str
    applicant_name: str
    id_type: str
    id_number: str
    phone: str
    description: str
    contact_person: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    form_wanted: str = "electronic"
    delivery_wanted: str = "email"


# ------------------------------------------------------------------ helpers


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _require_status(app: Application, *allowed: str, action: str) -> None:
    if app.status not in allowed:
        raise ActionRefused(f"该申请当前状态为“{app.get_status_display()}”，不能{action}")


def _not_before(app: Application, on: dt.date, what: str) -> None:
    if app.receipt_date and on < app.receipt_date:
        raise ActionRefused(f"{what}日期不能早于收到申请之日（{app.receipt_date:%Y-%m-%d}）")


def recompute(app: Application, today: dt.date | None = None) -> clock.ClockState:
    """Recompute the stored due date from the events (the events are the truth)."""
    state = case_clock(app, _today(today))
    if app.is_open:
        app.due_date = state.deadline.date if state.deadline else None
    return state


def refresh_deadlines(*, today: dt.date | None = None) -> int:
    """Rewrite the stored due date — the work list's sort index — of every open case as it
    stands today (a paused clock moves the deadline every day): `xxgk refresh_deadlines`, daily.
    Returns how many changed. Records no event: nothing about the case changed."""
    today = _today(today)
    stale = []
    open_cases = deadlines.with_events(Application.objects.filter(status__in=OPEN_STATUSES))
    for app, standing in deadlines.standings(open_cases, today):
        if app.due_date != standing.due:
            app.due_date = standing.due
            stale.append(app)
    Application.objects.bulk_update(stale, ["due_date"], batch_size=500)
    return len(stale)


@transaction.atomic
def follow_schedule_change(
    previous: WorkCalendar, *, years: Iterable[int], today: dt.date | None = None
) -> list[tuple[Application, dt.date | None, dt.date | None]]:
    """A holiday schedule was loaded, changed or deleted: every open case's deadlines are
    counted again with the new calendar; each case whose answer deadline (or correction period)
    moved gets an event saying from what to what. Returns (case, before, after) of those."""
    today = _today(today)
    calendar, rules = work_calendar(), clock_rules()
    which = "、".join(str(y) for y in sorted(years))
    moved = []
    open_cases = Application.objects.select_for_update(of=("self",)).filter(
        status__in=OPEN_STATUSES
    )
    for app in deadlines.with_events(open_cases):
        events = list(app.events.all())
        before, after = (
            clock.clock_state(
                events, receipt_date=app.receipt_date, today=today, calendar=cal, rules=rules
            ).deadline
            for cal in (previous, calendar)
        )
        before_day = before.date if before else None
        after_day = after.date if after else None
        correction = _correction_due(app, events, calendar)
        if before_day == after_day and correction == app.correction_due:
            continue
        data = {"before": str(before_day or ""), "after": str(after_day or "")}
        if correction != app.correction_due:
            data |= {
                "correction_before": str(app.correction_due),
                "correction_after": str(correction),
            }
            app.correction_due = correction
        app.due_date = after_day
        app.save(update_fields=["due_date", "correction_due"])
        record(app, Event.Kind.DEADLINE_CHANGED, None, today, f"{which}年节假日安排变更", **data)
        log.info("deadline of %s moved by the %s schedule: %s -> %s", app, which, *data.values())
        moved.append((app, before_day, after_day))
    return moved


def _correction_due(app: Application, events: list[Event], calendar: WorkCalendar):
    """The correction period recounted with `calendar`; never shorter than the date the
    applicant was told (art. 30: a reasonable period)."""
    if app.status != Status.AWAITING_CORRECTION or not app.correction_due:
        return app.correction_due
    asked = [e for e in events if e.kind == Event.Kind.CORRECTION_REQUESTED][-1:]
    if not asked or not asked[0].data.get("period_days"):
        return app.correction_due
    recounted = calendar.add_workdays(asked[0].effective_date, int(asked[0].data["period_days"]))
    return max(recounted, app.correction_due)


def _conclude(app: Application, ground: str, on: dt.date) -> None:
    _not_before(app, on, "办结")
    app.status = Status.CONCLUDED
    app.ground = ground
    app.concluded_on = on


# ------------------------------------------------------------------ intake


@transaction.atomic
def receive(
    agency,
    *,
    applicant: ApplicantInput,
    channel: str,
    arrived_on: dt.date | None = None,
    submitted_at: dt.datetime | None = None,
    actor: User | None = None,
) -> Application:
    """A new application. In person and signed-for letters are received on arrival (art. 31);
    online, fax, e-mail and ordinary letters wait for `confirm_receipt`."""
    if channel not in Channel.values:
        raise ActionRefused("未知的提交方式")
    if actor is not None:
        require_handler(actor, Application(agency=agency))
    elif channel != Channel.ONLINE:
        raise PermissionDenied("只有经办人员可以登记非网上提交的申请")
    submitted_at = submitted_at or timezone.now()
    arrived = arrived_on or timezone.localdate(submitted_at)
    app = Application(
        agency=agency, channel=channel, submitted_at=submitted_at, **asdict(applicant)
    )
    if channel in RECEIPT_ON_ARRIVAL:
        app.receipt_date = arrived
        app.status = Status.IN_PROGRESS
    app.full_clean(exclude=["tracking_code"])
    app.save()
    record(app, Event.Kind.RECEIVED, actor, arrived, channel=channel)
    if app.receipt_date:
        recompute(app)
        app.save(update_fields=["due_date"])
    return app


@transaction.atomic
def confirm_receipt(application: Application, *, on: dt.date, actor: User) -> Application:
    """Art. 31: online and fax — the day both sides confirm; ordinary letter — the day the
    office confirms with the applicant."""
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.SUBMITTED, action="确认收到")
    if on < timezone.localdate(app.submitted_at):
        raise ActionRefused("确认收到日期不能早于申请提交日期")
    app.receipt_date = on
    app.status = Status.IN_PROGRESS
    record(app, Event.Kind.RECEIPT_CONFIRMED, actor, on)
    recompute(app)
    app.save()
    return app


# ------------------------------------------------------------------ correction (art. 30)


@transaction.atomic
def request_correction(
    application: Application,
    *,
    on: dt.date,
    items: str,
    period_days: int | None = None,
    actor: User,
) -> Application:
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.IN_PROGRESS, action="告知补正")
    if app.events.filter(kind=Event.Kind.CORRECTION_REQUESTED).exists():
        raise ActionRefused("补正只能一次性告知，本申请已告知过补正（第三十条）")
    if not items.strip():
        raise ActionRefused("请写明需要补正的事项")
    _not_before(app, on, "告知补正")
    limit = clock.correction_notice_limit(app.receipt_date, work_calendar())
    if on > limit:
        raise ActionRefused(
            f"应在收到申请之日起7个工作日内（{limit:%Y-%m-%d}前）告知补正，已超过（第三十条）"
        )
    period = period_days or clock_rules().correction_period_days
    if not 1 <= period <= 60:
        raise ActionRefused("补正期限应为1至60个工作日")
    app.correction_due = work_calendar().add_workdays(on, period)
    app.status = Status.AWAITING_CORRECTION
    record(
        app,
        Event.Kind.CORRECTION_REQUESTED,
        actor,
        on,
        items,
        period_days=period,
        due=str(app.correction_due),
    )
    recompute(app)
    app.save()
    return app


@transaction.atomic
def receive_correction(application: Application, *, on: dt.date, actor: User) -> Application:
    """The clock restarts on receipt of the corrected application (art. 30)."""
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.AWAITING_CORRECTION, action="登记补正")
    requested = app.events.filter(kind=Event.Kind.CORRECTION_REQUESTED).latest("effective_date")
    if on < requested.effective_date:
        raise ActionRefused("收到补正的日期不能早于告知补正的日期")
    if app.correction_due and on > app.correction_due:
        raise ActionRefused(
            f"补正期限已于 {app.correction_due:%Y-%m-%d} 届满，应按逾期不补正终止办理（第三十条）"
        )
    app.status = Status.IN_PROGRESS
    record(app, Event.Kind.CORRECTION_RECEIVED, actor, on)
    recompute(app)
    app.save()
    return app


@transaction.atomic
def close_no_correction(
    application: Application, *, on: dt.date, actor: User, confirmed_by: User | None = None
) -> Application:
    """No correction within the period without good reason: deemed abandoned (art. 30).

    A period that runs into a year whose holiday schedule is not yet published may end later
    than it now seems (the 调休 are unknown): closing is refused until it cannot be early — after
    the latest date the schedule could give — unless the office head confirms it."""
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.AWAITING_CORRECTION, action="按逾期不补正终止")
    if app.correction_due and on <= app.correction_due:
        raise ActionRefused(f"补正期限至 {app.correction_due:%Y-%m-%d}，期限届满后才能终止办理")
    asked = app.events.filter(kind=Event.Kind.CORRECTION_REQUESTED).last()
    latest = None
    if asked is not None and asked.data.get("period_days"):
        latest = work_calendar().add_workdays_latest(
            asked.effective_date, int(asked.data["period_days"])
        )
    confirmed = {}
    if latest and on <= latest:
        if confirmed_by is None or not permissions.is_office_head(confirmed_by, app.agency_id):
            raise ActionRefused(
                f"补正期限涉及国务院尚未公布节假日安排的年份：按已知安排至 {app.correction_due:%Y-%m-%d}，"
                f"公布调休后可能延至 {latest:%Y-%m-%d}。请在此后终止办理，或经政府信息公开工作机构负责人确认"
            )
        confirmed = {"confirmed_by": confirmed_by.get_username(), "latest": str(latest)}
    _conclude(app, Ground.ART30_NO_CORRECTION, on)
    record(
        app,
        Event.Kind.CLOSED,
        actor,
        on,
        "申请人无正当理由逾期不补正",
        ground=app.ground,
        **confirmed,
    )
    app.save()
    return app


# ------------------------------------------------------------------ consultation (arts. 32, 34)


@transaction.atomic
def start_consultation(
    application: Application,
    *,
    on: dt.date,
    party: str,
    kind: str,
    actor: User,
    received_on: dt.date | None = None,
) -> Application:
    """Arts. 32, 34: the time a third party or another agency takes to answer is not counted —
    up to its 15 working days from receiving the request (`received_on`; the day the request is
    sent until its receipt is recorded with `record_consultation_receipt`)."""
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.IN_PROGRESS, action="征求意见")
    if kind not in ("third_party", "agency"):
        raise ActionRefused("征求意见对象应为第三方或其他机关")
    if not party.strip():
        raise ActionRefused("请写明征求意见的对象")
    _not_before(app, on, "征求意见")
    if case_clock(app, on).consultation_open:
        raise ActionRefused("已有尚未结束的征求意见，请先登记其结束")
    received_on = received_on or on
    if received_on < on:
        raise ActionRefused("对方收到征求意见书的日期不能早于发出日期")
    record(
        app,
        Event.Kind.CONSULTATION_STARTED,
        actor,
        on,
        party,
        party_kind=kind,
        received_on=received_on.isoformat(),
        reply_by=clock.reply_limit(received_on, work_calendar()).isoformat(),
    )
    recompute(app, on)
    app.save()
    return app


@transaction.atomic
def record_consultation_receipt(
    application: Application, *, on: dt.date, actor: User
) -> Application:
    """The day the consulted party received the request (送达): its 15 working days run from
    then (arts. 32, 34)."""
    app = lock(application)
    require_handler(actor, app)
    state = case_clock(app, on)
    if not state.consultation_open:
        raise ActionRefused("没有正在进行的征求意见")
    started = app.events.filter(kind=Event.Kind.CONSULTATION_STARTED).last()
    if on < started.effective_date:
        raise ActionRefused("对方收到征求意见书的日期不能早于发出日期")
    reply_by = clock.reply_limit(on, work_calendar())
    record(app, Event.Kind.CONSULTATION_DELIVERED, actor, on, reply_by=reply_by.isoformat())
    recompute(app, on)
    app.save()
    return app


@transaction.atomic
def end_consultation(
    application: Application, *, on: dt.date, outcome: str, actor: User
) -> Application:
    app = lock(application)
    require_handler(actor, app)
    if not case_clock(app, on).consultation_open:
        raise ActionRefused("没有正在进行的征求意见")
    started = app.events.filter(kind=Event.Kind.CONSULTATION_STARTED).last()
    if on < started.effective_date:
        raise ActionRefused("征求意见结束日期不能早于开始日期")
    record(app, Event.Kind.CONSULTATION_ENDED, actor, on, outcome)
    recompute(app, on)
    app.save()
    return app


# ------------------------------------------------------------------ extension (art. 33)


@transaction.atomic
def extend(
    application: Application,
    *,
    on: dt.date,
    days: int,
    reason: str,
    approved_by: User | None,
    actor: User,
) -> Application:
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.IN_PROGRESS, action="延长答复期限")
    if approved_by is None or not permissions.is_office_head(approved_by, app.agency_id):
        raise ActionRefused("延长答复期限须经政府信息公开工作机构负责人同意（第三十三条）")
    if not reason.strip():
        raise ActionRefused("请写明延长答复期限的理由")
    used = sum(int(e.data.get("days", 0)) for e in app.events.filter(kind=Event.Kind.EXTENDED))
    if days < 1 or used + days > clock.MAX_EXTENSION_DAYS:
        raise ActionRefused(
            f"延长期限最长不得超过20个工作日（已延长 {used} 个工作日）（第三十三条）"
        )
    state = recompute(app, on)
    if state.deadline and on > state.deadline.date:
        raise ActionRefused(f"答复期限已于 {state.deadline.date:%Y-%m-%d} 届满，不能再延长")
    record(
        app,
        Event.Kind.EXTENDED,
        actor,
        on,
        reason,
        days=days,
        approved_by=approved_by.get_username(),
    )
    recompute(app, on)
    app.save()
    return app


# ------------------------------------------------------------------ fees (art. 42)


def nth_in_month(app: Application) -> int:
    """This application's place among the same applicant's applications to the agency in its
    calendar month of receipt (按件计收 counts per applicant per 自然月)."""
    day = app.receipt_date
    same = Application.objects.filter(
        agency_id=app.agency_id,
        id_number=app.id_number,
        receipt_date__year=day.year,
        receipt_date__month=day.month,
    ).exclude(receipt_date__isnull=True)
    earlier = (
        same.filter(receipt_date__lt=day).count()
        + same.filter(receipt_date=day, pk__lt=app.pk).count()
    )
    return earlier + 1


@transaction.atomic
def issue_fee_notice(
    application: Application, *, on: dt.date, method: str, pages: int = 0, actor: User
) -> FeeNotice:
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.IN_PROGRESS, action="发出收费通知")
    if hasattr(app, "fee_notice"):
        raise ActionRefused("本申请已发出过收费通知")
    if method == FeeNotice.Method.PER_ITEM:
        units = nth_in_month(app)
        amount = fees.per_item_fee(units)
    elif method == FeeNotice.Method.PER_VOLUME:
        units = pages
        amount = fees.per_volume_fee(pages)
    else:
        raise ActionRefused("计收方式应为按件或按量（二者只能选一）")
    if amount <= 0:
        raise ActionRefused("按收费标准本申请无需收费")
    pay_by = work_calendar().add_workdays(on, clock_rules().fee_payment_days)
    notice = FeeNotice.objects.create(
        application=app, method=method, units=units, amount=amount, issued_on=on, pay_by=pay_by
    )
    app.status = Status.AWAITING_PAYMENT
    record(
        app,
        Event.Kind.FEE_NOTICE_ISSUED,
        actor,
        on,
        method=method,
        units=units,
        amount=str(amount),
        pay_by=str(pay_by),
    )
    recompute(app, on)
    app.save()
    return notice


@transaction.atomic
def record_payment(application: Application, *, on: dt.date, actor: User) -> Application:
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.AWAITING_PAYMENT, action="登记缴费")
    notice = app.fee_notice
    if on < notice.issued_on:
        raise ActionRefused("缴费日期不能早于收费通知日期")
    notice.paid_on = on
    notice.save(update_fields=["paid_on"])
    app.status = Status.IN_PROGRESS
    record(app, Event.Kind.FEE_PAID, actor, on, amount=str(notice.amount))
    recompute(app, on)
    app.save()
    return app


@transaction.atomic
def close_fee_unpaid(application: Application, *, on: dt.date, actor: User) -> Application:
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.AWAITING_PAYMENT, action="按逾期未缴费终止")
    if on <= app.fee_notice.pay_by:
        raise ActionRefused(f"缴费期限至 {app.fee_notice.pay_by:%Y-%m-%d}，期限届满后才能终止办理")
    _conclude(app, Ground.FEE_NOT_PAID, on)
    record(
        app, Event.Kind.CLOSED, actor, on, "申请人逾期未按收费通知要求缴纳费用", ground=app.ground
    )
    app.save()
    return app


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


# ------------------------------------------------------------------ delivery and archive


@transaction.atomic
def record_delivery(
    application: Application, *, on: dt.date, method: str, proof: str, letter=None, actor: User
) -> Delivery:
    """国办公开办函〔2016〕235号: the day the applicant signs, or for post the day of posting."""
    app = lock(application)
    require_handler(actor, app)
    if method not in Delivery.Method.values:
        raise ActionRefused("未知的送达方式")
    if not proof.strip():
        raise ActionRefused("请填写送达凭证（如邮件单号、签收人）")
    if letter is not None and (letter.application_id != app.pk or on < letter.issued_on):
        raise ActionRefused("送达日期不能早于文书制作日期")
    delivery = Delivery.objects.create(
        application=app, letter=letter, method=method, delivered_on=on, proof=proof
    )
    record(
        app,
        Event.Kind.DELIVERED,
        actor,
        on,
        proof,
        method=method,
        letter=letter.number if letter else "",
    )
    return delivery


@transaction.atomic
def archive(
    application: Application, *, actor: User, now: dt.datetime | None = None
) -> Application:
    app = lock(application)
    require_handler(actor, app)
    _require_status(app, Status.CONCLUDED, action="归档")
    if app.archived_at:
        raise ActionRefused("该申请已归档")
    app.archived_at = now or timezone.now()
    record(app, Event.Kind.ARCHIVED, actor, timezone.localdate(app.archived_at))
    app.save(update_fields=["archived_at"])
    return app

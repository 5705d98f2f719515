"""The steps between receipt and reply: correction (art. 30), consultation (arts. 32, 34),
extension (art. 33) and fees (art. 42, 国办函〔2020〕109号)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from xxgk.accounts import permissions
from xxgk.accounts.models import User
from xxgk.applications import clock, fees
from xxgk.applications.casefile import case_clock, clock_rules, lock, record, require_handler
from xxgk.applications.grounds import Ground
from xxgk.applications.models import Application, Event, FeeNotice, Status
from xxgk.errors import ActionRefused
from xxgk.holidays.calendar import work_calendar

from .common import _conclude, _not_before, _require_status, recompute

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

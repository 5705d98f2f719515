"""Intake: a new application (art. 29) and its receipt date (art. 31)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from xxgk.accounts.models import User
from xxgk.applications.casefile import lock, record, require_handler
from xxgk.applications.models import RECEIPT_ON_ARRIVAL, Application, Channel, Event, Status
from xxgk.errors import ActionRefused

from .common import _require_status, recompute


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

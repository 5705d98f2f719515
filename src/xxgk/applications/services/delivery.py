"""Delivery of letters (国办公开办函〔2016〕235号) and the archive."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from xxgk.accounts.models import User
from xxgk.applications.casefile import lock, record, require_handler
from xxgk.applications.models import Application, Delivery, Event, Status
from xxgk.errors import ActionRefused

from .common import _require_status

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


VIEW_LOG_MINUTES = 10  # repeated views by one person within this time are one entry


def record_personal_data_view(application: Application, *, actor: User, what: str) -> bool:
    """Log that `actor` saw the applicant's identity unmasked (`what`: the page or file), so
    the case keeps who looked and when. Views within VIEW_LOG_MINUTES by the same person of
    the same thing are one entry. Returns whether an entry was written."""
    since = timezone.now() - dt.timedelta(minutes=VIEW_LOG_MINUTES)
    seen = application.events.filter(
        kind=Event.Kind.PERSONAL_DATA_VIEWED, actor=actor, reason=what, at__gte=since
    ).exists()
    if seen:
        return False
    record(application, Event.Kind.PERSONAL_DATA_VIEWED, actor, timezone.localdate(), what)
    return True

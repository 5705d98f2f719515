"""The handlers' daily digest (`xxgk reminders`, for cron): what is due within five working days
or overdue, lapsed correction and payment periods awaiting closure, consulted parties late with
their reply, and online applications waiting for confirmation (art. 31) — the same facts, from
the same `deadlines.standing`, as the work list shows.

Each handler and office head of an agency gets one message listing that agency's cases that
need attention (personal data masked: a digest circulates like the work list); an application
unconfirmed for three working days is escalated, so it is listed for the head as well.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from xxgk.accounts.masking import mask_name
from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency

from . import deadlines
from .models import OPEN_STATUSES, ApplicantType, Application


@dataclass
class Digest:
    user: User
    agency: Agency
    lines: list[str] = field(default_factory=list)

    @property
    def subject(self) -> str:
        return f"【政府信息公开】{self.agency.name}：{len(self.lines)}件申请需要办理"

    @property
    def body(self) -> str:
        head = (
            f"{self.user.get_full_name() or self.user.get_username()}：\n\n以下申请需要办理：\n\n"
        )
        tail = f"\n\n工作台：{settings.XXGK_SITE_URL}{reverse('applications:worklist')}\n"
        return head + "\n".join(self.lines) + tail


def _what(standing: deadlines.Standing) -> list[str]:
    """Why a case is listed, in words (working days, like the work list)."""
    s, out = standing, []
    if s.urgency == "overdue":
        out.append(f"已超过答复期限（{s.due:%Y-%m-%d}）{s.days_over}个工作日")
    elif s.urgency == "due_soon":
        out.append(f"答复期限{s.due:%Y-%m-%d}，剩{s.days_left}个工作日")
    if s.confirmation:
        out.append(f"网上或传真申请{s.unconfirmed_days}个工作日未确认收到（第三十一条）")
    if s.correction_lapsed:
        out.append("补正期限已届满，请按逾期不补正终止办理（第三十条）")
    if s.payment_lapsed:
        out.append("缴费期限已届满，请按逾期未缴费终止办理")
    if s.reply_overdue:
        out.append(f"征求意见对象逾期未答复（{s.state.reply_by:%Y-%m-%d}届满，第三十二条）")
    return out


def _line(app: Application, standing: deadlines.Standing) -> str:
    person = app.applicant_type == ApplicantType.NATURAL_PERSON
    who = mask_name(app.applicant_name) if person else app.applicant_name
    url = settings.XXGK_SITE_URL + reverse("applications:detail", args=[app.pk])
    return f"· {app.tracking_code}（{who}）：{'；'.join(_what(standing))}\n  {url}"


def digests(today: dt.date) -> list[Digest]:
    """One digest per handler or head and agency with something to do today."""
    cases = Application.objects.filter(status__in=OPEN_STATUSES).order_by("due_date", "pk")
    waiting: dict[int, list[tuple[Application, deadlines.Standing]]] = defaultdict(list)
    for app, standing in deadlines.standings(deadlines.with_events(cases), today):
        if standing.needs_attention:
            waiting[app.agency_id].append((app, standing))
    out = []
    members = Membership.objects.filter(
        agency_id__in=list(waiting),
        role__in=(Membership.Role.HANDLER, Membership.Role.HEAD),
        user__is_active=True,
    ).select_related("user", "agency")
    for m in members.order_by("agency__code", "user__username", "role"):
        listed = [
            (a, s)
            for a, s in waiting[m.agency_id]
            if m.role == Membership.Role.HANDLER or _for_head(s)
        ]
        if not listed:
            continue
        digest = next((d for d in out if d.user == m.user and d.agency == m.agency), None)
        if digest is None:
            digest = Digest(m.user, m.agency)
            out.append(digest)
        for app, standing in listed:
            line = _line(app, standing)
            if line not in digest.lines:
                digest.lines.append(line)
    return out


def _for_head(standing: deadlines.Standing) -> bool:
    """What the office head is told too: overdue cases and escalated confirmations."""
    return standing.urgency == "overdue" or standing.confirmation == "escalate"


def send(today: dt.date, *, dry_run: bool = False) -> tuple[list[Digest], list[Digest]]:
    """Send every digest whose reader has an e-mail address: (sent, skipped for no address)."""
    sent, skipped = [], []
    for digest in digests(today):
        if not digest.user.email:
            skipped.append(digest)
            continue
        if not dry_run:
            send_mail(
                digest.subject,
                digest.body,
                settings.DEFAULT_FROM_EMAIL,
                [digest.user.email],
            )
        sent.append(digest)
    return sent, skipped

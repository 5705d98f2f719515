"""A case's events as lines people read: the full record for staff, and the applicant's view
on the tracking page (public steps only, without personal data or internal details)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .grounds import Ground
from .models import Application, Channel, Delivery, Event, FeeNotice


@dataclass(frozen=True)
class Entry:
    date: dt.date
    title: str
    text: str = ""
    details: list[str] = field(default_factory=list)
    actor: str = ""
    at: dt.datetime | None = None


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _ground(value: str) -> str:
    return _label(Ground, value)


def _details(e: Event) -> list[str]:
    d = e.data or {}
    out: list[str] = []
    if e.kind == Event.Kind.RECEIVED and d.get("channel"):
        out.append(_("提交方式：%(v)s") % {"v": _label(Channel, d["channel"])})
    if e.kind == Event.Kind.CORRECTION_REQUESTED:
        out.append(
            _("补正期限：%(due)s（%(days)s个工作日）")
            % {"due": d.get("due", ""), "days": d.get("period_days", "")}
        )
    if e.kind == Event.Kind.CONSULTATION_STARTED:
        kind = _("第三方") if d.get("party_kind") == "third_party" else _("其他机关")
        out.append(_("对象类别：%(v)s") % {"v": kind})
        if d.get("reply_by"):
            out.append(_("答复期限：%(v)s") % {"v": d["reply_by"]})
    if e.kind == Event.Kind.EXTENDED:
        out.append(_("延长%(days)s个工作日") % {"days": d.get("days", "")})
        if d.get("approved_by"):
            out.append(_("同意人：%(v)s") % {"v": d["approved_by"]})
    if e.kind == Event.Kind.FEE_NOTICE_ISSUED:
        out.append(_("计收方式：%(v)s") % {"v": _label(FeeNotice.Method, d.get("method", ""))})
        out.append(_("金额：%(v)s元") % {"v": d.get("amount", "")})
        out.append(_("缴费期限：%(v)s") % {"v": d.get("pay_by", "")})
    if e.kind == Event.Kind.FEE_PAID and d.get("amount"):
        out.append(_("金额：%(v)s元") % {"v": d["amount"]})
    if e.kind in (Event.Kind.DECIDED, Event.Kind.CLOSED, Event.Kind.WITHDRAWN) and d.get("ground"):
        out.append(_("办理结果：%(v)s") % {"v": _ground(d["ground"])})
    if e.kind == Event.Kind.DECIDED and d.get("late"):
        out.append(_("超过答复期限作出答复"))
    if e.kind == Event.Kind.DELIVERED:
        out.append(_("送达方式：%(v)s") % {"v": _label(Delivery.Method, d.get("method", ""))})
        if d.get("letter"):
            out.append(_("文书：%(v)s") % {"v": d["letter"]})
    return out


def _actor(e: Event) -> str:
    if e.actor is None:
        return _("申请人（网上提交）") if e.kind == Event.Kind.RECEIVED else ""
    return e.actor.get_full_name() or e.actor.get_username()


def staff_timeline(app: Application) -> list[Entry]:
    """Every event: who, when (the day it happened and when it was recorded), what, why."""
    return [
        Entry(
            date=e.effective_date,
            title=e.get_kind_display(),
            text=e.reason,
            details=_details(e),
            actor=_actor(e),
            at=e.at,
        )
        for e in app.events.select_related("actor").exclude(kind=Event.Kind.PERSONAL_DATA_VIEWED)
    ]


def access_log(app: Application) -> list[Entry]:
    """Who saw the applicant's identity unmasked, and when (newest first)."""
    return [
        Entry(
            date=e.effective_date,
            title=e.get_kind_display(),
            text=e.reason,
            details=[],
            actor=_actor(e),
            at=e.at,
        )
        for e in app.events.select_related("actor")
        .filter(kind=Event.Kind.PERSONAL_DATA_VIEWED)
        .order_by("-at")[:50]
    ]


def public_timeline(app: Application) -> list[Entry]:
    """What the applicant may see: the steps of the procedure, the items to correct, the
    extension and fee notice; never staff names, third parties or internal notes."""
    out: list[Entry] = []
    for e in app.events.all():
        d = e.data or {}
        k = e.kind
        if k == Event.Kind.RECEIVED:
            out.append(
                Entry(e.effective_date, _("收到申请"), _label(Channel, d.get("channel", "")))
            )
        elif k == Event.Kind.RECEIPT_CONFIRMED:
            out.append(
                Entry(e.effective_date, _("确认收到申请"), _("答复期限自收到申请之日起计算"))
            )
        elif k == Event.Kind.CORRECTION_REQUESTED:
            out.append(
                Entry(
                    e.effective_date,
                    _("告知补正"),
                    e.reason,
                    [
                        _("请于 %(due)s 前补正，补正期间答复期限暂停计算")
                        % {"due": d.get("due", "")}
                    ],
                )
            )
        elif k == Event.Kind.CORRECTION_RECEIVED:
            out.append(
                Entry(e.effective_date, _("收到补正"), _("答复期限自收到补正之日起重新计算"))
            )
        elif k == Event.Kind.CONSULTATION_STARTED:
            out.append(Entry(e.effective_date, _("征求意见"), _("征求意见所需时间不计入答复期限")))
        elif k == Event.Kind.CONSULTATION_ENDED:
            out.append(Entry(e.effective_date, _("征求意见结束")))
        elif k == Event.Kind.EXTENDED:
            out.append(
                Entry(
                    e.effective_date,
                    _("延长答复期限"),
                    e.reason,
                    [_("延长%(days)s个工作日") % {"days": d.get("days", "")}],
                )
            )
        elif k == Event.Kind.FEE_NOTICE_ISSUED:
            out.append(
                Entry(
                    e.effective_date,
                    _("发出收费通知"),
                    _("信息处理费 %(amount)s 元，请于 %(pay_by)s 前缴纳")
                    % {"amount": d.get("amount", ""), "pay_by": d.get("pay_by", "")},
                )
            )
        elif k == Event.Kind.FEE_PAID:
            out.append(Entry(e.effective_date, _("已缴纳信息处理费")))
        elif k == Event.Kind.DECIDED:
            out.append(Entry(e.effective_date, _("作出答复"), _ground(d.get("ground", ""))))
        elif k == Event.Kind.CLOSED:
            out.append(Entry(e.effective_date, _("终止办理"), _ground(d.get("ground", ""))))
        elif k == Event.Kind.WITHDRAWN:
            out.append(Entry(e.effective_date, _("申请已撤回")))
        elif k == Event.Kind.DELIVERED:
            out.append(
                Entry(
                    e.effective_date,
                    _("送达"),
                    _label(Delivery.Method, d.get("method", "")),
                )
            )
        # letters issued and archiving are internal steps
    return out

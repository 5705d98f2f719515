"""The notices of a case besides the reply and the three notices of `letter_texts` (补正, 延期,
收费): 受理回执 (art. 31), 征求意见函 (arts. 32, 34), the notice to a third party of a decision to
disclose over its objection (art. 32), 终止办理告知书 (no correction, fee unpaid, withdrawn), the
art. 35 request for reasons and notice of a reasonable period, and 送达回证.

Each is made from the event it notifies (`Notice.source`) and numbered in the agency's one series
like every letter (`letters`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from xxgk.agencies.remedies import remedy_notice
from xxgk.errors import ActionRefused

from .grounds import Ground
from .letter_templates import TK, cn_date
from .letter_texts import _common, _deadline_after, _one_line
from .models import Application, Channel, Event, Letter

STATUTE = "《中华人民共和国政府信息公开条例》"

# art. 31 (一)–(三): the day the clock starts, by how the application came
RECEIPT_BASIS = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日",
    Channel.LETTER_SIGNED: "以邮寄方式提交的，以本机关签收之日为收到申请之日",
    Channel.LETTER: "以平常信函提交的，以本机关与您确认之日为收到申请之日",
    Channel.ONLINE: "通过互联网渠道提交的，以双方确认之日为收到申请之日",
    Channel.FAX: "通过传真提交的，以双方确认之日为收到申请之日",
    Channel.EMAIL: "通过电子邮件提交的，以双方确认之日为收到申请之日",
}
DISCLOSING = {Ground.ART36_2_CAN_BE_DISCLOSED, Ground.ART37_PARTIAL_DISCLOSURE}


def _last(app: Application, *kinds: str) -> Event | None:
    return app.events.filter(kind__in=kinds).order_by("effective_date", "pk").last()


def _challengeable(app: Application) -> str:
    """The remedy sentence of a notice that ends or decides something (not of a reply)."""
    return remedy_notice(app.agency).replace("本答复", "本告知书")


# ------------------------------------------------------------------ sources


def _receipt_source(app: Application) -> Event:
    event = _last(app, Event.Kind.RECEIPT_CONFIRMED, Event.Kind.RECEIVED)
    if event is None or app.receipt_date is None:
        raise ActionRefused("尚未确认收到申请之日，不能制作受理回执")
    return event


def _consultation_source(app: Application) -> Event:
    event = _last(app, Event.Kind.CONSULTATION_STARTED)
    if event is None:
        raise ActionRefused("本申请没有征求意见，不能制作征求意见函")
    return event


def _disclosure_source(app: Application) -> Event:
    asked = [
        e
        for e in app.events.filter(kind=Event.Kind.CONSULTATION_STARTED)
        if e.data.get("party_kind") == "third_party"
    ]
    if not asked:
        raise ActionRefused("本申请没有征求第三方意见，不需要公开决定告知书")
    decided = _last(app, Event.Kind.DECIDED)
    if decided is None or not hasattr(app, "decision") or app.decision.ground not in DISCLOSING:
        raise ActionRefused("本机关尚未决定公开，不需要公开决定告知书")
    return decided


def _termination_source(app: Application) -> Event:
    event = _last(app, Event.Kind.CLOSED, Event.Kind.WITHDRAWN)
    if event is None:
        raise ActionRefused("本申请没有终止办理，不能制作终止办理告知书")
    return event


def _reasons_source(app: Application) -> Event:
    event = _last(app, Event.Kind.REASONS_REQUESTED)
    if event is None:
        raise ActionRefused("本申请没有要求申请人说明理由，不能制作说明理由通知书")
    return event


def _period_source(app: Application) -> Event:
    event = _last(app, Event.Kind.REASONABLE_PERIOD_SET)
    if event is None:
        raise ActionRefused("本申请没有确定合理的答复期限，不能制作答复期限告知书")
    return event


def _service_source(app: Application) -> Event:
    served = [
        e
        for e in app.events.filter(kind=Event.Kind.LETTER_ISSUED).order_by("effective_date", "pk")
        if e.data.get("letter_kind") != Letter.Kind.SERVICE_RECEIPT
    ]
    if not served:
        raise ActionRefused("本申请还没有制作文书，不能制作送达回证")
    return served[-1]


# ------------------------------------------------------------------ contexts


def _receipt(app: Application, event: Event, number: str, on: dt.date) -> dict[str, str]:
    due = _deadline_after(app, event)  # as it stood on receipt: 20 working days
    site = getattr(settings, "XXGK_SITE_URL", "").rstrip("/")
    return _common(app, number, on) | {
        "receipt_basis": RECEIPT_BASIS.get(app.channel, "依照第三十一条确定"),
        "due_date": cn_date(due) if due else "（补正或者征求意见后另行告知）",
        "tracking_url": f"{site}/track/" if site else "本机关政府信息公开网站",
    }


def _consultation(app: Application, event: Event, number: str, on: dt.date) -> dict[str, str]:
    third_party = event.data.get("party_kind", "third_party") == "third_party"
    if third_party:
        reason = "本机关认为，公开该信息可能损害您（贵单位）的合法权益。"
        basis = f"根据{STATUTE}第三十二条的规定，现书面征求您（贵单位）的意见。"
    else:
        reason = "该信息由本机关与贵单位共同制作（或者公开前须经贵单位确认）。"
        basis = f"根据{STATUTE}第三十四条的规定，现征求贵单位的意见。"
    return _common(app, number, on) | {
        "party_name": _one_line(event.reason) or "（被征求意见人）",
        "consultation_reason": reason,
        "consultation_basis": basis,
    }


def _disclosure_notice(app: Application, event: Event, number: str, on: dt.date) -> dict:
    asked = [
        e
        for e in app.events.filter(kind=Event.Kind.CONSULTATION_STARTED).order_by("pk")
        if e.data.get("party_kind") == "third_party"
    ][-1]
    decision = app.decision
    return _common(app, number, on) | {
        "party_name": _one_line(asked.reason),
        "disclosed_content": _one_line(decision.summary or app.description).rstrip("。"),
        "disclosure_reason": (
            "申请公开的信息与公共利益密切相关，不公开可能对公共利益造成重大影响。"
        ),
        "remedy": _challengeable(app),
    }


def _termination(app: Application, event: Event, number: str, on: dt.date) -> dict[str, str]:
    if event.kind == Event.Kind.WITHDRAWN:
        reason = f"您于{cn_date(event.effective_date)}撤回了该申请。"
    elif app.ground == Ground.FEE_NOT_PAID:
        notice = _last(app, Event.Kind.FEE_NOTICE_ISSUED)
        sent = cn_date(notice.effective_date) if notice else ""
        reason = (
            f"本机关于{sent}向您发出收费通知，您逾期未缴纳信息处理费。根据《政府信息公开信息"
            "处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请。"
        )
    else:
        asked = _last(app, Event.Kind.CORRECTION_REQUESTED)
        sent = cn_date(asked.effective_date) if asked else ""
        reason = (
            f"本机关于{sent}告知您补正申请，您无正当理由逾期未补正。根据{STATUTE}第三十条的规定，"
            "视为您放弃申请，本机关不再处理该政府信息公开申请。"
        )
    return _common(app, number, on) | {
        "termination_reason": reason,
        "remedy": _challengeable(app),
    }


def _reasons_request(app: Application, event: Event, number: str, on: dt.date) -> dict:
    return _common(app, number, on) | {
        "reasons_items": _one_line(event.reason) or "申请的数量、频次与您的需要之间的关系",
    }


def _reasonable_period(app: Application, event: Event, number: str, on: dt.date) -> dict:
    until = event.data.get("until")
    return _common(app, number, on) | {
        "period_until": cn_date(dt.date.fromisoformat(until)) if until else "",
        "period_reason": _one_line(event.reason) or "申请的政府信息数量较大",
    }


def _service_receipt(app: Application, event: Event, number: str, on: dt.date) -> dict:
    kind = event.data.get("letter_kind", "")
    title = Letter.Kind(kind).label if kind in Letter.Kind.values else "文书"
    address = " ".join(p for p in (app.address, app.postcode) if p)
    return _common(app, number, on) | {
        "served_title": str(title),
        "served_number": event.data.get("number", ""),
        "service_address": address or "（当面送达）",
        "service_method": app.get_delivery_wanted_display(),
    }


@dataclass(frozen=True)
class Notice:
    template: str
    source: Callable[[Application], Event]
    context: Callable[[Application, Event, str, dt.date], dict[str, str]]


NOTICES: dict[str, Notice] = {
    Letter.Kind.RECEIPT: Notice(TK.RECEIPT, _receipt_source, _receipt),
    Letter.Kind.CONSULTATION: Notice(TK.CONSULTATION, _consultation_source, _consultation),
    Letter.Kind.DISCLOSURE_NOTICE: Notice(
        TK.DISCLOSURE_NOTICE, _disclosure_source, _disclosure_notice
    ),
    Letter.Kind.TERMINATION: Notice(TK.TERMINATION, _termination_source, _termination),
    Letter.Kind.REASONS_REQUEST: Notice(TK.REASONS_REQUEST, _reasons_source, _reasons_request),
    Letter.Kind.REASONABLE_PERIOD: Notice(TK.REASONABLE_PERIOD, _period_source, _reasonable_period),
    Letter.Kind.SERVICE_RECEIPT: Notice(TK.SERVICE_RECEIPT, _service_source, _service_receipt),
}


def source_of(app: Application, kind: str) -> tuple[Event, dt.date]:
    """The event a notice of `kind` notifies and its date (the letter is dated that day)."""
    event = NOTICES[kind].source(app)
    return event, event.effective_date


def offered(app: Application) -> list[str]:
    """The notices this case could be given now (their source event exists)."""
    out = []
    for kind, notice in NOTICES.items():
        try:
            notice.source(app)
        except ActionRefused:
            continue
        out.append(kind)
    return out


@dataclass(frozen=True)
class ReceiptSummary:
    """The 受理回执 as the tracking page shows it."""

    number: str  # the receipt letter's number, when one was made
    received: dt.date
    basis: str
    due: dt.date | None


def receipt_summary(app: Application) -> ReceiptSummary | None:
    try:
        event = _receipt_source(app)
    except ActionRefused:
        return None
    letter = app.letters.filter(kind=Letter.Kind.RECEIPT).order_by("-pk").first()
    return ReceiptSummary(
        number=letter.number if letter else "",
        received=app.receipt_date,
        basis=RECEIPT_BASIS.get(app.channel, ""),
        due=_deadline_after(app, event),
    )

"""What a letter says: the sentence of each decision ground, the legal basis and the withheld
parts written out, the remedy notice, and the placeholder values of every kind of letter taken
from the case (its decision, events and fee notice)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from xxgk.agencies.remedies import remedy_notice, review_body_text
from xxgk.errors import ActionRefused

from .casefile import case_clock, clock_rules
from .grounds import DENIED, Ground
from .letter_templates import TK, cn_date
from .models import Application, Event, FeeNotice

STATUTE = "《中华人民共和国政府信息公开条例》"


def family(ground: str) -> str:
    """The reply template kind of a decision ground."""
    g = Ground(ground)
    if g in (Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED, Ground.ART36_2_CAN_BE_DISCLOSED):
        return TK.REPLY_DISCLOSED
    if g == Ground.ART37_PARTIAL_DISCLOSURE:
        return TK.REPLY_PARTIAL
    if g in DENIED:
        return TK.REPLY_DENIED
    if g in (
        Ground.ART36_4_NOT_EXIST,
        Ground.ART36_5_NOT_THIS_AGENCY,
        Ground.ART38_CREATION,
        Ground.ART30_UNCLEAR,
    ):
        return TK.REPLY_UNABLE
    if g in (
        Ground.ART39_1_PETITION,
        Ground.ART36_6_DUPLICATE,
        Ground.ART39_2_PUBLICATION,
        Ground.ART35_EXCESSIVE,
        Ground.CONFIRM_OR_REISSUE,
    ):
        return TK.REPLY_NOT_PROCESSED
    raise ActionRefused(f"“{g.label}”是终止办理，没有答复书")


@dataclass(frozen=True)
class GroundText:
    finding: str  # what the agency found
    conclusion: str  # what follows, after 根据…的规定，
    article: str | None  # the article of the Regulations, written into the legal basis
    withheld: str = ""  # for the grounds of withheld parts (art. 37)


G = Ground
GROUND_TEXT: dict[str, GroundText] = {
    G.ART36_1_ALREADY_PROACTIVELY_DISCLOSED: GroundText(
        "经审查，您所申请的政府信息本机关已经主动公开。",
        "现告知您获取该政府信息的方式和途径。",
        "第三十六条第一项",
    ),
    G.ART36_2_CAN_BE_DISCLOSED: GroundText(
        "经审查，您所申请的政府信息属于可以公开的政府信息。",
        "本机关予以公开。",
        "第三十六条第二项",
    ),
    G.ART37_PARTIAL_DISCLOSURE: GroundText(
        "经审查，您所申请的政府信息中含有不应当公开的内容，但能够作区分处理。",
        "本机关向您提供可以公开的部分，下列内容不予公开：",
        "第三十七条",
    ),
    G.ART14_STATE_SECRET: GroundText(
        "经审查，您所申请的政府信息属于依法确定为国家秘密的政府信息。",
        "本机关不予公开。",
        "第十四条",
        "属于国家秘密",
    ),
    G.ART14_PROHIBITED: GroundText(
        "经审查，您所申请的政府信息属于法律、行政法规禁止公开的政府信息。",
        "本机关不予公开。",
        "第十四条",
        "属于法律、行政法规禁止公开的政府信息",
    ),
    G.ART14_SECURITY: GroundText(
        "经审查，您所申请的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。",
        "本机关不予公开。",
        "第十四条",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    ),
    G.ART15_THIRD_PARTY: GroundText(
        "经审查，您所申请的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。",
        "本机关不予公开。",
        "第十五条",
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    ),
    G.ART16_1_INTERNAL: GroundText(
        "经审查，您所申请的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。",
        "本机关不予公开。",
        "第十六条第一款",
        "属于内部事务信息",
    ),
    G.ART16_2_PROCESS: GroundText(
        "经审查，您所申请的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息。",
        "本机关不予公开。",
        "第十六条第二款",
        "属于过程性信息",
    ),
    G.ART16_2_CASE_FILE: GroundText(
        "经审查，您所申请的政府信息属于行政执法案卷信息。",
        "本机关不予公开。",
        "第十六条第二款",
        "属于行政执法案卷信息",
    ),
    G.ART36_7_SPECIAL_REGIME: GroundText(
        "经审查，您所申请的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别"
        "规定的信息。",
        "请您按照有关法律、行政法规的规定办理。",
        "第三十六条第七项",
        "属于有关法律、行政法规对信息的获取有特别规定的信息",
    ),
    G.ART36_4_NOT_EXIST: GroundText(
        "经检索，本机关未制作或者获取您所申请的政府信息。",
        "该政府信息不存在。",
        "第三十六条第四项",
    ),
    G.ART36_5_NOT_THIS_AGENCY: GroundText(
        "经审查，您所申请的政府信息不属于本机关负责公开。",
        "本机关无法向您提供。",
        "第三十六条第五项",
    ),
    G.ART38_CREATION: GroundText(
        "经审查，您所申请的信息需要本机关对现有政府信息进行加工、分析才能形成，"
        "不属于本机关已经制作或者获取的现有政府信息。",
        "本机关不予提供。",
        "第三十八条",
    ),
    G.ART30_UNCLEAR: GroundText(
        "本机关已告知您补正申请内容，您补正后的申请内容仍不明确，"
        "本机关无法确定您所申请的政府信息。",
        "本机关无法向您提供。",
        "第三十条",
    ),
    G.ART39_1_PETITION: GroundText(
        "经审查，您是以政府信息公开申请的形式进行信访、投诉、举报等活动。",
        "本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出。",
        "第三十九条第一款",
    ),
    G.ART36_6_DUPLICATE: GroundText(
        "经审查，您此前已就同一政府信息向本机关提出公开申请，本机关已经作出答复，"
        "您重复申请公开相同的政府信息。",
        "本机关不予重复处理。",
        "第三十六条第六项",
    ),
    G.ART39_2_PUBLICATION: GroundText(
        "经审查，您要求提供的是政府公报、报刊、书籍等公开出版物。",
        "本机关不作为政府信息公开申请处理，您可以通过公开发行渠道获取。",
        "第三十九条第二款",
    ),
    G.ART35_EXCESSIVE: GroundText(
        "经审查，您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，"
        "您提出的理由不合理。",
        "本机关不予处理。",
        "第三十五条",
    ),
    G.CONFIRM_OR_REISSUE: GroundText(
        "经审查，您要求本机关确认或者重新出具您已经获取的政府信息。",
        "该请求不属于政府信息公开申请的范围，本机关不予处理。",
        None,
    ),
}

FEE_STANDARD = {
    FeeNotice.Method.PER_ITEM: (
        "按件计收，同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；"
        "11—30件（含30件）的部分，每件100元；30件以上的部分，以10件为一档，"
        "每增加一档，收费标准每件提高100元。"
    ),
    FeeNotice.Method.PER_VOLUME: (
        "按量计收，同一申请的信息量30页以下（含30页）的，不收费；"
        "31—100页（含100页）的部分，每页10元；101—200页（含200页）的部分，每页20元；"
        "200页以上的部分，每页40元。"
    ),
}


def _one_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return "；".join(line.rstrip("。；;") for line in lines)


def legal_basis_text(basis: str, ground: str) -> str:
    """The decision's legal basis as it reads after 根据: without 根据/依据 and 的规定, and
    with the ground's article of the Regulations added when the handler did not cite it."""
    text = _one_line(basis).strip().rstrip("。")
    text = re.sub(r"^(根据|依据|依照|按照)", "", text)
    text = re.sub(r"(之|的)?(有关)?规定$", "", text).strip()
    article = GROUND_TEXT[ground].article
    if article:
        main = article[: article.index("条") + 1]
        if main not in re.sub(r"[（）()]", "", text):
            if not text:
                text = f"{STATUTE}{article}"
            elif text.endswith((STATUTE, "《条例》")):  # the statute without its article
                text += article
            else:
                text += f"和{STATUTE}{article}"
    return text or STATUTE


def withheld_text(withheld: list[dict]) -> str:
    """One line per withheld part: 1．part：reason，依据…第X条不予公开。"""
    lines = []
    for i, w in enumerate(withheld, 1):
        g = GROUND_TEXT.get(w.get("ground", ""))
        why = g.withheld if g else ""
        extra = _one_line(w.get("reason", "") or "")
        if extra:
            why = f"{why}（{extra}）" if why else extra
        basis = f"，依据{STATUTE}{g.article}" if g and g.article else ""
        lines.append(f"{i}．{_one_line(w.get('part', ''))}：{why}{basis}不予公开。")
    return "\n".join(lines)


# ------------------------------------------------------------------ contexts


def contact_note(agency) -> str:
    """（联系地址：…；联系电话：…） with what the agency has set, or nothing."""
    parts = [
        f"{label}：{value.strip()}"
        for label, value in (
            ("联系地址", agency.office_address),
            ("邮政编码", agency.office_postcode),
            ("联系电话", agency.office_phone),
        )
        if (value or "").strip()
    ]
    return f"（{'；'.join(parts)}）" if parts else ""


def _common(app: Application, number: str, on: dt.date) -> dict[str, str]:
    agency = app.agency
    receipt = app.receipt_date or timezone.localdate(app.submitted_at)
    return {
        "applicant_name": app.applicant_name,
        "tracking_code": app.tracking_code,
        "receipt_date": cn_date(receipt),
        "description": _one_line(app.description),
        "document_number": number,
        "agency_name": agency.name,
        "office_name": agency.office_name or agency.name,
        "office_address": agency.office_address,
        "office_phone": agency.office_phone,
        "office_postcode": agency.office_postcode,
        "contact": contact_note(agency),
        # from the agency tree under the 2023 Administrative Reconsideration Law (or the
        # agency's override): agencies.remedies
        "review_body": review_body_text(agency),
        "date": cn_date(on),
    }


def reply_context(
    app: Application, number: str, on: dt.date, *, responsible_agency: str = ""
) -> dict[str, str]:
    decision = app.decision
    ground = decision.ground
    text = GROUND_TEXT[ground]
    finding, conclusion = text.finding, text.conclusion
    if ground == Ground.ART30_UNCLEAR:
        asked = app.events.filter(kind=Event.Kind.CORRECTION_REQUESTED).first()
        if asked is not None:
            finding = finding.replace(
                "本机关已告知", f"本机关已于{cn_date(asked.effective_date)}告知"
            )
    responsible = _one_line(responsible_agency)
    if ground == Ground.ART36_5_NOT_THIS_AGENCY and responsible:
        conclusion += f"该政府信息由{responsible}负责公开，请您向其提出申请。"
    return _common(app, number, on) | {
        "finding": finding,
        "conclusion": conclusion,
        "legal_basis": legal_basis_text(decision.legal_basis, ground),
        "summary": (decision.summary or "").strip(),
        "withheld": withheld_text(decision.withheld or []),
        "ground": Ground(ground).label,
        "decided_on": cn_date(decision.decided_on),
        "responsible_agency": responsible,
        "remedy": remedy_notice(app.agency),
    }


def correction_context(app: Application, event: Event, number: str, on: dt.date) -> dict[str, str]:
    due = event.data.get("due")
    return _common(app, number, on) | {
        "correction_items": (event.reason or "").strip(),
        "correction_period": str(event.data.get("period_days", "")),
        "correction_due": cn_date(dt.date.fromisoformat(due) if due else app.correction_due),
    }


def _deadline_after(app: Application, event: Event) -> dt.date | None:
    """The due date as it stood once `event` was recorded (later events ignored)."""
    events = [
        e for e in app.events.all() if (e.effective_date, e.pk) <= (event.effective_date, event.pk)
    ]
    state = case_clock(app, event.effective_date, events)
    return state.deadline.date if state.deadline else None


def extension_context(app: Application, event: Event, number: str, on: dt.date) -> dict[str, str]:
    reason = _one_line(event.reason).rstrip("。，,")
    reason = re.sub(r"^(因为|因|由于)", "", reason)
    return _common(app, number, on) | {
        "extension_reason": reason,
        "extension_days": str(event.data.get("days", "")),
        "new_due_date": cn_date(_deadline_after(app, event)),
    }


def fee_context(app: Application, notice: FeeNotice, number: str, on: dt.date) -> dict[str, str]:
    if notice.method == FeeNotice.Method.PER_ITEM:
        units = f"本自然月内您向本机关提出的第{notice.units}件申请"
    else:
        units = f"{notice.units}页"
    excluded = clock_rules().fee_period_excluded
    return _common(app, number, on) | {
        "fee_method": notice.get_method_display(),
        "fee_units": units,
        "fee_amount": f"{notice.amount:.2f}",
        "fee_standard": FEE_STANDARD[notice.method],
        "pay_by": cn_date(notice.pay_by),
        "fee_period_note": (
            "自本通知发出之日起至您缴纳费用之日止的期间，不计算在答复期限内。" if excluded else ""
        ),
    }

"""Letters (文书): the reply to an application and the notices of the procedure, as Word files.

What a letter says comes from the case: the decision (ground, legal basis, summary, withheld
parts), the events (correction requested, extension) and the fee notice. How it looks comes
from a .docx template with `{{placeholders}}` (see `PLACEHOLDERS`): an agency's uploaded
`LetterTemplate` wins over the deployment's, which wins over the one shipped in
`letter_templates/` (built by `letter_docx.py`). Filling is run-safe (`letter_docx.fill`).

Templates, one per kind:

- five reply families (`family(ground)`): 予以公开/已主动公开, 部分公开 (the withheld parts and
  their grounds), 不予公开 (with the article), 无法提供 (不存在 / 非本机关 — with the responsible
  agency when known / 需另行制作 / 补正后仍不明确), 不予处理 (信访举报投诉 / 重复申请 / 公开出版物
  / 大量反复 / 确认或重新出具). Within a family the ground's own sentence (`GROUND_TEXT`) fills
  `{{finding}}根据{{legal_basis}}的规定，{{conclusion}}`; every reply ends with the remedy notice
  (救济途径) naming `Agency.review_body`.
- 补正告知书 (art. 30), 延期答复告知书 (art. 33), 收费通知书 (art. 42, 国办函〔2020〕109号).

Numbering: every letter, not only the reply, takes the next number of its agency's one series
for the year (`抚司公开〔2026〕12号`): the correction, extension and fee notices are served on the
applicant and can be challenged like the reply, delivery records (`services.record_delivery`)
cite the number, and an agency keeps one register of what it sends. Numbers are never reused:
the series row is locked (`select_for_update`) and only moves forward; a letter made again
(`reissue=True`) takes a new number and the event says which number it replaces.

Letters are dated on the day of the act they notify (the decision date, the day the correction
or extension was decided, the fee notice date), and numbered in that date's year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xxgk.accounts.models import User
from xxgk.errors import ActionRefused

from . import clock, letter_docx
from .grounds import DENIED, Ground
from .models import Application, Event, FeeNotice, Letter, LetterSeries, LetterTemplate
from .services import _event, _lock, _require_handler

TEMPLATE_DIR = Path(__file__).with_name("letter_templates")
STATUTE = "《中华人民共和国政府信息公开条例》"
DEFAULT_REVIEW_BODY = "本级人民政府或上一级主管部门"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

TK = LetterTemplate.Kind
TEMPLATE_KINDS = tuple(TK.values)
REPLY_FAMILIES = (
    TK.REPLY_DISCLOSED,
    TK.REPLY_PARTIAL,
    TK.REPLY_DENIED,
    TK.REPLY_UNABLE,
    TK.REPLY_NOT_PROCESSED,
)
NOTICE_KINDS = (Letter.Kind.CORRECTION, Letter.Kind.EXTENSION, Letter.Kind.FEE_NOTICE)

# ------------------------------------------------------------------ placeholders

PLACEHOLDERS: dict[str, str] = {
    "applicant_name": "申请人姓名或名称",
    "tracking_code": "查询码",
    "receipt_date": "收到申请之日",
    "description": "申请获取的政府信息",
    "document_number": "文书编号",
    "agency_name": "机关名称",
    "office_name": "政府信息公开工作机构",
    "office_address": "办公地址",
    "office_phone": "联系电话",
    "office_postcode": "邮政编码",
    "contact": "联系方式附注，如（联系地址：…；联系电话：…）",
    "review_body": "行政复议机关",
    "date": "文书日期（如 2026年11月26日）",
    # replies
    "finding": "答复理由（按答复类型生成）",
    "conclusion": "答复结论（按答复类型生成）",
    "legal_basis": "法律依据",
    "summary": "答复内容",
    "withheld": "不予公开的部分及理由（部分公开）",
    "ground": "答复类型",
    "decided_on": "答复日期",
    "responsible_agency": "负责公开该信息的机关",
    # correction
    "correction_items": "需要补正的事项",
    "correction_period": "补正期限（工作日数）",
    "correction_due": "补正截止日期",
    # extension
    "extension_reason": "延期理由",
    "extension_days": "延长的工作日数",
    "new_due_date": "延长后的答复期限",
    # fee notice
    "fee_method": "计收方式",
    "fee_units": "计费数量",
    "fee_amount": "收费金额（元）",
    "fee_standard": "收费标准",
    "pay_by": "缴费期限",
    "fee_period_note": "缴费期间不计入答复期限的说明",
}
COMMON = {
    "applicant_name",
    "tracking_code",
    "receipt_date",
    "description",
    "document_number",
    "agency_name",
    "office_name",
    "office_address",
    "office_phone",
    "office_postcode",
    "contact",
    "review_body",
    "date",
}
_REPLY = {
    "finding",
    "conclusion",
    "legal_basis",
    "summary",
    "withheld",
    "ground",
    "decided_on",
    "responsible_agency",
}
ALLOWED: dict[str, set[str]] = {
    **{k: COMMON | _REPLY for k in REPLY_FAMILIES},
    TK.CORRECTION: COMMON | {"correction_items", "correction_period", "correction_due"},
    TK.EXTENSION: COMMON | {"extension_reason", "extension_days", "new_due_date"},
    TK.FEE_NOTICE: COMMON
    | {"fee_method", "fee_units", "fee_amount", "fee_standard", "pay_by", "fee_period_note"},
}
_BASE_REQUIRED = {"applicant_name", "document_number", "agency_name", "date"}
_REPLY_REQUIRED = _BASE_REQUIRED | {
    "description",
    "finding",
    "legal_basis",
    "conclusion",
    "review_body",
}
REQUIRED: dict[str, set[str]] = {
    **{k: set(_REPLY_REQUIRED) for k in REPLY_FAMILIES},
    TK.REPLY_PARTIAL: _REPLY_REQUIRED | {"withheld"},
    TK.CORRECTION: _BASE_REQUIRED | {"correction_items", "correction_due"},
    TK.EXTENSION: _BASE_REQUIRED | {"extension_days", "new_due_date"},
    TK.FEE_NOTICE: _BASE_REQUIRED | {"fee_method", "fee_units", "fee_amount", "pay_by"},
}


def placeholder_help(kind: str) -> str:
    """「必需：{{a}}（…）…；可选：…」 for the admin and error messages."""

    def fmt(names: set[str]) -> str:
        order = list(PLACEHOLDERS)
        return "、".join(
            f"{{{{{n}}}}}（{PLACEHOLDERS[n]}）" for n in sorted(names, key=order.index)
        )

    required = REQUIRED[kind]
    return f"必需：{fmt(required)}；可选：{fmt(ALLOWED[kind] - required)}"


# ------------------------------------------------------------------ reply families and texts


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


def cn_date(day: dt.date | None) -> str:
    """2026年11月26日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


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
        "review_body": (getattr(agency, "review_body", "") or "").strip() or DEFAULT_REVIEW_BODY,
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
    state = clock.clock_state(events, receipt_date=app.receipt_date, today=event.effective_date)
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
    excluded = getattr(settings, "XXGK_FEE_PERIOD_EXCLUDED", True)
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


def sample_context(kind: str) -> dict[str, str]:
    """Made-up values for every placeholder (template checks and previews)."""
    values = {name: f"【{label}】" for name, label in PLACEHOLDERS.items()}
    values["date"] = values["receipt_date"] = cn_date(dt.date(2026, 11, 26))
    values["withheld"] = "1．示例部分：示例理由。\n2．示例部分：示例理由。"
    return {k: v for k, v in values.items() if k in ALLOWED[kind]}


# ------------------------------------------------------------------ templates


def shipped_template(kind: str) -> bytes:
    return (TEMPLATE_DIR / f"{kind}.docx").read_bytes()


def template_source(agency, kind: str) -> tuple[bytes, str]:
    """The template to use and where it came from: the agency's latest active upload, else the
    deployment's, else the shipped file."""
    for scope in ({"agency": agency}, {"agency__isnull": True}):
        tpl = (
            LetterTemplate.objects.filter(kind=kind, active=True, **scope)
            .order_by("-uploaded_at", "-pk")
            .first()
        )
        if tpl is None:
            continue
        try:
            with tpl.file.open("rb") as f:
                return f.read(), f"文书模板#{tpl.pk}"
        except OSError:
            raise ActionRefused(
                f"文书模板“{tpl}”的文件缺失，请管理员重新上传或停用该模板"
            ) from None
    return shipped_template(kind), f"默认模板 {kind}.docx"


def render(agency, kind: str, context: dict[str, str]) -> tuple[bytes, str]:
    data, source = template_source(agency, kind)
    try:
        return letter_docx.fill(data, context), source
    except Exception as exc:  # a template that passed the checks once but no longer fits
        raise ActionRefused(f"文书模板（{source}）无法填写，请管理员检查模板：{exc}") from exc


def _read_upload(file) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_TEMPLATE_BYTES + 1)
    if hasattr(file, "seek"):
        file.seek(0)
    return data


def validate_template(kind: str, file) -> list[str]:
    """Why an uploaded template cannot be used (Chinese messages), or [] if it can."""
    if kind not in TEMPLATE_KINDS:
        return ["请选择文书类型"]
    limit = getattr(settings, "XXGK_LETTER_TEMPLATE_MAX_BYTES", MAX_TEMPLATE_BYTES)
    name = (getattr(file, "name", "") or "").lower()
    if not name.endswith(".docx"):
        return [
            "模板应为 Word 文档（.docx）；.doc、.wps、.pdf 等文件请先在 Word 或 WPS 中另存为 .docx"
        ]
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        return [f"模板文件过大（{size / 1048576:.1f} MB），不能超过 {limit / 1048576:.0f} MB"]
    data = _read_upload(file)
    if len(data) > limit:
        return [f"模板文件过大，不能超过 {limit / 1048576:.0f} MB"]
    not_docx = "文件不是有效的 Word 文档（.docx），可能已损坏，或只是改了扩展名"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                return [not_docx]
            if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
                return ["文件解压后过大，不像是文书模板"]
            types = z.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError):
        return [not_docx]
    if "macroEnabled" in types:
        return ["不接受含宏的文档（.docm），请另存为普通的 .docx 文档"]
    if DOCX_MAIN not in types:
        return ["文件是 Word 模板（.dotx）或其他类型，请另存为 .docx 文档"]
    try:
        found, broken = letter_docx.placeholders(data)
    except Exception:
        return [not_docx]
    errors = []
    if broken:
        shown = "、".join(f"“{b}”" for b in broken[:3])
        errors.append(
            f"模板中有不完整的占位符：{shown}。占位符应写作 {{{{名称}}}}，如 {{{{date}}}}"
        )
    unknown = found - ALLOWED[kind]
    if unknown:
        names_ = "、".join(f"{{{{{n}}}}}" for n in sorted(unknown))
        errors.append(
            f"模板中有不能识别的占位符：{names_}。此类文书可用的占位符——{placeholder_help(kind)}"
        )
    missing = REQUIRED[kind] - found
    if missing:
        order = list(PLACEHOLDERS)
        names_ = "、".join(
            f"{{{{{n}}}}}（{PLACEHOLDERS[n]}）" for n in sorted(missing, key=order.index)
        )
        label = TK(kind).label
        errors.append(f"“{label}”模板缺少必需的占位符：{names_}")
    if not errors:
        try:
            letter_docx.fill(data, sample_context(kind))
        except Exception as exc:
            errors.append(f"模板无法填写：{exc}")
    return errors


# ------------------------------------------------------------------ numbering


def format_number(prefix: str, year: int, n: int) -> str:
    return f"{prefix}〔{year}〕{n}号"


def _require_prefix(agency) -> str:
    prefix = (agency.letter_prefix or "").strip()
    if not prefix:
        raise ActionRefused(
            f"“{agency.name}”尚未设置文书代字，无法为文书编号。"
            "请管理员在机关信息中填写“文书代字”（如“抚司公开”）后再制作文书"
        )
    return prefix


def _allocate(agency, year: int) -> int:
    with transaction.atomic():
        series, _ = LetterSeries.objects.select_for_update().get_or_create(agency=agency, year=year)
        series.last_number += 1
        series.save(update_fields=["last_number"])
        return series.last_number


def next_document_number(agency, year: int) -> str:
    """The agency's next letter number of `year`, e.g. 抚司公开〔2026〕12号.

    The series row is locked until the surrounding transaction ends, so two letters never get
    the same number; a number is used once and never given again (even if its letter is
    deleted). Call it inside the transaction that stores the letter, so that a failure rolls
    the number back with it."""
    prefix = _require_prefix(agency)
    return format_number(prefix, year, _allocate(agency, year))


# ------------------------------------------------------------------ issuing


def _source(app: Application, kind: str) -> tuple[Event, dt.date]:
    """The event a letter of `kind` notifies, and the letter's date."""
    if kind == Letter.Kind.REPLY:
        if not hasattr(app, "decision"):
            raise ActionRefused("尚未作出答复，不能制作答复书")
        event = app.events.filter(kind=Event.Kind.DECIDED).last()
        if event is None:
            raise ActionRefused("找不到作出答复的办理记录，不能制作答复书")
        return event, app.decision.decided_on
    if kind == Letter.Kind.CORRECTION:
        event = app.events.filter(kind=Event.Kind.CORRECTION_REQUESTED).last()
        if event is None:
            raise ActionRefused("本申请没有告知补正，不能制作补正告知书")
        return event, event.effective_date
    if kind == Letter.Kind.EXTENSION:
        event = app.events.filter(kind=Event.Kind.EXTENDED).last()
        if event is None:
            raise ActionRefused("本申请没有延长答复期限，不能制作延期答复告知书")
        return event, event.effective_date
    if kind == Letter.Kind.FEE_NOTICE:
        event = app.events.filter(kind=Event.Kind.FEE_NOTICE_ISSUED).last()
        if event is None or not hasattr(app, "fee_notice"):
            raise ActionRefused("本申请没有发出收费通知，不能制作收费通知书")
        return event, app.fee_notice.issued_on
    raise ActionRefused("未知的文书类型")


def _issue(
    application: Application,
    kind: str,
    *,
    actor: User,
    reissue: bool,
    responsible_agency: str = "",
) -> Letter:
    app = _lock(application)
    _require_handler(actor, app)
    if app.archived_at:
        raise ActionRefused("该申请已归档，不能再制作文书")
    source, on = _source(app, kind)
    earlier = [
        e
        for e in app.events.filter(kind=Event.Kind.LETTER_ISSUED)
        if e.data.get("letter_kind") == kind and e.data.get("source_event") == source.pk
    ]
    if earlier and not reissue:
        raise ActionRefused(
            f"已制作{Letter.Kind(kind).label}（{earlier[-1].data.get('number')}），"
            "如需重新制作请选择“重新制作”（将使用新的编号）"
        )
    number = next_document_number(app.agency, on.year)
    if kind == Letter.Kind.REPLY:
        template_kind = family(app.decision.ground)
        context = reply_context(app, number, on, responsible_agency=responsible_agency)
    elif kind == Letter.Kind.CORRECTION:
        template_kind = TK.CORRECTION
        context = correction_context(app, source, number, on)
    elif kind == Letter.Kind.EXTENSION:
        template_kind = TK.EXTENSION
        context = extension_context(app, source, number, on)
    else:
        template_kind = TK.FEE_NOTICE
        context = fee_context(app, app.fee_notice, number, on)
    data, template = render(app.agency, template_kind, context)
    serial = number.rsplit("〕", 1)[-1].rstrip("号")
    letter = Letter(application=app, kind=kind, number=number, issued_on=on, created_by=actor)
    letter.file.save(
        f"{app.tracking_code}-{kind}-{on.year}-{serial}.docx", ContentFile(data), save=False
    )
    letter.save()
    replaces = earlier[-1].data.get("number") if earlier else ""
    reason = f"{Letter.Kind(kind).label} {number}"
    if replaces:
        reason += f"（重新制作，替代 {replaces}）"
    _event(
        app,
        Event.Kind.LETTER_ISSUED,
        actor,
        on,
        reason,
        letter_kind=kind,
        template_kind=template_kind,
        number=number,
        letter=letter.pk,
        source_event=source.pk,
        template=template,
        sha256=hashlib.sha256(data).hexdigest(),
        replaces=replaces,
    )
    return letter


@transaction.atomic
def issue_reply_letter(
    application: Application,
    *,
    actor: User,
    responsible_agency: str = "",
    reissue: bool = False,
) -> Letter:
    """The reply letter (答复书) of a decided case (after `services.decide`): numbered, stored
    in `Letter.file`, recorded as a LETTER_ISSUED event. `responsible_agency` (name and
    contact details) is written into a 非本机关负责公开 reply (art. 36(5))."""
    return _issue(
        application,
        Letter.Kind.REPLY,
        actor=actor,
        reissue=reissue,
        responsible_agency=responsible_agency,
    )


@transaction.atomic
def issue_letter(
    application: Application, kind: str, *, actor: User, reissue: bool = False
) -> Letter:
    """A notice of the procedure: `Letter.Kind.CORRECTION` (after `request_correction`),
    `EXTENSION` (after `extend`, for the latest extension) or `FEE_NOTICE` (after
    `issue_fee_notice`). Numbered like the reply (see the module's docstring)."""
    if kind == Letter.Kind.REPLY:
        return _issue(application, kind, actor=actor, reissue=reissue)
    if kind not in NOTICE_KINDS:
        raise ActionRefused("文书类型应为补正告知书、延期答复告知书或收费通知书")
    return _issue(application, kind, actor=actor, reissue=reissue)

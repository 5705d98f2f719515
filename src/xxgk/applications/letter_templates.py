"""The Word templates of letters: which `{{placeholders}}` each kind of letter takes and must
have, the templates shipped in `letter_templates/` (built by `letter_docx.py`), and the checks
an uploaded template passes before it is used (`LetterTemplate.clean`).

An agency's uploaded template wins over the deployment's, which wins over the shipped one
(`letters.template_source`).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import letter_docx

TEMPLATE_DIR = Path(__file__).with_name("letter_templates")
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


class TemplateKind(models.TextChoices):
    """One template per kind; the five reply families share the reply's placeholders."""

    REPLY_DISCLOSED = "reply_disclosed", _("答复书：予以公开、已主动公开")
    REPLY_PARTIAL = "reply_partial", _("答复书：部分公开")
    REPLY_DENIED = "reply_denied", _("答复书：不予公开")
    REPLY_UNABLE = "reply_unable", _("答复书：无法提供")
    REPLY_NOT_PROCESSED = "reply_not_processed", _("答复书：不予处理")
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    FEE_NOTICE = "fee_notice", _("收费通知书")
    RECEIPT = "receipt", _("受理回执")
    CONSULTATION = "consultation", _("征求意见函")
    DISCLOSURE_NOTICE = "disclosure_notice", _("公开决定告知书（第三方）")
    TERMINATION = "termination", _("终止办理告知书")
    REASONS_REQUEST = "reasons_request", _("说明理由通知书")
    REASONABLE_PERIOD = "reasonable_period", _("答复期限告知书（合理期限）")
    SERVICE_RECEIPT = "service_receipt", _("送达回证")


TK = TemplateKind
TEMPLATE_KINDS = tuple(TK.values)
REPLY_FAMILIES = (
    TK.REPLY_DISCLOSED,
    TK.REPLY_PARTIAL,
    TK.REPLY_DENIED,
    TK.REPLY_UNABLE,
    TK.REPLY_NOT_PROCESSED,
)

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
    "remedy": "救济途径（申请行政复议和提起行政诉讼的整句）",
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
    # receipt
    "receipt_basis": "收到申请之日的依据（第三十一条）",
    "due_date": "答复期限",
    "tracking_url": "查询办理进度的网址",
    # consultation and the notice to a third party
    "party_name": "被征求意见的第三方或机关",
    "consultation_reason": "征求意见的缘由",
    "consultation_basis": "征求意见的依据（第三十二条或第三十四条）",
    "disclosed_content": "决定公开的内容",
    "disclosure_reason": "决定公开的理由",
    # termination, art. 35
    "termination_reason": "终止办理的事实和依据",
    "reasons_items": "需要说明的理由",
    "period_until": "合理的答复期限",
    "period_reason": "确定合理期限的理由",
    # proof of service
    "served_title": "送达文书名称",
    "served_number": "送达文书编号",
    "service_address": "送达地址",
    "service_method": "送达方式",
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
    "remedy",
}
ALLOWED: dict[str, set[str]] = {
    **{k: COMMON | _REPLY for k in REPLY_FAMILIES},
    TK.CORRECTION: COMMON | {"correction_items", "correction_period", "correction_due"},
    TK.EXTENSION: COMMON | {"extension_reason", "extension_days", "new_due_date"},
    TK.FEE_NOTICE: COMMON
    | {"fee_method", "fee_units", "fee_amount", "fee_standard", "pay_by", "fee_period_note"},
    TK.RECEIPT: COMMON | {"receipt_basis", "due_date", "tracking_url"},
    TK.CONSULTATION: COMMON | {"party_name", "consultation_reason", "consultation_basis"},
    TK.DISCLOSURE_NOTICE: COMMON
    | {"party_name", "disclosed_content", "disclosure_reason", "remedy"},
    TK.TERMINATION: COMMON | {"termination_reason", "remedy"},
    TK.REASONS_REQUEST: COMMON | {"reasons_items"},
    TK.REASONABLE_PERIOD: COMMON | {"period_until", "period_reason"},
    TK.SERVICE_RECEIPT: COMMON
    | {"served_title", "served_number", "service_address", "service_method"},
}
_BASE_REQUIRED = {"applicant_name", "document_number", "agency_name", "date"}
_REPLY_REQUIRED = _BASE_REQUIRED | {
    "description",
    "finding",
    "legal_basis",
    "conclusion",
}
REQUIRED: dict[str, set[str]] = {
    **{k: set(_REPLY_REQUIRED) for k in REPLY_FAMILIES},
    TK.REPLY_PARTIAL: _REPLY_REQUIRED | {"withheld"},
    TK.CORRECTION: _BASE_REQUIRED | {"correction_items", "correction_due"},
    TK.EXTENSION: _BASE_REQUIRED | {"extension_days", "new_due_date"},
    TK.FEE_NOTICE: _BASE_REQUIRED | {"fee_method", "fee_units", "fee_amount", "pay_by"},
    TK.RECEIPT: _BASE_REQUIRED | {"receipt_date", "due_date", "tracking_code"},
    TK.CONSULTATION: {"party_name", "document_number", "agency_name", "date", "description"},
    TK.DISCLOSURE_NOTICE: {
        "party_name",
        "document_number",
        "agency_name",
        "date",
        "disclosed_content",
        "disclosure_reason",
    },
    TK.TERMINATION: _BASE_REQUIRED | {"termination_reason"},
    TK.REASONS_REQUEST: _BASE_REQUIRED | {"reasons_items"},
    TK.REASONABLE_PERIOD: _BASE_REQUIRED | {"period_until", "period_reason"},
    TK.SERVICE_RECEIPT: {"agency_name", "applicant_name", "served_title", "served_number"},
}
# A reply states the remedy: the whole sentence ({{remedy}}, in the shipped templates) or the
# template's own sentence around {{review_body}} (templates uploaded before {{remedy}} existed).
REQUIRED_ONE_OF: dict[str, tuple[str, ...]] = {
    k: ("remedy", "review_body") for k in (*REPLY_FAMILIES, TK.TERMINATION, TK.DISCLOSURE_NOTICE)
}


def placeholder_help(kind: str) -> str:
    """「必需：{{a}}（…）…；可选：…」 for the admin and error messages."""

    def fmt(names: set[str]) -> str:
        order = list(PLACEHOLDERS)
        return "、".join(
            f"{{{{{n}}}}}（{PLACEHOLDERS[n]}）" for n in sorted(names, key=order.index)
        )

    required = REQUIRED[kind]
    either = set(REQUIRED_ONE_OF.get(kind, ()))
    text = f"必需：{fmt(required)}"
    if either:
        text += f"；二者至少其一：{fmt(either)}"
    return f"{text}；可选：{fmt(ALLOWED[kind] - required - either)}"


def cn_date(day: dt.date | None) -> str:
    """2026年11月26日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def sample_context(kind: str) -> dict[str, str]:
    """Made-up values for every placeholder (template checks and previews)."""
    values = {name: f"【{label}】" for name, label in PLACEHOLDERS.items()}
    values["date"] = values["receipt_date"] = cn_date(dt.date(2026, 11, 26))
    values["withheld"] = "1．示例部分：示例理由。\n2．示例部分：示例理由。"
    return {k: v for k, v in values.items() if k in ALLOWED[kind]}


# ------------------------------------------------------------------ checks


def shipped_template(kind: str) -> bytes:
    return (TEMPLATE_DIR / f"{kind}.docx").read_bytes()


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
    either = REQUIRED_ONE_OF.get(kind, ())
    if either and not found & set(either):
        names_ = "或".join(f"{{{{{n}}}}}（{PLACEHOLDERS[n]}）" for n in either)
        errors.append(f"“{TK(kind).label}”模板缺少救济途径，应有占位符 {names_}")
    if not errors:
        try:
            letter_docx.fill(data, sample_context(kind))
        except Exception as exc:
            errors.append(f"模板无法填写：{exc}")
    return errors

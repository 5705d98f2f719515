"""Decision grounds: every way a case ends, each mapped to a table 三 row by the YAML's
`outcome_to_t3_row` (the keys below are exactly its keys)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.annual.templates import outcome_to_t3_row


class Ground(models.TextChoices):
    ART36_1_ALREADY_PROACTIVELY_DISCLOSED = (
        "art36_1_already_proactively_disclosed",
        _("已主动公开，告知获取方式（第三十六条第一项）"),
    )
    ART36_2_CAN_BE_DISCLOSED = "art36_2_can_be_disclosed", _("予以公开（第三十六条第二项）")
    ART37_PARTIAL_DISCLOSURE = "art37_partial_disclosure", _("部分公开（第三十七条）")
    ART14_STATE_SECRET = "art14_state_secret", _("不予公开：属于国家秘密（第十四条）")
    ART14_PROHIBITED = (
        "art14_prohibited_by_law_or_admin_regulation",
        _("不予公开：其他法律行政法规禁止公开（第十四条）"),
    )
    ART14_SECURITY = (
        "art14_endangers_security_or_stability",
        _("不予公开：危及“三安全一稳定”（第十四条）"),
    )
    ART15_THIRD_PARTY = "art15_third_party_rights", _("不予公开：保护第三方合法权益（第十五条）")
    ART16_1_INTERNAL = (
        "art16_1_internal_affairs",
        _("不予公开：属于三类内部事务信息（第十六条第一款）"),
    )
    ART16_2_PROCESS = (
        "art16_2_process_information",
        _("不予公开：属于四类过程性信息（第十六条第二款）"),
    )
    ART16_2_CASE_FILE = (
        "art16_2_enforcement_case_file",
        _("不予公开：属于行政执法案卷（第十六条第二款）"),
    )
    ART36_7_SPECIAL_REGIME = (
        "art36_7_special_access_regime",
        _("不予公开：属于行政查询事项（第三十六条第七项）"),
    )
    ART36_4_NOT_EXIST = (
        "art36_4_information_does_not_exist",
        _("无法提供：经检索没有所申请的信息（第三十六条第四项）"),
    )
    ART36_5_NOT_THIS_AGENCY = (
        "art36_5_not_this_agencys_information",
        _("无法提供：不属于本机关负责公开（第三十六条第五项）"),
    )
    ART38_CREATION = (
        "art38_requires_creation_or_analysis",
        _("无法提供：需要另行制作（第三十八条）"),
    )
    ART30_UNCLEAR = (
        "art30_still_unclear_after_correction",
        _("无法提供：补正后申请内容仍不明确（第三十条）"),
    )
    ART39_1_PETITION = (
        "art39_1_petition_complaint_report",
        _("不予处理：信访举报投诉类申请（第三十九条第一款）"),
    )
    ART36_6_DUPLICATE = "art36_6_duplicate_request", _("不予处理：重复申请（第三十六条第六项）")
    ART39_2_PUBLICATION = (
        "art39_2_public_publication",
        _("不予处理：要求提供公开出版物（第三十九条第二款）"),
    )
    ART35_EXCESSIVE = (
        "art35_unreasonable_volume_or_frequency",
        _("不予处理：无正当理由大量反复申请（第三十五条）"),
    )
    CONFIRM_OR_REISSUE = (
        "request_to_confirm_or_reissue_obtained_info",
        _("不予处理：要求确认或重新出具已获取信息"),
    )
    ART30_NO_CORRECTION = (
        "art30_no_correction_in_time",
        _("其他处理：逾期不补正，不再处理（第三十条）"),
    )
    FEE_NOT_PAID = "fee_not_paid_in_time", _("其他处理：逾期未缴纳信息处理费，不再处理")
    WITHDRAWN_OR_OTHER = "withdrawn_or_other", _("其他处理：申请人撤回或其他")


# grounds that only a specific service can set (not chosen in the decision form)
PROCEDURAL = {Ground.ART30_NO_CORRECTION, Ground.FEE_NOT_PAID, Ground.WITHDRAWN_OR_OTHER}
DENIED = {
    g
    for g in Ground
    if g.value.startswith(("art14_", "art15_", "art16_")) or g == Ground.ART36_7_SPECIAL_REGIME
}

UNABLE = {  # 无法提供
    Ground.ART36_4_NOT_EXIST,
    Ground.ART36_5_NOT_THIS_AGENCY,
    Ground.ART38_CREATION,
    Ground.ART30_UNCLEAR,
}
NOT_PROCESSED = {  # 不予处理
    Ground.ART39_1_PETITION,
    Ground.ART36_6_DUPLICATE,
    Ground.ART39_2_PUBLICATION,
    Ground.ART35_EXCESSIVE,
    Ground.CONFIRM_OR_REISSUE,
}
# replies that withhold what was asked for: an agency may require its office head's approval
# before one is issued (Agency.withholding_needs_approval)
WITHHOLDING = DENIED | {Ground.ART37_PARTIAL_DISCLOSURE} | UNABLE | NOT_PROCESSED

# art. 36 reply type (1–7) implied by each ground (None: not an art. 36 reply)
REPLY_TYPE = {
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED: 1,
    Ground.ART36_2_CAN_BE_DISCLOSED: 2,
    Ground.ART37_PARTIAL_DISCLOSURE: 2,
    Ground.ART36_4_NOT_EXIST: 4,
    Ground.ART36_5_NOT_THIS_AGENCY: 5,
    Ground.ART36_6_DUPLICATE: 6,
    Ground.ART36_7_SPECIAL_REGIME: 7,
    **{g: 3 for g in DENIED if g != Ground.ART36_7_SPECIAL_REGIME},
}


def t3_row(ground: str, version: str = "v2021") -> str:
    """The table 三 row a concluded case with this ground is counted in."""
    return outcome_to_t3_row(version)[ground]


def check_mapping() -> None:
    """Every ground is a key of the YAML mapping (fails loudly at import in tests)."""
    keys = set(outcome_to_t3_row("v2021"))
    missing = {g.value for g in Ground} - keys
    if missing:
        raise RuntimeError(f"grounds missing from outcome_to_t3_row: {sorted(missing)}")

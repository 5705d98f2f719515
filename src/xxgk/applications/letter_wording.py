"""The wording of the shipped letter templates (`letter_templates/*.docx`), written with the
layout of `letter_docx` (GB/T 9704): the replies and notices of a case, each citing the article
of the 条例 it rests on. Rebuild the files after a change of wording:
`python -m xxgk.applications.letter_wording`.
"""

from __future__ import annotations

from .letter_docx import _Writer

# The wording of the shipped templates. `{{finding}}根据{{legal_basis}}的规定，{{conclusion}}` is
# the decision sentence: the finding and conclusion of the decision's ground come from
# `letter_texts.GROUND_TEXT`, the legal basis from the decision.
_INTRO = (
    "本机关于{{receipt_date}}收到您提出的政府信息公开申请（查询码：{{tracking_code}}），"
    "您申请获取“{{description}}”。"
)
_DECISION = "{{finding}}根据{{legal_basis}}的规定，{{conclusion}}"
# The remedy sentence is written whole by `agencies.remedies.remedy_notice`: its review bodies
# depend on the agency (2023 Administrative Reconsideration Law, arts. 24-28), and one or two of
# them change the sentence. Uploaded templates may still write their own around {{review_body}}.
_REMEDY = "{{remedy}}"
REPLY_TITLE = "政府信息公开申请答复书"
TITLES = {
    "reply": REPLY_TITLE,
    "correction": "政府信息公开申请补正告知书",
    "extension": "政府信息公开申请延期答复告知书",
    "fee_notice": "政府信息公开信息处理费收费通知书",
    "receipt": "政府信息公开申请受理回执",
    "consultation": "政府信息公开征求意见函",
    "disclosure_notice": "政府信息公开决定告知书",
    "termination": "政府信息公开申请终止办理告知书",
    "reasons_request": "政府信息公开申请说明理由通知书",
    "reasonable_period": "政府信息公开申请答复期限告知书",
    "service_receipt": "送达回证",
}


def _reply(kind: str) -> bytes:
    w = _Writer(REPLY_TITLE)
    w.title("{{agency_name}}", REPLY_TITLE)
    w.number()
    w.salutation()
    w.body(_INTRO + "现答复如下：")
    w.body(_DECISION)
    if kind == "reply_partial":
        w.body("{{withheld}}")
    w.body("{{summary}}")
    w.body(_REMEDY)
    w.closing("特此告知。")
    return w.save()


def _correction() -> bytes:
    w = _Writer(TITLES["correction"])
    w.title("{{agency_name}}", TITLES["correction"])
    w.number()
    w.salutation()
    w.body(_INTRO)
    w.body(
        "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "请您对以下事项作出补正："
    )
    w.body("{{correction_items}}")
    w.body(
        "请您在{{correction_period}}个工作日内，即{{correction_due}}前，向本机关提交补正后的申请。"
        "答复期限自本机关收到补正的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    )
    w.closing("特此告知。")
    return w.save()


def _extension() -> bytes:
    w = _Writer(TITLES["extension"])
    w.title("{{agency_name}}", TITLES["extension"])
    w.number()
    w.salutation()
    w.body(_INTRO)
    w.body(
        "因{{extension_reason}}，本机关不能在规定期限内作出答复。"
        "根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{{extension_days}}个工作日，"
        "本机关将于{{new_due_date}}前作出答复。"
    )
    w.closing("特此告知。")
    return w.save()


def _fee_notice() -> bytes:
    w = _Writer(TITLES["fee_notice"])
    w.title("{{agency_name}}", TITLES["fee_notice"])
    w.number()
    w.salutation()
    w.body(_INTRO)
    w.body(
        "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
        "（国办函〔2020〕109号）的规定，您的申请需要缴纳信息处理费，具体如下："
    )
    w.table(
        [
            ("计收方式", "{{fee_method}}"),
            ("计费数量", "{{fee_units}}"),
            ("收费金额", "人民币{{fee_amount}}元"),
            ("缴费期限", "{{pay_by}}前"),
        ]
    )
    w.body("收费标准：{{fee_standard}}")
    w.body(
        "请您在{{pay_by}}前按照本通知缴纳信息处理费，并将缴费凭证提交本机关，"
        "本机关收到费用后继续办理您的申请。{{fee_period_note}}"
        "您逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    )
    w.closing("特此通知。")
    return w.save()


def _receipt() -> bytes:
    """受理回执 (art. 31): the day the clock starts, the answer date, how to follow the case."""
    w = _Writer(TITLES["receipt"])
    w.title("{{agency_name}}", TITLES["receipt"])
    w.number()
    w.salutation()
    w.body(
        "您提出的政府信息公开申请（申请获取“{{description}}”）已收悉。"
        "根据《中华人民共和国政府信息公开条例》第三十一条的规定，本机关收到申请之日为"
        "{{receipt_date}}（{{receipt_basis}}）。"
    )
    w.body(
        "根据该条例第三十三条的规定，本机关将自收到申请之日起20个工作日内，即{{due_date}}前"
        "作出答复；需要延长答复期限的，将另行告知。征求第三方或者其他机关意见所需时间不计算在内。"
    )
    w.body("您可以凭查询码{{tracking_code}}在{{tracking_url}}查询办理进度。")
    w.closing("特此告知。")
    return w.save()


def _consultation() -> bytes:
    """征求意见函 (arts. 32, 34): to the third party or the other agency, with its 15 days."""
    w = _Writer(TITLES["consultation"])
    w.title("{{agency_name}}", TITLES["consultation"])
    w.number()
    w.salutation("{{party_name}}：")
    w.body(
        "本机关于{{receipt_date}}收到政府信息公开申请（查询码：{{tracking_code}}），"
        "申请人申请获取“{{description}}”。{{consultation_reason}}"
    )
    w.body(
        "{{consultation_basis}}请您（贵单位）自收到本函之日起15个工作日内提出书面意见，"
        "并说明理由；逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定"
        "是否公开。"
    )
    w.closing("特此函告。")
    return w.save()


def _disclosure_notice() -> bytes:
    """Art. 32: the third party told, before it is disclosed, what will be and why."""
    w = _Writer(TITLES["disclosure_notice"])
    w.title("{{agency_name}}", TITLES["disclosure_notice"])
    w.number()
    w.salutation("{{party_name}}：")
    w.body(
        "本机关就政府信息公开申请（查询码：{{tracking_code}}）征求了您（贵单位）的意见，"
        "您（贵单位）不同意公开。"
    )
    w.body(
        "经审查，本机关认为不公开可能对公共利益造成重大影响。根据《中华人民共和国政府信息公开条例》"
        "第三十二条的规定，本机关决定予以公开，公开的内容为：{{disclosed_content}}。理由如下："
        "{{disclosure_reason}}"
    )
    w.body("本机关将在作出答复时一并公开上述信息。")
    w.body(_REMEDY)
    w.closing("特此告知。")
    return w.save()


def _termination() -> bytes:
    """终止办理告知书: no correction in time (art. 30), fee unpaid, or withdrawn."""
    w = _Writer(TITLES["termination"])
    w.title("{{agency_name}}", TITLES["termination"])
    w.number()
    w.salutation()
    w.body(_INTRO)
    w.body("{{termination_reason}}本机关对该申请终止办理。")
    w.body(_REMEDY)
    w.closing("特此告知。")
    return w.save()


def _reasons_request() -> bytes:
    """Art. 35: the applicant asked to state the reasons for the number or frequency."""
    w = _Writer(TITLES["reasons_request"])
    w.title("{{agency_name}}", TITLES["reasons_request"])
    w.number()
    w.salutation()
    w.body(_INTRO)
    w.body(
        "经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开"
        "条例》第三十五条的规定，请您说明理由：{{reasons_items}}"
    )
    w.body(
        "本机关认为理由不合理的，告知您不予处理；认为理由合理，但无法在规定期限内答复的，"
        "将确定延迟答复的合理期限并告知您。"
    )
    w.closing("特此告知。")
    return w.save()


def _reasonable_period() -> bytes:
    """Art. 35: the reasons are accepted, the answer takes a reasonable period."""
    w = _Writer(TITLES["reasonable_period"])
    w.title("{{agency_name}}", TITLES["reasonable_period"])
    w.number()
    w.salutation()
    w.body(_INTRO)
    w.body(
        "本机关认为您说明的理由合理，但无法在规定期限内答复。根据《中华人民共和国政府信息公开条例》"
        "第三十五条的规定，本机关确定延迟答复的合理期限至{{period_until}}，理由是：{{period_reason}}"
    )
    w.closing("特此告知。")
    return w.save()


def _service_receipt() -> bytes:
    """送达回证: what was served, on whom, how; the receiver signs."""
    w = _Writer(TITLES["service_receipt"])
    w.title("{{agency_name}}", TITLES["service_receipt"])
    w.table(
        [
            ("送达文书名称", "{{served_title}}"),
            ("文书编号", "{{served_number}}"),
            ("受送达人", "{{applicant_name}}"),
            ("送达地址", "{{service_address}}"),
            ("送达方式", "{{service_method}}"),
            ("送达人", ""),
            ("受送达人签收", "（签名或者盖章）          年    月    日"),
            ("备注", "查询码：{{tracking_code}}"),
        ]
    )
    w.blank()
    w.closing("")
    return w.save()


BUILDERS = {
    "reply_disclosed": lambda: _reply("reply_disclosed"),
    "reply_partial": lambda: _reply("reply_partial"),
    "reply_denied": lambda: _reply("reply_denied"),
    "reply_unable": lambda: _reply("reply_unable"),
    "reply_not_processed": lambda: _reply("reply_not_processed"),
    "correction": _correction,
    "extension": _extension,
    "fee_notice": _fee_notice,
    "receipt": _receipt,
    "consultation": _consultation,
    "disclosure_notice": _disclosure_notice,
    "termination": _termination,
    "reasons_request": _reasons_request,
    "reasonable_period": _reasonable_period,
    "service_receipt": _service_receipt,
}


def build_template(kind: str) -> bytes:
    return BUILDERS[kind]()


def main(argv: list[str] | None = None) -> int:
    """`python -m xxgk.applications.letter_wording [DIR]`: write the shipped templates again."""
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).with_name("letter_templates")
    target.mkdir(parents=True, exist_ok=True)
    for kind in BUILDERS:
        (target / f"{kind}.docx").write_bytes(build_template(kind))
        print(target / f"{kind}.docx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

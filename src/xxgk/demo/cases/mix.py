"""The mix of demo cases: the seed and the number of cases, the departments and their shares,
the applicants' types, the channels and the decision grounds with their weights, the open
states pinned relative to today, the applicant who files thirteen requests in one month, and
each case's stable tracking code."""

from __future__ import annotations

import random

from xxgk.applications.grounds import Ground
from xxgk.applications.models import ApplicantType, Channel
from xxgk.codes import ALPHABET as TRACKING_ALPHABET

SEED = 2024
N_CASES = 360
DEPARTMENTS = ("sfj", "sthjj", "zjj")  # agency keys; the codes are demo-<key>
AGENCY_WEIGHTS = (0.28, 0.30, 0.42)

APPLICANT_TYPES = (
    (ApplicantType.NATURAL_PERSON, 78),
    (ApplicantType.LEGAL_COMMERCIAL, 10),
    (ApplicantType.LEGAL_LAW_SERVICE, 6),
    (ApplicantType.LEGAL_RESEARCH, 2),
    (ApplicantType.LEGAL_PUBLIC_WELFARE, 2),
    (ApplicantType.LEGAL_OTHER, 2),
)
CHANNELS = (
    (Channel.ONLINE, 45),
    (Channel.LETTER_SIGNED, 22),
    (Channel.IN_PERSON, 15),
    (Channel.LETTER, 8),
    (Channel.EMAIL, 7),
    (Channel.FAX, 3),
)
# a realistic share of outcomes (as in published annual reports)
GROUND_WEIGHTS = {
    Ground.ART36_2_CAN_BE_DISCLOSED: 30,
    Ground.ART37_PARTIAL_DISCLOSURE: 7,
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED: 10,
    Ground.ART14_STATE_SECRET: 0.5,
    Ground.ART14_PROHIBITED: 1,
    Ground.ART14_SECURITY: 0.5,
    Ground.ART15_THIRD_PARTY: 2,
    Ground.ART16_1_INTERNAL: 1.5,
    Ground.ART16_2_PROCESS: 2.5,
    Ground.ART16_2_CASE_FILE: 1.5,
    Ground.ART36_7_SPECIAL_REGIME: 1.5,
    Ground.ART36_4_NOT_EXIST: 18,
    Ground.ART36_5_NOT_THIS_AGENCY: 5,
    Ground.ART38_CREATION: 3,
    Ground.ART30_UNCLEAR: 1,
    Ground.ART39_1_PETITION: 4,
    Ground.ART36_6_DUPLICATE: 2.5,
    Ground.ART39_2_PUBLICATION: 0.5,
    Ground.ART35_EXCESSIVE: 0.5,
    Ground.CONFIRM_OR_REISSUE: 1,
    Ground.ART30_NO_CORRECTION: 4,
    Ground.FEE_NOT_PAID: 0.5,
    Ground.WITHDRAWN_OR_OTHER: 3,
}
assert set(GROUND_WEIGHTS) == set(Ground), "every ground needs a weight"

OPEN_TARGETS = (
    "submitted",
    "in_progress",
    "awaiting_correction",
    "awaiting_payment",
    "in_consultation",
    "extended",
)
MIN_PER_GROUND = 3
# the applicant who files many requests in one month, to the housing bureau (per-item fees)
CLUSTER_GROUNDS = (
    Ground.ART36_2_CAN_BE_DISCLOSED,
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED,
    Ground.ART36_4_NOT_EXIST,
    Ground.ART37_PARTIAL_DISCLOSURE,
    Ground.ART36_5_NOT_THIS_AGENCY,
    Ground.ART36_2_CAN_BE_DISCLOSED,
    Ground.ART16_2_PROCESS,
    Ground.ART36_4_NOT_EXIST,
    Ground.ART36_6_DUPLICATE,
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED,
    "fee_paid",  # the 11th of the month: 100 元 per item, paid, then disclosed
    Ground.FEE_NOT_PAID,  # the 12th: 100 元, not paid
    Ground.ART35_EXCESSIVE,
)
CLUSTER_REQUESTS = (
    "{road}片区房屋征收决定书",
    "{road}片区房屋征收补偿方案",
    "{road}片区房屋征收社会稳定风险评估报告",
    "{road}片区征收补偿费用足额到位、专户存储的证明",
    "{road}片区地块土地征收批复文件",
    "{road}片区房屋调查登记结果公告",
    "{road}片区征收补偿方案论证过程中的内部研究材料",
    "{road}片区房地产价格评估机构选定结果",
    "{road}片区房屋征收决定书（再次申请）",
    "{road}片区房屋征收范围公告",
    "{road}片区被征收房屋分户评估报告",
    "{road}片区征收补偿协议签订情况汇总",
    "{road}片区征收项目全部会议纪要、往来函件及工作台账",
)


def tracking_code(i: int) -> str:
    """Case i's stable tracking code (the demo's natural key of a case)."""
    rng = random.Random(f"xxgk-demo-tracking:{i}")
    raw = "".join(rng.choice(TRACKING_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"

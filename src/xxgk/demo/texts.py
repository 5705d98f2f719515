"""What the demo's applicants ask for, and what the offices answer: plausible Chinese texts
per agency and per decision ground. Placeholders: {y} a year, {n} a number, {estate} a
housing estate, {firm} a company, {road} a road."""

from __future__ import annotations

import random

from xxgk.applications.grounds import Ground

from . import people

REQUESTS = {
    "sfj": (
        "{y}年本局作出的行政复议决定书（示司复决字〔{y}〕{n}号）",
        "示范{lawfirm}律师事务所的执业许可证及{y}年度检查考核结果",
        "{y}年度示范市法律援助经费预算及使用情况",
        "{estate}人民调解委员会设立备案材料",
        "示范市公证机构设置方案及公证员名单",
        "{y}年本局对某司法鉴定所作出的行政处罚决定书",
        "{y}年度全市律师事务所年度检查考核结果",
        "示范市行政执法公示制度实施办法及配套文件",
        "{y}年本局权责清单及调整情况说明",
        "{y}年本市社区矫正工作经费预算及执行情况",
        "本人{y}年法律援助申请的审查结果及依据",
        "{y}年示范市行政规范性文件合法性审核情况",
    ),
    "sthjj": (
        "{firm}年产{n}万吨项目环境影响评价报告书及批复文件",
        "{firm}排污许可证副本及{y}年度执行报告",
        "{y}年本局作出的行政处罚决定书（示环罚〔{y}〕{n}号）",
        "{estate}附近通信基站电磁辐射环境监测报告",
        "{road}段河道{y}年地表水水质监测数据",
        "{estate}周边建筑工地夜间施工噪声投诉的调查处理结果",
        "示范市生活垃圾焚烧发电项目环境影响评价公众参与说明",
        "{y}年示范市重点排污单位名录",
        "{firm}突发环境事件应急预案备案材料",
        "城南污水处理厂提标改造工程竣工环境保护验收材料",
        "{y}年示范市空气质量自动监测站点位及月度数据",
        "{firm}危险废物经营许可证及{y}年度经营情况报告",
    ),
    "zjj": (
        "{estate}建设工程规划许可证及总平面图",
        "{road}片区国有土地上房屋征收决定及补偿方案",
        "{estate}商品房预售许可证及预售资金监管协议",
        "{estate}住宅专项维修资金{y}年度使用情况",
        "{estate}工程竣工验收备案表",
        "{estate}老旧小区改造项目施工许可证及设计方案",
        "{firm}建筑业企业资质证书及{y}年度动态核查结果",
        "{estate}违法建设查处情况及处理决定",
        "{y}年示范市保障性租赁住房分配名单",
        "{road}道路改造工程招标文件及中标结果",
        "{estate}物业服务企业选聘及合同备案材料",
        "{y}年本局作出的行政处罚决定书（示建罚〔{y}〕{n}号）",
    ),
}

# requests typical of a ground, per office that gets them (a ground is drawn only for the
# offices listed under it)
GROUND_REQUESTS: dict[str, dict[str, tuple[str, ...]]] = {
    Ground.ART39_1_PETITION: {
        "zjj": (
            "要求查处{estate}楼顶违法搭建并书面答复处理结果",
            "反映{estate}物业公司乱收费问题，要求责令整改并答复",
        ),
        "sthjj": ("举报{firm}夜间偷排废水，要求告知查处结果",),
        "sfj": ("投诉某律师收费不规范，要求给予处理并答复",),
    },
    Ground.ART39_2_PUBLICATION: {
        "zjj": ("《示范市志·城乡建设卷》",),
        "sthjj": ("《示范市生态环境状况公报（{y}）》纸质版",),
        "sfj": ("《示范市法治建设年鉴（{y}）》",),
    },
    Ground.CONFIRM_OR_REISSUE: {
        "zjj": ("要求对此前已获取的{estate}建设工程规划许可证复印件加盖公章予以确认",),
        "sthjj": ("要求重新出具已于{y}年提供的行政处罚决定书并加盖印章",),
        "sfj": ("要求对已获取的行政复议决定书复印件确认与原件一致",),
    },
    Ground.ART38_CREATION: {
        "zjj": ("要求统计汇总{y}年以来全市各小区专项维修资金使用明细并形成报表",),
        "sthjj": ("要求汇总分析近五年全市各类环境投诉的数量、类型及处理结果",),
        "sfj": ("要求统计本市近三年各律师事务所代理行政诉讼案件的数量",),
    },
    Ground.ART36_5_NOT_THIS_AGENCY: {
        "zjj": ("{road}地块国有建设用地使用权出让合同",),
        "sthjj": ("{estate}地块土地征收批复文件", "{firm}的营业执照及股东登记信息"),
        "sfj": ("某民事案件的一审判决书",),
    },
    Ground.ART36_7_SPECIAL_REGIME: {
        "zjj": ("{estate}某号房屋的产权登记及抵押登记信息", "{estate}某户房屋的原始购房档案"),
        "sfj": ("某公证处保存的本人父亲遗嘱公证卷宗",),
    },
    Ground.ART14_STATE_SECRET: {
        "sthjj": ("某军事管理区周边环境监测点位及监测数据",),
        "zjj": ("全市人民防空工程分布图及建设资料",),
    },
    Ground.ART14_PROHIBITED: {
        "sfj": ("某未成年人的犯罪记录及社区矫正材料", "某服刑人员的社区矫正档案"),
    },
    Ground.ART14_SECURITY: {
        "zjj": ("全市供水主管网及燃气高压管网分布详图",),
        "sthjj": ("饮用水水源地取水口精确坐标及安防设施布置图",),
    },
    Ground.ART15_THIRD_PARTY: {
        "sthjj": ("{firm}的生产工艺流程及原辅材料用量明细",),
        "zjj": ("{estate}某户业主的购房合同及身份信息",),
        "sfj": ("某律师的执业档案及个人身份信息",),
    },
    Ground.ART16_1_INTERNAL: {
        "zjj": ("本局{y}年内部人事调整及干部考核材料",),
        "sthjj": ("本局{y}年机关内部管理制度及后勤采购明细",),
        "sfj": ("本局{y}年机关内部工作规则及值班安排",),
    },
    Ground.ART16_2_PROCESS: {
        "zjj": (
            "{y}年第{n}次局长办公会议纪要",
            "{road}片区旧城改造方案研究过程中的内部讨论记录及请示",
        ),
        "sthjj": ("{firm}项目环评审批过程中的内部审查意见",),
        "sfj": ("{y}年某规范性文件起草过程中的征求意见稿及内部讨论记录",),
    },
    Ground.ART16_2_CASE_FILE: {
        "sthjj": ("对{firm}行政处罚案件的全部案卷材料（含调查询问笔录）",),
        "zjj": ("{estate}违法建设案件的执法案卷",),
        "sfj": ("对某司法鉴定所行政处罚的执法案卷",),
    },
    Ground.ART30_UNCLEAR: {
        "zjj": ("与本人房屋有关的所有文件",),
        "sthjj": ("我家附近工地的相关材料",),
        "sfj": ("{y}年以来贵局的全部文件",),
    },
    Ground.ART30_NO_CORRECTION: {
        "zjj": ("小区周边项目的所有资料",),
        "sthjj": ("申请公开相关文件",),
        "sfj": ("与本人有关的全部政府信息",),
    },
}

LEGAL_BASIS = {
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED: "第三十六条第（一）项",
    Ground.ART36_2_CAN_BE_DISCLOSED: "第三十六条第（二）项",
    Ground.ART37_PARTIAL_DISCLOSURE: "第三十七条、第三十六条第（二）项",
    Ground.ART14_STATE_SECRET: "第十四条、第三十六条第（三）项",
    Ground.ART14_PROHIBITED: "第十四条、第三十六条第（三）项",
    Ground.ART14_SECURITY: "第十四条、第三十六条第（三）项",
    Ground.ART15_THIRD_PARTY: "第十五条、第三十二条、第三十六条第（三）项",
    Ground.ART16_1_INTERNAL: "第十六条第一款、第三十六条第（三）项",
    Ground.ART16_2_PROCESS: "第十六条第二款、第三十六条第（三）项",
    Ground.ART16_2_CASE_FILE: "第十六条第二款、第三十六条第（三）项",
    Ground.ART36_7_SPECIAL_REGIME: "第三十六条第（七）项",
    Ground.ART36_4_NOT_EXIST: "第三十六条第（四）项",
    Ground.ART36_5_NOT_THIS_AGENCY: "第三十六条第（五）项",
    Ground.ART38_CREATION: "第三十八条",
    Ground.ART30_UNCLEAR: "第三十条",
    Ground.ART39_1_PETITION: "第三十九条第一款",
    Ground.ART36_6_DUPLICATE: "第三十六条第（六）项",
    Ground.ART39_2_PUBLICATION: "第三十九条第二款",
    Ground.ART35_EXCESSIVE: "第三十五条",
    Ground.CONFIRM_OR_REISSUE: "第二条、第三十九条第一款",
}

SUMMARIES = {
    Ground.ART36_1_ALREADY_PROACTIVELY_DISCLOSED: "所申请信息已在本机关门户网站政府信息公开专栏主动公开，已告知获取方式和途径。",
    Ground.ART36_2_CAN_BE_DISCLOSED: "经审查，所申请信息属于可以公开的政府信息，予以公开，随答复书提供。",
    Ground.ART37_PARTIAL_DISCLOSURE: "所申请信息中含有不应当公开的内容，经区分处理后公开其余部分。",
    Ground.ART14_STATE_SECRET: "所申请信息经依法确定为国家秘密，不予公开。",
    Ground.ART14_PROHIBITED: "所申请信息属于法律、行政法规禁止公开的信息，不予公开。",
    Ground.ART14_SECURITY: "所申请信息公开后可能危及公共安全和社会稳定，不予公开。",
    Ground.ART15_THIRD_PARTY: "所申请信息涉及第三方商业秘密和个人隐私，经书面征求意见，第三方不同意公开，不予公开。",
    Ground.ART16_1_INTERNAL: "所申请信息属于本机关人事管理、后勤管理、内部工作流程等内部事务信息，不予公开。",
    Ground.ART16_2_PROCESS: "所申请信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、请示报告等过程性信息，不予公开。",
    Ground.ART16_2_CASE_FILE: "所申请信息属于行政执法案卷信息，不予公开。",
    Ground.ART36_7_SPECIAL_REGIME: "所申请信息属于有关法律、行政法规对信息的获取有特别规定的情形，请按照相关规定办理查询。",
    Ground.ART36_4_NOT_EXIST: "经检索，本机关未制作或获取所申请的政府信息。",
    Ground.ART36_5_NOT_THIS_AGENCY: "所申请信息不属于本机关负责公开，已告知负责公开该信息的机关名称和联系方式。",
    Ground.ART38_CREATION: "所申请信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。",
    Ground.ART30_UNCLEAR: "申请人补正后申请内容仍不明确，无法确定所需信息，本机关无法提供。",
    Ground.ART39_1_PETITION: "申请人以政府信息公开申请的形式进行信访、投诉、举报，已告知通过相应渠道提出。",
    Ground.ART36_6_DUPLICATE: "申请人重复申请公开相同政府信息，本机关已作出答复，不予重复处理。",
    Ground.ART39_2_PUBLICATION: "申请人要求提供公开出版物，已告知获取途径，不予处理。",
    Ground.ART35_EXCESSIVE: "申请人申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，不予处理。",
    Ground.CONFIRM_OR_REISSUE: "申请人要求对已获取的政府信息予以确认或重新出具，不属于政府信息公开申请，不予处理。",
}

WITHHELD = (
    {"part": "第三方个人的身份证号码、联系电话、住址", "ground": Ground.ART15_THIRD_PARTY.value},
    {"part": "企业生产工艺参数及财务数据", "ground": Ground.ART15_THIRD_PARTY.value},
    {"part": "审批过程中的内部审查意见", "ground": Ground.ART16_2_PROCESS.value},
    {"part": "执法过程中形成的调查询问笔录", "ground": Ground.ART16_2_CASE_FILE.value},
)

CORRECTION_ITEMS = (
    "请明确所需政府信息的名称、文号或者便于查询的其他特征性描述（第二十九条第二款第（二）项）",
    "请补充提供申请人身份证明复印件",
    "请说明所申请信息的形成时间、涉及的具体项目名称或地址",
)

EXTENSION_REASONS = (
    "所申请信息涉及年份较长、档案数量较多，需调阅档案逐一检索核对",
    "所申请信息涉及多个业务科室及下属单位，需会商确认",
    "所申请信息数量较大，需逐页进行保密审查和区分处理",
)

CONSULTED_AGENCIES = ("示范市自然资源和规划局", "示范市发展和改革委员会", "示范市城市管理局")
CONSULTATION_OUTCOMES = {
    "agree": "第三方书面同意公开",
    "refuse": "第三方书面回复不同意公开，理由为涉及商业秘密",
    "silent": "第三方逾期未提出意见",
    "agency": "被征求意见机关书面回复同意公开",
}

EXCESSIVE_REASONS_ASKED = (
    "您自本年初以来向本机关提出政府信息公开申请逾百件，数量、频次明显超过合理范围。"
    "请于收到本通知之日起十五个工作日内说明申请理由（《中华人民共和国政府信息公开条例》第三十五条）。"
)
WITHDRAW_REASONS = ("申请人书面撤回申请", "申请人电话告知已通过其他途径获取信息，并书面撤回申请")


def fill(template: str, rng: random.Random, year: int) -> str:
    return template.format(
        y=rng.randint(year - 3, year),
        n=rng.randint(3, 48),
        estate=rng.choice(people.ESTATES),
        firm=people.company_name(rng),
        road=rng.choice(people.ROADS),
        lawfirm=rng.choice(people.LAW_FIRMS),
    )


def offices_for(ground: str) -> tuple[str, ...] | None:
    """The offices a request ending with `ground` goes to (None: any)."""
    pool = GROUND_REQUESTS.get(ground)
    return tuple(pool) if pool else None


def request_for(rng: random.Random, agency_key: str, ground: str | None, year: int) -> str:
    pool = GROUND_REQUESTS.get(ground, {}).get(agency_key) if ground else None
    return fill(rng.choice(pool or REQUESTS[agency_key]), rng, year)

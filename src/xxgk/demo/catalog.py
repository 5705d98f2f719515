"""The demo catalog: each demo agency's disclosure portal (板块 and 栏目), the 主题分类 tree,
and a few years of proactively disclosed items (2023 to today), every one of them created,
reviewed, published, revised, withdrawn or changed in validity only through
`xxgk.catalog.services`; plus the table 二 figures (`AnnualFigures`) of the past full years.

Determinism and idempotency. The whole plan (every item with its dates, text and later
fate) is computed from fixed seeds: each column draws its items month by month from its own
`random.Random(f"{SEED}:{agency}:{column}:{year}-{month}")`, and the plan is cut at today.
An item's natural key is (agency, title, 成文日期); the loader then *reconciles* the database
with the plan: a missing item is created, a draft whose submission date has come is
submitted, an item in review whose publication date has come is approved, a withdrawal,
revision or change of validity that is due and not yet done is done. A second run on the same
day therefore creates and changes nothing; a run on a later day adds what that day brings.

The volume (500–700 items per department, about 2,300 in all) is set by what the services
manage in the demo's time budget (`xxgk demo` under a minute on two cores): each item costs
three service calls (create, submit, approve: some 40 queries and the segmentation of its text
for search), about 14 ms on SQLite; `SCALE` multiplies the drawn columns' yearly rates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.applications import clock
from xxgk.catalog import figures, services
from xxgk.catalog.models import AnnualFigures, Column, Item, Section, Topic
from xxgk.workdays import WorkCalendar

from . import people

SEED = 2023
START = dt.date(2023, 1, 1)
SCALE = 1.0  # multiplies the yearly rate of every drawn column (periodic items are fixed)
CITY_NAME = "示范市"
REVIEW_OPINION = "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意发布"

G, K, M = Item.Genre, Item.ContentKind, Item.Mode
Key = tuple[str, dt.date]  # (title, 成文日期) within one agency

# ------------------------------------------------------------------ 主题分类 (official-spec D.4)

# The 22 top-level themes of the gov.cn policy library; the sub-themes of 综合政务 are the
# spec's, the others a few of the usual ones (configurable in the admin).
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("国务院组织机构", ("国务院组成部门", "国务院直属机构", "国务院办事机构", "其他")),
    (
        "综合政务",
        (
            "政务公开",
            "政务督查",
            "应急管理",
            "电子政务",
            "文秘工作",
            "保密工作",
            "信访",
            "参事文史",
            "其他",
        ),
    ),
    (
        "国民经济管理、国有资产监管",
        ("发展规划", "经济运行", "物价", "统计", "国有资产监管", "其他"),
    ),
    ("财政、金融、审计", ("财政", "税务", "金融", "审计", "其他")),
    ("国土资源、能源", ("土地", "矿产", "能源", "测绘", "其他")),
    ("农业、林业、水利", ("农业、畜牧业、渔业", "林业", "水利", "气象", "其他")),
    ("工业、交通", ("工业", "交通", "信息产业（含电信）", "邮政", "其他")),
    ("商贸、海关、旅游", ("国内贸易（含供销）", "对外经贸合作", "海关", "旅游", "其他")),
    ("市场监管、安全生产监管", ("市场监管", "质量监督", "食品药品监管", "安全生产", "其他")),
    (
        "城乡建设、环境保护",
        ("城市规划", "城乡建设（含住房）", "环境监测、保护与治理", "节能与资源综合利用", "其他"),
    ),
    ("科技、教育", ("科技", "教育", "知识产权", "其他")),
    ("文化、广电、新闻出版", ("文化", "广播影视", "新闻出版", "文物", "其他")),
    ("卫生、体育", ("卫生", "医药管理", "体育", "其他")),
    ("人口与计划生育、妇女儿童工作", ("人口与计划生育", "妇女儿童", "其他")),
    ("劳动、人事、监察", ("劳动就业", "社会保障", "人事工作", "监察", "其他")),
    ("公安、安全、司法", ("公安", "国家安全", "司法", "其他")),
    ("民政、扶贫、救灾", ("社会福利", "减灾救灾", "扶贫", "社团管理", "行政区划与地名", "其他")),
    ("民族、宗教", ("民族事务", "宗教事务", "其他")),
    ("对外事务", ("外事", "其他")),
    ("港澳台侨工作", ("港澳工作", "对台工作", "侨务工作", "其他")),
    ("国防", ("国防动员", "其他")),
    ("其他", ()),
)
OPENNESS = ("综合政务", "政务公开")
# the city government's subjects are spread over the themes
SUBJECT_TOPICS = {
    "优化营商环境": ("国民经济管理、国有资产监管", "经济运行"),
    "数字政府建设": ("综合政务", "电子政务"),
    "安全生产": ("市场监管、安全生产监管", "安全生产"),
    "城市精细化管理": ("城乡建设、环境保护", "城乡建设（含住房）"),
    "乡村振兴": ("农业、林业、水利", "农业、畜牧业、渔业"),
    "稳就业": ("劳动、人事、监察", "劳动就业"),
    "科技创新": ("科技、教育", "科技"),
    "养老服务体系建设": ("民政、扶贫、救灾", "社会福利"),
    "义务教育优质均衡发展": ("科技、教育", "教育"),
    "全国文明城市创建": ("文化、广电、新闻出版", "文化"),
    "防汛抗旱": ("农业、林业、水利", "水利"),
    "招商引资": ("商贸、海关、旅游", "对外经贸合作"),
    "社会信用体系建设": ("市场监管、安全生产监管", "市场监管"),
    "政务服务“一网通办”": ("综合政务", "电子政务"),
}
FINANCE = ("财政、金融、审计", "财政")
PERSONNEL = ("劳动、人事、监察", "人事工作")

# ------------------------------------------------------------------ portals


@dataclass(frozen=True)
class Col:
    slug: str
    name: str
    kind: str  # the writer of its items (Writer.<kind>)
    rate: float = 0.0  # items a year drawn at random; periodic and fixed items come on top
    description: str = ""


@dataclass(frozen=True)
class Profile:
    """What one demo agency publishes and how it words it."""

    key: str  # the demo key (sfj, sthjj, …); the agency code is in loader.DEMO_AGENCIES
    credit_code: str  # 17 characters; the check character is computed (GB 32100)
    prefix: str  # 发文字号 代字, e.g. 示环
    topic: tuple[str, str]
    subjects: tuple[str, ...]  # what its documents and news are about
    laws: tuple[str, ...]
    leaders: tuple[tuple[str, str], ...]  # (职务, 姓名)
    addressees: str  # 主送机关 of its documents
    columns: tuple[Col, ...]  # under 法定主动公开内容


DEPARTMENT_ADDRESSEES = "各区{short}，局机关各处室、各直属单位"

PROFILES: dict[str, Profile] = {
    "szf": Profile(
        "szf",
        "11210400MB0100001",
        "示政",
        ("综合政务", "其他"),
        tuple(
            "优化营商环境 数字政府建设 安全生产 城市精细化管理 乡村振兴 "
            "稳就业 科技创新 养老服务体系建设 义务教育优质均衡发展 "
            "全国文明城市创建 防汛抗旱 招商引资 社会信用体系建设 "
            "政务服务“一网通办”".split()
        ),
        (
            "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》",
            "《优化营商环境条例》",
            "《中华人民共和国立法法》",
            "《规章制定程序条例》",
        ),
        (("市长", "陈志远"), ("常务副市长", "刘建平"), ("副市长", "李晓红"), ("秘书长", "王海涛")),
        "各区人民政府，市政府各部门、各直属机构",
        (
            Col("jgzn", "机构职能", "org", description="市政府职责、工作机构和领导分工"),
            Col("zfgz", "政府规章", "rule", 1.5, "市政府规章及其有效性"),
            Col("xzgfxwj", "行政规范性文件", "normative", 4, "市政府及市政府办公室行政规范性文件"),
            Col("qtwj", "其他文件", "document", 10),
            Col("zcjd", "政策解读", "interpretation"),
            Col("ghxx", "规划信息", "plan"),
            Col("czxx", "财政信息", "finance", description="市级预算、决算"),
            Col("rsxx", "人事信息", "personnel", 6, "人事任免"),
            Col("jytabl", "建议提案办理", "proposal", 6),
            Col("zwyw", "政务要闻", "news", 60),
            Col("hygq", "回应关切", "clarification", 1),
        ),
    ),
    "gkb": Profile(
        "gkb",
        "11210400MB0100002",
        "示公开办",
        OPENNESS,
        (
            "政务公开标准化规范化",
            "政府网站和政务新媒体管理",
            "政策解读和回应关切",
            "政府信息公开申请办理",
            "政务公开第三方评估",
            "基层政务公开",
            "政府信息公开工作年度报告编制",
            "政务开放日活动",
        ),
        ("《中华人民共和国政府信息公开条例》", "《政府网站与政务新媒体检查指标》"),
        (("主任", "赵国栋"), ("副主任", "钱文静")),
        "各区人民政府政务公开办公室，市政府各部门",
        (
            Col("jgzn", "机构职能", "org"),
            Col("gzyd", "政务公开工作要点", "openness"),
            Col("tzgg", "通知公告", "document", 4),
            Col("gzdt", "工作动态", "news", 20),
        ),
    ),
    "sfj": Profile(
        "sfj",
        "11210400MB0100003",
        "示司",
        ("公安、安全、司法", "司法"),
        tuple(
            "法律援助 人民调解 社区矫正 公证管理 律师行业管理 司法鉴定管理 "
            "行政执法监督 法治宣传教育 行政复议 公共法律服务体系建设 "
            "行政规范性文件合法性审核 安置帮教".split()
        ),
        (
            "《中华人民共和国法律援助法》",
            "《中华人民共和国人民调解法》",
            "《中华人民共和国社区矫正法》",
            "《中华人民共和国律师法》",
            "《中华人民共和国公证法》",
            "《中华人民共和国行政复议法》",
        ),
        (("党组书记、局长", "周明华"), ("副局长", "郑晓梅"), ("副局长", "韩东")),
        DEPARTMENT_ADDRESSEES.format(short="司法局"),
        (
            Col("jgzn", "机构职能", "org"),
            Col("zcwj", "政策文件", "document", 10),
            Col("gfxwj", "规范性文件", "normative", 3),
            Col("zcjd", "政策解读", "interpretation"),
            Col("xzxk", "行政许可", "licensing", 24, "律师、公证、司法鉴定执业许可"),
            Col("xzcf", "行政处罚", "penalty", 8),
            Col("ggflfw", "公共法律服务", "legal_service"),
            Col("czxx", "财政信息", "finance", description="部门预算、决算"),
            Col("rsxx", "人事信息", "personnel", 2),
            Col("gzdt", "工作动态", "news", 70),
        ),
    ),
    "sthjj": Profile(
        "sthjj",
        "11210400MB0100004",
        "示环",
        ("城乡建设、环境保护", "环境监测、保护与治理"),
        tuple(
            "大气污染防治 水污染防治 土壤污染防治 固体废物污染环境防治 "
            "排污许可管理 建设项目环境影响评价 生态环境执法 噪声污染防治 "
            "危险废物规范化管理 生态环境损害赔偿 入河排污口监督管理 "
            "重污染天气应对 机动车排气污染防治 饮用水水源地保护".split()
        ),
        (
            "《中华人民共和国环境保护法》",
            "《中华人民共和国大气污染防治法》",
            "《中华人民共和国水污染防治法》",
            "《中华人民共和国固体废物污染环境防治法》",
            "《中华人民共和国环境影响评价法》",
            "《排污许可管理条例》",
        ),
        (("党组书记、局长", "林海峰"), ("副局长", "杨帆"), ("副局长", "徐丽")),
        DEPARTMENT_ADDRESSEES.format(short="生态环境分局"),
        (
            Col("jgzn", "机构职能", "org"),
            Col("zcwj", "政策文件", "document", 8),
            Col("gfxwj", "规范性文件", "normative", 3),
            Col("zcjd", "政策解读", "interpretation"),
            Col("xzxk", "行政许可", "licensing", 34, "环境影响评价文件审批、排污许可"),
            Col("xzcf", "行政处罚", "penalty", 56),
            Col("xzqz", "行政强制", "coercion", 5, "查封、扣押"),
            Col("hjzl", "环境质量", "air_quality", description="月度环境空气质量状况"),
            Col("czxx", "财政信息", "finance", description="部门预算、决算"),
            Col("rsxx", "人事信息", "personnel", 2),
            Col("gzdt", "工作动态", "news", 48),
            Col("hygq", "回应关切", "clarification", 1),
        ),
    ),
    "zjj": Profile(
        "zjj",
        "11210400MB0100005",
        "示建",
        ("城乡建设、环境保护", "城乡建设（含住房）"),
        tuple(
            "物业管理 住房租赁市场管理 城镇老旧小区改造 建筑工地扬尘治理 "
            "建筑施工安全生产 住宅专项维修资金管理 保障性住房建设 "
            "商品房预售资金监管 城市更新 建筑市场监管 既有房屋安全管理 "
            "装配式建筑推广 绿色建筑发展".split()
        ),
        (
            "《中华人民共和国建筑法》",
            "《物业管理条例》",
            "《城市房地产开发经营管理条例》",
            "《建设工程质量管理条例》",
            "《建设工程安全生产管理条例》",
            "《住房租赁条例》",
        ),
        (("党组书记、局长", "高建国"), ("副局长", "何志强"), ("副局长", "罗敏")),
        DEPARTMENT_ADDRESSEES.format(short="住房和城乡建设局"),
        (
            Col("jgzn", "机构职能", "org"),
            Col("zcwj", "政策文件", "document", 9),
            Col("gfxwj", "规范性文件", "normative", 3),
            Col("zcjd", "政策解读", "interpretation"),
            Col("xzxk", "行政许可", "licensing", 48, "施工许可、商品房预售许可"),
            Col("xzcf", "行政处罚", "penalty", 26),
            Col("bzxzf", "保障性住房", "housing", description="公共租赁住房配租结果"),
            Col("jytabl", "建议提案办理", "proposal", 7),
            Col("czxx", "财政信息", "finance", description="部门预算、决算"),
            Col("rsxx", "人事信息", "personnel", 2),
            Col("gzdt", "工作动态", "news", 46),
        ),
    ),
}

# the four parts of every 政府信息公开 column (国办公开办函〔2019〕61号); 法定主动公开内容 holds
# the agency's own columns
STATUTORY_SECTION = "法定主动公开内容"
SECTIONS = (
    ("zn", "政府信息公开指南", (Col("gkzn", "政府信息公开指南", "guide"),)),
    ("zd", "政府信息公开制度", (Col("gkzd", "政府信息公开制度", "system"),)),
    ("fd", STATUTORY_SECTION, None),
    ("nb", "政府信息公开年报", (Col("gknb", "政府信息公开年报", "annual_report"),)),
)

# ------------------------------------------------------------------ phrase lists

PURPOSES = (
    "深入贯彻落实党中央、国务院决策部署",
    "进一步规范行政行为",
    "切实保障人民群众合法权益",
    "推动高质量发展",
    "提升治理体系和治理能力现代化水平",
    "持续优化营商环境",
    "加快建设法治政府",
    "巩固和扩大工作成效",
    "解决群众反映强烈的突出问题",
)
MEASURES = (
    "健全工作机制，明确责任分工，层层压实责任",
    "加强部门协同，建立信息共享和联合会商制度",
    "强化监督检查，对发现的问题建立台账、限期整改",
    "加大政策宣传力度，及时回应社会关切",
    "加强业务培训，提升工作人员依法履职能力",
    "推进信息化建设，实现业务全程网上办理",
    "严格落实“双随机、一公开”监管要求",
    "建立健全考核评价机制，将工作成效纳入年度绩效考核",
    "坚持问题导向，聚焦重点领域和关键环节",
    "鼓励社会公众参与，畅通投诉举报渠道",
    "加强经费保障，将所需经费纳入部门预算",
    "完善应急预案，定期组织开展应急演练",
)
PROBLEMS = (
    "部分环节监管不到位",
    "工作机制不够健全",
    "部门之间衔接不够顺畅",
    "基层工作力量相对薄弱",
    "群众知晓度不高",
    "标准和程序不够统一",
)
HEADINGS = (
    "总体要求",
    "工作目标",
    "主要任务",
    "重点工作",
    "保障措施",
    "工作要求",
    "职责分工",
    "实施步骤",
    "监督检查",
)
CLOSINGS = (
    "各单位要高度重视，结合实际认真组织实施，工作中遇到的问题请及时报告。",
    "请各单位于每季度末将工作进展情况报送牵头部门。",
    "本通知自印发之日起执行。",
    "各单位要认真贯彻落实，确保各项工作取得实效。",
)
DOC_TITLES = (
    "关于印发《{city}{y}年{s}工作要点》的通知",
    "关于开展{y}年{s}专项行动的通知",
    "关于进一步加强{s}工作的通知",
    "关于印发《{city}{s}三年行动方案（{y}—{y2}年）》的通知",
    "关于做好{y}年{s}工作的通知",
    "关于{y}年上半年{s}工作情况的通报",
    "关于建立{s}联席会议制度的通知",
    "关于开展{s}“回头看”工作的通知",
)
RULE_SUFFIXES = ("管理办法", "实施细则", "暂行办法", "管理规定", "若干措施", "实施办法")
THEMES = (
    "法治进万家", "美丽示范我是行动者", "安居示范", "诚信建设万里行", "宪法宣传周",
    "安全生产月", "政务开放日", "民法典宣传月", "六五环境日", "全民国家安全教育日",
)  # fmt: skip
# 工作动态: (title, opening, middles, closings) of one kind of story, so that they agree
NEWS_STORIES = (
    (
        "{short}召开{y}年{s}工作会议",
        "{date}，{agency}召开{y}年{s}工作会议，{leader_title}{leader}出席会议并讲话。",
        (
            "会议通报了{y}年以来全市{s}工作情况。今年以来，全市共办理相关事项{n}件，"
            "同比增长{p}%，群众满意度持续提升。",
            "会议指出，{s}事关人民群众切身利益，各单位要提高政治站位，把各项工作抓紧抓实抓细。",
            "会上，{district}等{k}个单位作了交流发言，介绍了经验做法。",
        ),
        "会议要求，各单位要对照任务清单，倒排工期、挂图作战，确保按时完成年度目标任务。",
    ),
    (
        "{short}开展{s}专项检查",
        "为扎实推进{s}工作，{date}起，{agency}组织开展为期{k}周的专项检查。",
        (
            "检查组采取听取汇报、查阅台账、现场察看等方式，共检查点位{n}个，发现问题{k}个，"
            "已全部交办属地限期整改。",
            "对检查中发现的突出问题，检查组当场反馈并提出整改要求，对整改不到位的将依法依规处理。",
            "此次检查重点围绕制度落实、日常管理和隐患排查三个方面进行。",
        ),
        "{agency}将以此次检查为契机，建立健全长效机制，巩固提升工作成效。",
    ),
    (
        "{leader_title}{leader}带队督导{district}{s}工作",
        "{date}，{leader_title}{leader}带队深入{district}，实地督导{s}工作推进情况。",
        (
            "督导组先后来到{estate}、{road}沿线等点位，详细了解工作进展和存在的困难。",
            "{leader}强调，要坚持问题导向，对排查发现的问题建立清单、逐项销号。",
            "{district}有关负责同志汇报了前期工作情况，共完成重点任务{k}项。",
        ),
        "下一步，{agency}将持续加强督促指导，推动{s}工作取得更大成效。",
    ),
    (
        "{short}举办{s}业务培训班",
        "近日，{agency}举办{s}业务培训班，各区相关部门业务骨干共{n}人参加培训。",
        (
            "培训围绕政策法规解读、典型案例剖析、业务流程规范等内容展开，并进行了现场测试。",
            "培训邀请了{city}有关专家授课，结合近年来的典型案例进行了深入讲解。",
            "参训人员纷纷表示，此次培训内容丰富、针对性强，将把所学运用到实际工作中。",
        ),
        "{agency}将把业务培训作为一项经常性工作，持续提升工作人员依法履职能力。",
    ),
    (
        "{short}组织开展“{theme}”主题宣传活动",
        "{date}，{agency}在{district}{road}广场组织开展“{theme}”主题宣传活动。",
        (
            "活动现场，工作人员通过设置咨询台、摆放展板、发放宣传手册等方式，向群众宣传{s}相关知识。",
            "工作人员耐心解答群众提出的问题，并引导群众通过政府网站、政务服务热线反映诉求。",
        ),
        "此次活动共发放宣传资料{n}余份，现场解答群众咨询{k}0余人次。",
    ),
    (
        "我市{s}工作取得阶段性成效",
        "今年以来，{agency}聚焦{s}重点任务，多措并举推动各项工作落地见效。",
        (
            "截至{date}，全市共完成相关项目{n}个，完成年度目标任务的{p}0%。",
            "{district}、{district2}等地创新工作方法，形成了一批可复制、可推广的经验做法。",
            "群众满意度调查显示，群众对{s}工作的满意率达到9{k}%以上。",
        ),
        "下一步，{agency}将持续深化{s}工作，确保全面完成年度目标任务。",
    ),
)
RUMORS = {
    "szf": (
        "{road}片区即将整体拆迁", "我市将全面限制外地车辆通行", "全市住房公积金政策将大幅调整",
        "{district}将撤区并入{district2}",
    ),
    "sthjj": (
        "{district}自来水检出超标污染物", "{estate}小区地块土壤污染严重",
        "{district}某化工企业发生泄漏", "{road}沿线河道出现大面积死鱼系工业废水所致",
    ),
}  # fmt: skip
PRODUCTS = ("再生铝", "包装材料", "精细化工中间体", "汽车零部件", "食品添加剂", "电子元器件")

# table 二 figures beyond the published decisions: 简易程序 penalties, licences not listed
EXTRA_DECISIONS = {
    "szf": (0, 0, 0),
    "sfj": (40, 2, 0),
    "sthjj": (120, 6, 2),
    "zjj": (260, 30, 3),
}
FEES_WAN = {"szf": (0, 0), "sfj": (0, 0), "sthjj": (0, 0), "zjj": (850, 2400)}

PENALTIES = {
    "sthjj": (
        (
            "未按照规定安装、使用大气污染防治设施",
            "《中华人民共和国大气污染防治法》第一百零八条",
            3,
            20,
        ),
        ("超过水污染物排放标准排放水污染物", "《中华人民共和国水污染防治法》第八十三条", 10, 60),
        ("未取得排污许可证排放污染物", "《排污许可管理条例》第三十三条", 20, 100),
        (
            "未按照规定贮存危险废物",
            "《中华人民共和国固体废物污染环境防治法》第一百一十二条",
            10,
            50,
        ),
        (
            "建设项目环境影响评价文件未经批准擅自开工建设",
            "《中华人民共和国环境影响评价法》第三十一条",
            5,
            40,
        ),
        ("未按照规定开展自行监测", "《排污许可管理条例》第三十六条", 2, 20),
    ),
    "zjj": (
        ("未取得施工许可证擅自施工", "《建筑工程施工许可管理办法》第十二条", 1, 10),
        ("施工工地未采取有效扬尘防治措施", "《中华人民共和国大气污染防治法》第一百一十五条", 1, 10),
        ("未取得商品房预售许可证预售商品房", "《城市房地产开发经营管理条例》第三十六条", 5, 50),
        ("物业服务企业挪用专项维修资金", "《物业管理条例》第六十条", 2, 20),
        ("施工单位未按规定设置安全防护设施", "《建设工程安全生产管理条例》第六十二条", 10, 30),
    ),
    "sfj": (
        ("律师私自接受委托、收取费用", "《中华人民共和国律师法》第四十八条", 0, 1),
        ("律师事务所违反规定接受委托、收取费用", "《中华人民共和国律师法》第五十条", 1, 10),
        (
            "司法鉴定机构超出登记的业务范围开展鉴定活动",
            "《司法鉴定机构登记管理办法》第三十九条",
            0,
            3,
        ),
    ),
}
REPEAL_REASONS = (
    "上位法已修改，本文件不再适用",
    "本文件规定的工作已经完成，依照清理结果予以废止",
)
WITHDRAW_REASONS = {
    "penalty": "该行政处罚决定已被行政复议机关依法撤销，撤回公示",
    "default": "所附数据有误，撤回后更正重新发布",
}


# ------------------------------------------------------------------ the plan


@dataclass
class Plan:
    column: str
    title: str
    formed_on: dt.date
    publish_on: dt.date
    body: str
    genre: str = G.OTHER
    content_kind: str = K.CATALOG
    topic: tuple[str, str] | None = None
    document_number: str = ""
    summary: str = ""
    effective_on: dt.date | None = None
    mode: str = M.PROACTIVE
    mode_reason: str = ""
    interprets: tuple[Key, ...] = ()
    # a rule or normative document this one replaces: (its key, 已修改 or 废止)
    supersedes: tuple[Key, str] | None = None
    expires_on: dt.date | None = None  # 有效期 end, if nothing replaces it before
    withdraw: str = ""  # reason, withdrawn a few days after publication
    returned: str = ""  # the review first returns it with this opinion
    revision: tuple[dt.date, str, str] | None = None  # (on, new body, reason)
    counts_as: str = ""  # licensing / penalty / coercion: a decision of table 二
    name: str = ""  # a rule's or normative document's own name (without 《》)

    @property
    def key(self) -> Key:
        return (self.title, self.formed_on)


@dataclass
class Writer:
    """Writes one agency's items; one random generator per column and month."""

    profile: Profile
    agency: Agency
    cal: WorkCalendar
    rng: random.Random = field(default_factory=random.Random)
    numbers: Counter = field(default_factory=Counter)  # (series, year) → last number
    documents: list[Plan] = field(default_factory=list)  # rules and normative documents
    replaced: set[Key] = field(default_factory=set)
    plans: list[Plan] = field(default_factory=list)
    keys: set[Key] = field(default_factory=set)

    # -- helpers

    @property
    def name(self) -> str:
        return self.agency.name

    @property
    def short(self) -> str:
        return self.agency.short_name or self.agency.name

    def number(self, series: str, year: int, gap: int = 3) -> int:
        self.numbers[(series, year)] += self.rng.randint(1, gap)
        return self.numbers[(series, year)]

    def doc_number(self, series: str, year: int, gap: int = 3) -> str:
        return f"{series}〔{year}〕{self.number(series, year, gap)}号"

    def after(self, d: dt.date, lo: int, hi: int) -> dt.date:
        return self.cal.add_workdays(d, self.rng.randint(lo, hi))

    def before(self, d: dt.date, n: int) -> dt.date:
        """The working day n working days before d."""
        while n > 0:
            d -= dt.timedelta(1)
            n -= self.cal.is_workday(d)
        return d

    def publish_date(self, formed: dt.date, lo: int = 1, hi: int = 8) -> dt.date:
        """Mostly within the 20 working days of art. 26; about one in forty late."""
        if self.rng.random() < 0.025:
            return self.after(formed, 22, 40)
        return self.after(formed, lo, hi)

    def values(self, on: dt.date, **kw) -> dict:
        """The placeholders of the phrase lists, drawn once (so a title and its body agree)."""
        rng = self.rng
        leader_title, leader = rng.choice(self.profile.leaders[1:] or self.profile.leaders)
        district, district2 = rng.sample(people.DISTRICTS, 2)
        values = {
            "city": CITY_NAME,
            "y": on.year,
            "y2": on.year + 2,
            "s": rng.choice(self.profile.subjects),
            "agency": self.name,
            "short": self.short,
            "district": district,
            "district2": district2,
            "road": rng.choice(people.ROADS),
            "estate": rng.choice(people.ESTATES),
            "leader_title": leader_title,
            "leader": leader,
            "theme": rng.choice(THEMES),
            "date": f"{on.month}月{on.day}日",
            "n": rng.randint(12, 480),
            "k": rng.randint(2, 9),
            "p": rng.randint(3, 9),
        }
        values.update(kw)
        return values

    def fill(self, text: str, on: dt.date, **kw) -> str:
        return text.format(**self.values(on, **kw))

    def paras(self, *texts: str) -> str:
        return "".join(f"<p>{t}</p>" for t in texts if t)

    def signature(self, on: dt.date) -> str:
        return f"<p>{self.name}</p><p>{on.year}年{on.month}月{on.day}日</p>"

    def add(self, plan: Plan) -> Plan | None:
        if plan.key in self.keys:
            return None
        if plan.topic is None:
            plan.topic = next(
                (t for subject, t in SUBJECT_TOPICS.items() if subject in plan.title),
                self.profile.topic,
            )
        self.keys.add(plan.key)
        self.plans.append(plan)
        return plan

    def sections_text(self, s: str, n: int) -> str:
        rng = self.rng
        out = []
        for i, heading in enumerate(rng.sample(HEADINGS, n)):
            measures = "；".join(rng.sample(MEASURES, 2))
            out.append(f"<h3>{'一二三四五六'[i]}、{heading}</h3>")
            out.append(f"<p>围绕{s}，{measures}。</p>")
        return "".join(out)

    # -- documents, rules and their interpretations

    def document(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        s = rng.choice(self.profile.subjects)
        title = self.fill(rng.choice(DOC_TITLES), formed, s=s)
        series = f"{self.profile.prefix}{'办' if rng.random() < 0.3 else ''}发"
        if self.profile.key == "gkb":
            series = "示公开办"
        purpose = rng.choice(PURPOSES)
        body = self.paras(
            f"{self.profile.addressees}：",
            f"为{purpose}，根据{rng.choice(self.profile.laws)}等有关规定，结合我市实际，"
            f"现就{s}有关事项通知如下。",
        )
        body += self.sections_text(s, rng.randint(3, 4))
        body += self.paras(rng.choice(CLOSINGS)) + self.signature(formed)
        mode, reason = M.PROACTIVE, ""
        if rng.random() < 0.03:
            mode, reason = M.ON_APPLICATION, "仅涉及特定对象的工作安排，依申请公开"
        plan = self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.publish_date(formed),
                body,
                G.OTHER_DOCUMENT,
                document_number=self.doc_number(series, formed.year),
                summary=f"就{s}工作作出部署，明确{rng.choice(HEADINGS)}和{rng.choice(HEADINGS)}。",
                mode=mode,
                mode_reason=reason,
                returned="请删除附件中工作人员的个人手机号码后重新提交"
                if rng.random() < 0.02
                else "",
            )
        )
        if plan and mode == M.PROACTIVE and rng.random() < 0.12:
            quoted = title[title.find("《") : title.find("》") + 1] if "《" in title else ""
            self.interpretation(plan, quoted or f"《{title}》")

    def articles(self, s: str, name: str, effective: dt.date, years: int | None) -> tuple[str, int]:
        rng = self.rng
        law = rng.choice(self.profile.laws)
        items = [
            f"为了规范{s}工作，{rng.choice(PURPOSES)}，根据{law}等法律法规，结合本市实际，制定本办法。",
            f"本办法适用于本市行政区域内的{s}及其监督管理活动。",
            f"{self.name}负责全市{s}的统筹协调和监督管理；各区人民政府负责本辖区内的相关工作。",
        ]
        items += [f"{m}。" for m in rng.sample(MEASURES, rng.randint(3, 5))]
        items.append(
            "违反本办法规定的，由有关部门依照相关法律、法规予以处理；构成犯罪的，依法追究刑事责任。"
        )
        end = f"本办法自{effective.year}年{effective.month}月{effective.day}日起施行"
        items.append(end + (f"，有效期{years}年。" if years else "。"))
        numerals = "一二三四五六七八九十"
        text = f"<h3>{name}</h3>"
        for i, article in enumerate(items, 1):
            n = numerals[i - 1] if i <= 10 else "十" + numerals[i - 11]
            text += f"<p>第{n}条　{article}</p>"
        return text, len(items)

    def regulation(self, col: Col, formed: dt.date, genre: str) -> None:
        """A 规章 (city government) or 行政规范性文件, with its interpretation; sometimes the
        new version of an earlier one, which then becomes 已修改 or 废止."""
        rng = self.rng
        old = None
        candidates = [
            p
            for p in self.documents
            if p.genre == genre
            and p.key not in self.replaced
            and p.formed_on < formed
            and (p.expires_on is None or p.expires_on > formed)
        ]
        if candidates and rng.random() < 0.3:
            old = rng.choice(candidates)
            base = old.name.split("（")[0]
            s = base.removeprefix(CITY_NAME)
            name = f"{base}（{formed.year}年修订）"
            for suffix in RULE_SUFFIXES:
                s = s.removesuffix(suffix)
        else:
            s = rng.choice(self.profile.subjects)
            name = f"{CITY_NAME}{s}{rng.choice(RULE_SUFFIXES)}"
        effective = formed + dt.timedelta(days=rng.choice((15, 30, 30, 60)))
        published = self.publish_date(formed, 2, 10)
        if genre == G.RULE:
            number = f"{CITY_NAME}人民政府令第{self.number('令', 0, 1) + 40}号"
            title = name
            years = None
            body = self.paras(
                f"《{name}》已经{formed.year}年{formed.month}月{formed.day}日市人民政府第"
                f"{rng.randint(20, 90)}次常务会议审议通过，现予公布，"
                f"自{effective.year}年{effective.month}月{effective.day}日起施行。",
                f"市长　{self.profile.leaders[0][1]}",
            )
        else:
            series = f"{self.profile.prefix}{'办' if rng.random() < 0.3 else ''}规"
            number = self.doc_number(series, formed.year, 1)
            title = f"关于印发《{name}》的通知"
            years = rng.choice((2, 3, 5, 5))
            meeting = "市人民政府常务会议" if self.profile.key == "szf" else "局务会议"
            body = self.paras(
                f"{self.profile.addressees}：",
                f"《{name}》已经{meeting}审议通过，现印发给你们，请认真贯彻执行。",
            )
            body += self.signature(formed)
        text, n_articles = self.articles(s, name, effective, years)
        body += text
        if old is not None:
            body += self.paras(f"原《{old.name}》同时废止。")
        plan = self.add(
            Plan(
                col.slug,
                title,
                formed,
                published,
                body,
                genre,
                document_number=number,
                summary=f"《{name}》共{n_articles}条，"
                f"自{effective.year}年{effective.month}月{effective.day}日起施行。",
                name=name,
                effective_on=effective,
                expires_on=effective.replace(year=effective.year + years) - dt.timedelta(1)
                if years
                else None,
            )
        )
        if plan is None:
            return
        if old is not None:
            validity = Item.Validity.AMENDED if rng.random() < 0.5 else Item.Validity.REPEALED
            plan.supersedes = (old.key, validity)
            self.replaced.add(old.key)
            old.expires_on = None  # replaced: it does not run out on its own
        self.documents.append(plan)
        self.interpretation(plan, f"《{name}》")

    def interpretation(self, doc: Plan, name: str) -> None:
        rng = self.rng
        formed = max(doc.formed_on, self.before(doc.publish_on, 2))
        title = rng.choice(("{n}政策解读", "关于{n}的解读", "一图读懂{n}")).format(n=name)
        s = rng.choice(self.profile.subjects)
        body = (
            "<h3>一、起草背景</h3>"
            + self.paras(
                f"近年来，我市{s}工作取得积极进展，但仍存在{rng.choice(PROBLEMS)}等问题，"
                f"有必要制定出台相关文件，进一步规范和加强相关工作。"
            )
            + "<h3>二、制定依据</h3>"
            + self.paras(f"{rng.choice(self.profile.laws)}及国家、省有关规定。")
            + "<h3>三、主要内容</h3>"
            + self.paras(*(f"{m}。" for m in rng.sample(MEASURES, 3)))
            + "<h3>四、解读机关及联系方式</h3>"
            + self.paras(f"解读机关：{self.name}　联系电话：{self.agency.office_phone}")
        )
        has_column = any(c.slug == "zcjd" for c in self.profile.columns)
        self.add(
            Plan(
                "zcjd" if has_column else doc.column,
                title,
                formed,
                doc.publish_on,
                body,
                G.INTERPRETATION,
                interprets=(doc.key,),
                summary=f"对{name}的起草背景、制定依据和主要内容进行解读。",
            )
        )

    # -- the drawn columns

    def normative(self, col: Col, formed: dt.date) -> None:
        self.regulation(col, formed, G.NORMATIVE)

    def rule(self, col: Col, formed: dt.date) -> None:
        self.regulation(col, formed, G.RULE)

    def news(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        title, opening, middles, closing = rng.choice(NEWS_STORIES)
        v = self.values(formed)
        picked = rng.sample(middles, rng.randint(1, len(middles)))
        title = title.format(**v)
        body = self.paras(*(t.format(**v) for t in (opening, *picked, closing)))
        withdraw = WITHDRAW_REASONS["default"] if rng.random() < 0.01 else ""
        self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.after(formed, 0, 1),
                body,
                G.NEWS,
                K.NEWS,
                withdraw=withdraw,
            )
        )

    def clarification(self, col: Col, formed: dt.date) -> None:
        rumor = self.fill(self.rng.choice(RUMORS[self.profile.key]), formed)
        body = self.paras(
            f"近日，有网民在社交平台发布“{rumor}”的信息，引发部分群众关注。",
            f"经{self.name}会同有关部门核实，该信息不实。相关监测和调查结果表明，"
            f"所涉情况均符合国家和地方有关规定。",
            "请广大市民通过政府网站等官方渠道获取信息，不信谣、不传谣。"
            f"如有疑问，可拨打{self.agency.office_phone}咨询。",
        )
        self.add(
            Plan(
                col.slug,
                f"关于网传“{rumor}”的情况说明",
                formed,
                formed,
                body,
                G.CLARIFICATION,
                K.NEWS,
                topic=OPENNESS,
            )
        )

    def licensing(self, col: Col, formed: dt.date) -> None:
        rng, key, y = self.rng, self.profile.key, formed.year
        firm = people.company_name(rng)
        if key == "sthjj":
            product = rng.choice(PRODUCTS)
            project = f"年产{rng.randint(1, 50)}万吨{product}项目"
            number = self.doc_number("示环审", y)
            title = f"关于{firm}{project}环境影响报告{rng.choice('书表')}的批复"
            body = self.paras(
                f"{firm}：",
                f"你公司报送的《{project}环境影响报告书》（以下简称《报告书》）收悉。"
                f"经研究，批复如下：",
                f"一、该项目位于{CITY_NAME}{rng.choice(people.DISTRICTS)}工业园区，总投资"
                f"{rng.randint(2000, 60000)}万元，其中环保投资{rng.randint(100, 3000)}万元。"
                f"在全面落实《报告书》提出的各项生态环境保护措施后，项目建设对环境的不利影响"
                f"能够得到缓解和控制，我局同意你公司按照《报告书》所列建设项目的性质、规模、地点"
                f"和环境保护措施进行建设。",
                "二、项目建设应严格执行配套的环境保护设施与主体工程同时设计、同时施工、"
                "同时投产使用的环境保护“三同时”制度。",
                "三、你公司应在启动生产设施或者发生实际排污之前申请取得排污许可证。",
            )
        elif key == "zjj":
            estate = rng.choice(people.ESTATES)
            if rng.random() < 0.5:
                permit = f"{rng.randint(210400, 210499)}{y}{self.number('施工', y):04d}"
                phase = rng.randint(1, 9)
                title = f"关于核发{estate}{phase}期项目建筑工程施工许可证的公示"
                body = self.paras(
                    f"根据《中华人民共和国建筑法》《建筑工程施工许可管理办法》，经审查，"
                    f"{firm}申报的{estate}{phase}期项目符合施工许可条件，"
                    f"准予核发建筑工程施工许可证（编号{permit}）。",
                    f"建设规模：{rng.randint(8000, 180000)}平方米；合同价格："
                    f"{rng.randint(2000, 90000)}万元；施工单位：{people.company_name(rng)}。",
                )
                number = ""
            else:
                number = f"示房预售证第{y}{self.number('预售', y):03d}号"
                title = f"{estate}商品房预售许可公示（{number}）"
                body = self.paras(
                    f"{firm}开发建设的{estate}项目{rng.randint(1, 24)}号楼已符合商品房预售条件，"
                    f"经审核，准予预售。",
                    f"预售面积：{rng.randint(5000, 40000)}平方米；预售套数："
                    f"{rng.randint(60, 400)}套；预售资金监管银行：{CITY_NAME}农村商业银行"
                    f"{rng.choice(people.DISTRICTS)}支行。",
                )
        else:
            surname = rng.choice(people.SURNAMES)[0]
            n = self.number("执业", y, 1)
            number = f"{self.profile.prefix}许〔{y}〕{n}号"
            title = f"关于准予{surname}{rng.choice(people.GIVEN_NAMES)}等{rng.randint(2, 15)}人律师执业许可的公告（{y}年第{n}号）"
            body = self.paras(
                "根据《中华人民共和国律师法》《律师执业管理办法》的规定，经审核，"
                "下列人员符合律师执业条件，准予颁发律师执业证书。",
                f"执业机构：示范{rng.choice(people.LAW_FIRMS)}律师事务所等。",
                "特此公告。",
            )
        self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.publish_date(formed, 1, 6),
                body,
                document_number=number,
                counts_as="licensing",
            )
        )

    def penalty(self, col: Col, formed: dt.date) -> None:
        rng, key, y = self.rng, self.profile.key, formed.year
        conduct, basis, lo, hi = rng.choice(PENALTIES[key])
        number = self.doc_number(f"{self.profile.prefix}罚", y, 2)
        party = (
            people.company_name(rng)
            if key != "sfj"
            else f"示范{rng.choice(people.LAW_FIRMS)}律师事务所"
        )
        amount = Decimal(rng.randint(max(lo * 10, 1), max(hi, 1) * 10)) / 10
        body = self.paras(
            f"当事人：{party}",
            f"统一社会信用代码：{people.uscc(rng)}",
            f"地址：{CITY_NAME}{rng.choice(people.DISTRICTS)}{rng.choice(people.ROADS)}"
            f"{rng.randint(1, 399)}号",
            f"{formed.year}年{rng.randint(1, formed.month)}月，我局执法人员对你单位进行现场检查，"
            f"发现你单位存在{conduct}的行为。以上事实有现场检查（勘察）笔录、调查询问笔录、"
            f"现场照片等证据为证。",
            f"你单位的上述行为违反了{basis.split('》')[0]}》的有关规定。"
            f"我局于{formed.year}年依法向你单位送达了《行政处罚事先告知书》，"
            f"你单位在规定期限内{rng.choice(('未提出陈述、申辩', '提出了陈述、申辩，经复核不予采纳'))}。",
            f"依据{basis}的规定，我局决定对你单位处以罚款人民币{amount}万元，"
            f"并责令立即改正违法行为。",
            "如不服本处罚决定，可在收到本决定书之日起六十日内向"
            f"{CITY_NAME}人民政府申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。",
        )
        self.add(
            Plan(
                col.slug,
                f"{self.name}{y}年行政处罚决定（{number}）",
                formed,
                self.publish_date(formed, 1, 6),
                body,
                document_number=number,
                summary=f"{party}{conduct}，罚款{amount}万元。",
                withdraw=WITHDRAW_REASONS["penalty"] if rng.random() < 0.01 else "",
                counts_as="penalty",
            )
        )

    def coercion(self, col: Col, formed: dt.date) -> None:
        rng, y = self.rng, formed.year
        number = self.doc_number(f"{self.profile.prefix}封", y, 1)
        firm = people.company_name(rng)
        body = self.paras(
            f"当事人：{firm}",
            f"经查，你单位存在违反法律法规规定排放污染物，造成或者可能造成严重污染的行为。"
            f"依据《中华人民共和国环境保护法》第二十五条、《环境保护主管部门实施查封、扣押办法》"
            f"第四条的规定，我局决定对你单位{rng.choice(('生产车间', '污水处理设施', '喷涂线'))}"
            f"的相关设施、设备实施查封，期限为{rng.choice((15, 30))}日。",
            "查封期间，你单位不得擅自启封、转移、使用被查封的设施设备。",
        )
        self.add(
            Plan(
                col.slug,
                f"查封决定书（{number}）",
                formed,
                self.publish_date(formed, 1, 5),
                body,
                document_number=number,
                counts_as="coercion",
            )
        )

    def personnel(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        surname = rng.choice(people.SURNAMES)[0]
        who = f"{surname}{rng.choice(people.GIVEN_NAMES)}"
        if self.profile.key == "szf":
            number = self.doc_number("示政任", formed.year, 2)
            title = f"{self.name}关于{who}等同志职务任免的通知"
            body = self.paras(
                f"{self.profile.addressees}：",
                f"经{CITY_NAME}人民政府研究决定：任命{who}为{CITY_NAME}"
                f"{rng.choice(('发展和改革委员会', '财政局', '教育局', '民政局', '交通运输局'))}"
                f"副主任（副局长）；免去{rng.choice(people.SURNAMES)[0]}"
                f"{rng.choice(people.GIVEN_NAMES)}的{CITY_NAME}"
                f"{rng.choice(('统计局', '审计局', '商务局'))}副局长职务。",
            ) + self.signature(formed)
        else:
            number = ""
            title = f"{self.name}拟任职干部任前公示（{formed.year}年第{self.number('公示', formed.year, 1)}批）"
            body = self.paras(
                "根据《党政领导干部选拔任用工作条例》，经局党组研究，拟对以下同志任职前予以公示：",
                f"{who}，{rng.choice(('男', '女'))}，汉族，{rng.randint(1975, 1992)}年生，"
                f"大学学历，中共党员，现任{self.short}{rng.choice(('办公室', '法规科', '执法支队'))}"
                f"副主任科员，拟任科长。",
                "公示期为5个工作日。如对公示对象有异议，可通过来电、来信等方式向局机关党委反映。",
            )
        self.add(
            Plan(
                col.slug,
                title,
                formed,
                self.after(formed, 0, 2),
                body,
                document_number=number,
                topic=PERSONNEL,
            )
        )

    def proposal(self, col: Col, formed: dt.date) -> None:
        rng = self.rng
        if formed.month < 5 or formed.month > 10:
            return  # answered after the two sessions (两会), by October
        body_name, session = rng.choice(
            (
                ("市人大", f"十七届{formed.year - 2021}次会议"),
                ("市政协", f"十五届{formed.year - 2021}次会议"),
            )
        )
        kind = "建议" if body_name == "市人大" else "提案"
        n = rng.randint(1, 420)
        s = rng.choice(self.profile.subjects)
        who = f"{rng.choice(people.SURNAMES)[0]}{rng.choice(people.GIVEN_NAMES)}"
        body = self.paras(
            f"{who}{'代表' if kind == '建议' else '委员'}：",
            f"您提出的关于加强{s}的{kind}收悉。经认真研究，现答复如下：",
            *(f"{m}。" for m in rng.sample(MEASURES, 3)),
            f"感谢您对{s}工作的关心和支持，欢迎继续提出宝贵意见。",
        ) + self.signature(formed)
        self.add(
            Plan(
                col.slug,
                f"关于{body_name}{session}第{n}号{kind}的答复",
                formed,
                self.after(formed, 1, 8),
                body,
                summary=f"关于{s}的{kind}答复（{'A' if rng.random() < 0.7 else 'B'}类）。",
            )
        )

    # -- periodic and fixed items

    def periodic(self, col: Col, year: int, month: int) -> None:
        """Items that come on a schedule (not drawn by rate)."""
        rng, kind = self.rng, col.kind
        if kind == "org" and (year, month) == (2023, 1):
            self.org(col)
        elif kind == "guide" and (year, month) in ((2023, 1), (2025, 2)):
            self.guide(col, year)
        elif kind == "system" and (year, month) == (2023, 3):
            self.system(col)
        elif kind == "annual_report" and month == 1:
            self.annual_report(col, year)
        elif kind == "finance" and month in (2, 8):
            self.finance(col, year, budget=month == 2)
        elif kind == "air_quality":
            formed = self.workday(year, month, rng.randint(5, 10))
            prev = dt.date(year, month, 1) - dt.timedelta(1)
            good = rng.randint(72, 98)
            body = self.paras(
                f"{prev.year}年{prev.month}月，全市环境空气质量优良天数比例为{good}%，"
                f"同比{'上升' if rng.random() < 0.6 else '下降'}{rng.randint(1, 9)}个百分点。",
                f"细颗粒物（PM2.5）平均浓度为{rng.randint(18, 60)}微克/立方米，"
                f"可吸入颗粒物（PM10）平均浓度为{rng.randint(35, 95)}微克/立方米。",
                f"各区中，{rng.choice(people.DISTRICTS)}空气质量综合指数最低，"
                f"{rng.choice(people.DISTRICTS)}最高。",
            )
            self.add(
                Plan(
                    col.slug, f"{CITY_NAME}{prev.year}年{prev.month}月环境空气质量状况",
                    formed, self.after(formed, 0, 3), body,
                )
            )  # fmt: skip
        elif kind == "housing" and month in (3, 6, 9, 12):
            formed = self.workday(year, month, rng.randint(10, 25))
            n = rng.randint(80, 400)
            body = self.paras(
                f"根据《{CITY_NAME}公共租赁住房管理办法》，经资格审核、公开摇号，"
                f"现将{year}年第{month // 3}批公共租赁住房配租结果予以公示。",
                f"本批次共配租{n}户，其中城镇中低收入住房困难家庭{n - n // 4}户、"
                f"新就业无房职工和外来务工人员{n // 4}户。",
                "公示期为5个工作日。对公示结果有异议的，可向市住房保障中心书面反映。",
            )
            self.add(
                Plan(
                    col.slug, f"{CITY_NAME}{year}年第{month // 3}批公共租赁住房配租结果公示",
                    formed, self.after(formed, 0, 2), body,
                )
            )  # fmt: skip
        elif kind == "legal_service" and month in (3, 5, 9):
            formed = self.workday(year, month, rng.randint(5, 20))
            title = {
                3: f"{CITY_NAME}司法鉴定机构名册（{year}年）",
                5: f"{CITY_NAME}{year - 1}年度律师事务所年度检查考核结果公告",
                9: f"{CITY_NAME}{year}年上半年法律援助工作情况",
            }[month]
            body = self.paras(
                f"根据有关规定，{self.name}对{title.removeprefix(CITY_NAME)}予以公布。",
                f"全市共有律师事务所{rng.randint(60, 90)}家、执业律师{rng.randint(900, 1400)}人，"
                f"司法鉴定机构{rng.randint(8, 15)}家，公证机构{rng.randint(4, 7)}家。",
                f"{year}年以来，全市法律援助机构共受理案件{rng.randint(800, 2400)}件，"
                f"提供法律咨询{rng.randint(8000, 20000)}人次。",
            )
            self.add(Plan(col.slug, title, formed, self.after(formed, 0, 3), body))
        elif kind == "plan" and month in (1, 3):
            formed = self.workday(year, month, rng.randint(15, 28))
            title = (
                f"{year}年{CITY_NAME}人民政府工作报告"
                if month == 1
                else f"{CITY_NAME}{year - 1}年国民经济和社会发展统计公报"
            )
            body = self.paras(
                f"{year - 1}年，全市地区生产总值达到{rng.randint(1800, 2600)}亿元，"
                f"比上年增长{rng.randint(40, 65) / 10}%。",
                f"一般公共预算收入{rng.randint(120, 200)}亿元，城镇新增就业{rng.randint(3, 6)}万人，"
                f"居民人均可支配收入增长{rng.randint(45, 70) / 10}%。",
                *(f"{m}。" for m in rng.sample(MEASURES, 2)),
            )
            self.add(
                Plan(
                    col.slug, title, formed, self.after(formed, 1, 5), body,
                    topic=("国民经济管理、国有资产监管", "发展规划" if month == 1 else "统计"),
                )
            )  # fmt: skip
        elif kind == "openness" and month == 4:
            formed = self.workday(year, month, rng.randint(5, 20))
            number = self.doc_number("示公开办", year, 2)
            title = f"关于印发《{CITY_NAME}{year}年政务公开工作要点》的通知"
            body = self.paras(
                f"{self.profile.addressees}：",
                f"现将《{CITY_NAME}{year}年政务公开工作要点》印发给你们，请结合实际认真抓好落实。",
            )
            body += self.sections_text("政务公开", 4) + self.signature(formed)
            plan = self.add(
                Plan(col.slug, title, formed, self.after(formed, 1, 5), body,
                     G.OTHER_DOCUMENT, document_number=number)
            )  # fmt: skip
            if plan and year >= 2024:
                self.add(
                    Plan(
                        "gzdt", f"一图读懂《{CITY_NAME}{year}年政务公开工作要点》",
                        formed, plan.publish_on, self.paras("以图解方式解读今年政务公开重点任务。"),
                        G.INTERPRETATION, interprets=(plan.key,),
                    )
                )  # fmt: skip

    def workday(self, year: int, month: int, day: int) -> dt.date:
        d = dt.date(year, month, min(day, 28))
        return d if self.cal.is_workday(d) else self.cal.next_workday(d)

    def org(self, col: Col) -> None:
        formed = self.workday(2023, 1, 9)
        published = self.after(formed, 1, 3)
        intro = {
            "szf": f"{self.name}是{CITY_NAME}人民代表大会的执行机关，是{CITY_NAME}的国家行政机关，",
            "gkb": f"{self.name}设在{CITY_NAME}人民政府办公室，是全市政务公开工作的主管部门，",
        }.get(self.profile.key, f"{self.name}是{CITY_NAME}人民政府工作部门，")
        duties = self.paras(
            f"{intro}主要职责是：",
            *(
                f"（{'一二三四五'[i]}）负责全市{s}工作。"
                for i, s in enumerate(self.profile.subjects[:5])
            ),
        )
        self.add(Plan(col.slug, f"{self.name}主要职责", formed, published, duties,
                      content_kind=K.OVERVIEW, topic=OPENNESS))  # fmt: skip
        units = self.paras(
            "内设机构：办公室、法规科、"
            + "、".join(s[:4] + "科" for s in self.profile.subjects[:4])
            + "。",
            f"办公地址：{self.agency.office_address}",
        )
        self.add(Plan(col.slug, f"{self.name}内设机构", formed, published, units,
                      content_kind=K.OVERVIEW, topic=OPENNESS))  # fmt: skip

        def leaders(names: tuple[tuple[str, str], ...]) -> str:
            return self.paras(*(f"{t}：{n}　负责{self.name}全面工作或分管工作。" for t, n in names))

        changed = ((self.profile.leaders[1][0], "唐振华"),)
        revised = (
            self.workday(2025, 3, 12),
            leaders(self.profile.leaders[:1] + changed + self.profile.leaders[2:]),
            "领导分工调整",
        )
        self.add(Plan(col.slug, f"{self.name}领导信息", formed, published,
                      leaders(self.profile.leaders), content_kind=K.OVERVIEW,
                      topic=OPENNESS, revision=revised))  # fmt: skip

    def guide(self, col: Col, year: int) -> None:
        formed = self.workday(year, 1 if year == 2023 else 2, 16)
        a = self.agency
        body = (
            "<h3>一、主动公开</h3>"
            + self.paras(
                "本机关主动公开的政府信息，通过政府网站政府信息公开专栏、政府公报、新闻发布会等途径公开，"
                "自信息形成或者变更之日起20个工作日内予以公开。"
            )
            + "<h3>二、依申请公开</h3>"
            + self.paras(
                f"申请人可以通过网上申请、信函申请、当面申请等方式向{a.office_name}提出申请。",
                f"受理机构：{a.office_name}；地址：{a.office_address}；邮政编码：{a.office_postcode}；"
                f"办公时间：{a.office_hours}；联系电话：{a.office_phone}。",
            )
            + "<h3>三、救济方式</h3>"
            + self.paras(
                "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，"
                "可以依法申请行政复议或者提起行政诉讼。"
            )
        )
        suffix = "" if year == 2023 else f"（{year}年修订）"
        self.add(Plan(col.slug, f"{self.name}政府信息公开指南{suffix}", formed,
                      self.after(formed, 1, 3), body, G.OTHER_DOCUMENT, K.OVERVIEW,
                      topic=OPENNESS))  # fmt: skip

    def system(self, col: Col) -> None:
        names = (
            "政府信息公开保密审查制度",
            "政府信息主动公开工作制度",
            "政府信息依申请公开工作规程",
            "政府信息公开工作考核和责任追究制度",
        )
        for i, name in enumerate(names):
            formed = self.workday(2023, 3, 6 + 3 * i)
            body = self.paras(
                "第一条　为规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。",
                f"第二条　{self.agency.office_name}负责本机关{name.removesuffix('制度').removesuffix('工作规程')}的日常工作。",
                "第三条　拟公开的政府信息应当经过保密审查，未经审查的不得公开。",
                "第四条　本制度自印发之日起施行。",
            )
            self.add(Plan(col.slug, f"{self.name}{name}", formed, self.after(formed, 1, 4),
                          body, G.OTHER_DOCUMENT, topic=OPENNESS))  # fmt: skip

    def annual_report(self, col: Col, year: int) -> None:
        rng = self.rng
        formed = self.workday(year, 1, rng.randint(12, 20))
        body = (
            "<h3>一、总体情况</h3>"
            + self.paras(
                f"{year - 1}年，{self.name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                f"全年主动公开政府信息{rng.randint(100, 600)}条，受理政府信息公开申请"
                f"{rng.randint(20, 200)}件。"
            )
            + "<h3>二、主动公开政府信息情况</h3><h3>三、收到和处理政府信息公开申请情况</h3>"
            + "<h3>四、政府信息公开行政复议、行政诉讼情况</h3>"
            + "<h3>五、存在的主要问题及改进情况</h3>"
            + self.paras(f"{rng.choice(MEASURES)}。")
            + "<h3>六、其他需要报告的事项</h3>"
            + self.paras("本年度未收取信息处理费。")
        )
        self.add(Plan(col.slug, f"{self.name}{year - 1}年政府信息公开工作年度报告", formed,
                      self.after(formed, 1, 5), body, G.OTHER_DOCUMENT, topic=OPENNESS))  # fmt: skip

    def finance(self, col: Col, year: int, *, budget: bool) -> None:
        rng = self.rng
        formed = self.workday(year, 2 if budget else 8, rng.randint(10, 25))
        what = f"{year}年部门预算" if budget else f"{year - 1}年部门决算"
        if self.profile.key == "szf":
            what = f"{year}年市级一般公共预算" if budget else f"{year - 1}年市级财政决算"
        total = rng.randint(3000, 90000)
        body = (
            "<h3>一、部门基本情况</h3>"
            + self.paras(
                f"{self.name}主要职责是负责全市{'、'.join(self.profile.subjects[:3])}等工作。"
            )
            + "<h3>二、收支总体情况</h3>"
            + self.paras(
                f"收入总计{total}万元，其中一般公共预算拨款{total - total // 7}万元；"
                f"支出总计{total}万元，其中基本支出{total // 3}万元、项目支出{total - total // 3}万元。"
            )
            + "<h3>三、“三公”经费情况</h3>"
            + self.paras(
                f"“三公”经费{rng.randint(5, 80)}万元，其中因公出国（境）费0万元、"
                f"公务用车购置及运行维护费{rng.randint(3, 40)}万元、公务接待费{rng.randint(1, 9)}万元。"
            )
        )
        self.add(Plan(col.slug, f"{self.name}{what}", formed, self.after(formed, 1, 6), body,
                      topic=FINANCE))  # fmt: skip

    # -- the whole agency

    def write(self, today: dt.date) -> list[Plan]:
        columns = [c for _, _, cols in self.sections() for c in cols]
        months = [
            (y, m)
            for y in range(START.year, today.year + 1)
            for m in range(1, 13)
            if dt.date(y, m, 1) <= today
        ]
        for col in columns:
            for y, m in months:
                self.rng = random.Random(f"{SEED}:{self.profile.key}:{col.slug}:{y}-{m:02d}")
                self.periodic(col, y, m)
                if not col.rate:
                    continue
                mean = col.rate * SCALE / 12
                n = int(mean * self.rng.uniform(0.6, 1.4) + self.rng.random())
                days = self.workdays_of(y, m)
                for formed in sorted(self.rng.choices(days, k=n)):
                    getattr(self, col.kind)(col, formed)
        return self.plans

    def workdays_of(self, y: int, m: int) -> list[dt.date]:
        first = dt.date(y, m, 1)
        days = [first + dt.timedelta(i) for i in range(31)]
        return [d for d in days if d.month == m and self.cal.is_workday(d)]

    def sections(self) -> list[tuple[str, str, tuple[Col, ...]]]:
        return [(slug, name, cols or self.profile.columns) for slug, name, cols in SECTIONS]


# ------------------------------------------------------------------ loading


@dataclass
class CatalogResult:
    sections_created: int = 0
    columns_created: int = 0
    topics_created: int = 0
    memberships_created: int = 0
    items_created: int = 0
    actions: Counter = field(default_factory=Counter)  # service calls by name
    figures_created: int = 0
    refusals: list[str] = field(default_factory=list)


def index_code(profile: Profile) -> str:
    return profile.credit_code + people.uscc_check_char(profile.credit_code)


def _topics(result: CatalogResult) -> dict[tuple[str, str], Topic]:
    out: dict[tuple[str, str], Topic] = {}
    existing = {(t.parent_id, t.name): t for t in Topic.objects.all()}
    for i, (name, children) in enumerate(TOPICS):
        top = existing.get((None, name))
        if top is None:
            top = Topic.objects.create(name=name, order=i)
            result.topics_created += 1
        out[(name, "")] = top
        out[(name, name)] = top  # a top level without sub-themes (其他)
        for j, child in enumerate(children):
            sub = existing.get((top.pk, child))
            if sub is None:
                sub = Topic.objects.create(name=child, parent=top, order=j)
                result.topics_created += 1
            out[(name, child)] = sub
    return out


def _portal(writer: Writer, result: CatalogResult) -> dict[str, Column]:
    agency = writer.agency
    sections = {s.slug: s for s in Section.objects.filter(agency=agency)}
    columns = {c.slug: c for c in Column.objects.filter(agency=agency)}
    for order, (slug, name, cols) in enumerate(writer.sections()):
        section = sections.get(slug)
        if section is None:
            section = Section.objects.create(agency=agency, name=name, slug=slug, order=order)
            result.sections_created += 1
        for i, col in enumerate(cols):
            if col.slug not in columns:
                columns[col.slug] = Column.objects.create(
                    agency=agency,
                    section=section,
                    name=col.name,
                    slug=col.slug,
                    order=i,
                    description=col.description,
                )
                result.columns_created += 1
    return columns


def _memberships(agency: Agency, editor: User, reviewer: User, result: CatalogResult) -> None:
    for user, role in ((editor, Membership.Role.EDITOR), (reviewer, Membership.Role.REVIEWER)):
        _, made = Membership.objects.get_or_create(user=user, agency=agency, role=role)
        result.memberships_created += made


def _input(
    plan: Plan, agency: Agency, columns, topics, ids: dict[Key, int], body: str | None = None
) -> services.ItemInput:
    return services.ItemInput(
        title=plan.title,
        formed_on=plan.formed_on,
        body=plan.body if body is None else body,
        column_id=columns[plan.column].pk,
        document_number=plan.document_number,
        issuer=agency.name,
        topic_id=topics[plan.topic].pk,
        genre=plan.genre,
        mode=plan.mode,
        mode_reason=plan.mode_reason,
        content_kind=plan.content_kind,
        summary=plan.summary[:200],
        effective_on=plan.effective_on,
        interprets=[ids[k] for k in plan.interprets if k in ids],
    )


def _reconcile(
    writer: Writer,
    plans: list[Plan],
    columns: dict[str, Column],
    topics: dict,
    editor: User,
    reviewer: User,
    today: dt.date,
    result: CatalogResult,
) -> None:
    """Bring the agency's items to where the plan says they are today."""
    agency = writer.agency
    items = {(i.title, i.formed_on): i for i in Item.objects.filter(agency=agency)}
    ids = {k: i.pk for k, i in items.items()}
    S = Item.Status

    def call(name: str, fn: Callable, *args, **kw):
        result.actions[name] += 1
        return fn(*args, **kw)

    for plan in sorted(plans, key=lambda p: (p.publish_on, p.formed_on)):
        if plan.formed_on > today:
            continue
        # drafted on 成文日期, submitted halfway to the publication date, approved on it
        gap = writer.cal.workdays_between(plan.formed_on, plan.publish_on)
        submit_on = writer.cal.add_workdays(plan.formed_on, gap // 2)
        item = items.get(plan.key)
        if item is None:
            data = _input(plan, agency, columns, topics, ids)
            item = call("create_draft", services.create_draft, agency, data=data, actor=editor)
            items[plan.key], ids[plan.key] = item, item.pk
            result.items_created += 1
            if plan.returned and plan.publish_on <= today:  # returned once, then approved
                item = call("submit_for_review", services.submit_for_review, item, actor=editor)
                call("review", services.review, item, approve=False, opinion=plan.returned,
                     actor=reviewer, on=plan.publish_on)  # fmt: skip
                item.refresh_from_db()
        if item.status == S.DRAFT and submit_on <= today:
            item = call("submit_for_review", services.submit_for_review, item, actor=editor)
        if item.status == S.IN_REVIEW and plan.publish_on <= today:
            call("review", services.review, item, approve=True, opinion=REVIEW_OPINION,
                 actor=reviewer, on=plan.publish_on)  # fmt: skip
            item.refresh_from_db()
        if item.status != S.PUBLISHED:
            continue
        if plan.withdraw and writer.cal.add_workdays(plan.publish_on, 3) <= today:
            item = call("withdraw", services.withdraw, item, reason=plan.withdraw, actor=editor)
            continue
        if plan.revision and plan.revision[0] <= today and item.version == 1:
            on, body, reason = plan.revision
            data = _input(plan, agency, columns, topics, ids, body=body)
            call("revise", services.revise, item, data=data, reason=reason, actor=editor)
            call("review", services.review, item, approve=True, opinion=REVIEW_OPINION,
                 actor=reviewer, on=on)  # fmt: skip
        takes_effect = plan.effective_on or plan.publish_on
        if plan.supersedes and takes_effect <= today:
            old_key, validity = plan.supersedes
            old = items.get(old_key)
            if old is not None and old.replaced_by_id != item.pk:
                items[old_key] = call(
                    "set_validity", services.set_validity, old, validity=validity,
                    on=takes_effect, actor=editor, replaced_by=item,
                    reason=f"被《{plan.name}》{'修改' if validity == 'amended' else '废止'}",
                )  # fmt: skip
    for plan in plans:  # 有效期 that ended without a successor
        item = items.get(plan.key)
        if (
            plan.expires_on
            and plan.expires_on <= today
            and item is not None
            and item.validity == Item.Validity.VALID
        ):
            items[plan.key] = call(
                "set_validity", services.set_validity, item, validity=Item.Validity.EXPIRED,
                on=plan.expires_on, actor=editor, reason="有效期届满",
            )  # fmt: skip


def _figures(
    writer: Writer, plans: list[Plan], editor: User, today: dt.date, result: CatalogResult
) -> None:
    """Table 二 figures of the past full years: the published decisions and a few more."""
    key = writer.profile.key
    if key not in EXTRA_DECISIONS:
        return
    have = set(AnnualFigures.objects.filter(agency=writer.agency).values_list("year", flat=True))
    counted = Counter((p.counts_as, p.formed_on.year) for p in plans if p.counts_as)
    extra = EXTRA_DECISIONS[key]
    for year in range(START.year, today.year):
        if year in have:
            continue
        rng = random.Random(f"{SEED}:{key}:figures:{year}")
        lo, hi = FEES_WAN[key]
        fee = Decimal(rng.randint(lo * 100, hi * 100)) / 100 if hi else Decimal(0)
        values = figures.Figures(
            licensing=counted["licensing", year] + rng.randint(extra[0] // 2, extra[0]),
            penalty=counted["penalty", year] + rng.randint(extra[1] // 2, extra[1]),
            coercion=counted["coercion", year] + rng.randint(extra[2] // 2, extra[2]),
            fee_wan=fee,
        )
        figures.save_figures(writer.agency, year, values, actor=editor)
        result.figures_created += 1


def load_catalog(
    agencies: dict[str, Agency],
    users: dict[str, User],
    *,
    today: dt.date | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> CatalogResult:
    """The demo catalog for the demo agencies (by demo key: szf, gkb, sfj, sthjj, zjj)."""
    result = CatalogResult()
    today = today or timezone.localdate()
    cal = clock.work_calendar()
    editor, reviewer = users["editor"], users["reviewer"]
    topics = _topics(result)
    for key, profile in PROFILES.items():
        agency = agencies[key]
        if not agency.index_code:
            agency.index_code = index_code(profile)
            agency.full_clean()
            agency.save(update_fields=["index_code"])
        _memberships(agency, editor, reviewer, result)
        writer = Writer(profile, agency, cal)
        columns = _portal(writer, result)
        plans = writer.write(today)
        try:
            _reconcile(writer, plans, columns, topics, editor, reviewer, today, result)
        except services.ActionRefused as e:  # should not happen: the plan follows the rules
            result.refusals.append(f"{agency.code}: {e}")
        _figures(writer, plans, editor, today, result)
        if progress:
            progress(key, result.items_created)
    return result

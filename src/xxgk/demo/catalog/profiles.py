"""The demo agencies' disclosure portals: what each one publishes and how it words it
(`Profile`, with its columns `Col`), and the four sections of every portal."""

from __future__ import annotations

from dataclasses import dataclass

from .topics import OPENNESS


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

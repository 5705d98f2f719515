"""`xxgk synthetic_catalog --items 1000000 [--agencies 20] [--seed 1]`: a large synthetic
catalog for BENCHMARKS (search and page speed), not domain data.

The items are inserted with `bulk_create` in batches, bypassing `catalog.services`: they have
no versions, reviews or events, and no author. They are all published and proactively
disclosed, spread over the agencies of a synthetic city (基准市: one government and its
departments, codes `synth-01`…), their columns and ten years up to today. Never run it on a
real site (refused when XXGK_ENV=production) — run it on an empty benchmark database.

Texts are assembled quickly from phrase lists, with a skewed (Zipf) choice of clauses, so that
common two-character words (工作, 管理, 环境 …) are in most items, subject words in some, and
the proper names of `RARE_NAMES` (villages, roads, firms, people) in a few dozen items each.

`search_text` is what `xxgk.catalog.search.index_text(title, body, f"{文号} {summary}")` gives
(the services index exactly that): index_text works run by run of CJK characters (bigrams and
jieba words of each run, then the ASCII words), so the command calls it once per distinct run
and joins the cached results in order — the same string, without segmenting the same clause a
million times; the first items are checked against a direct call. On SQLite the FTS5 rows are
inserted too (see `search.index_item`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import itertools
import queue
import random
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from xxgk.agencies.models import Agency
from xxgk.catalog import search
from xxgk.catalog.models import Column, IndexSeries, Item, Section, Topic
from xxgk.demo.catalog import TOPICS
from xxgk.demo.people import uscc_check_char
from xxgk.holidays.calendar import work_calendar

CITY = "基准市"
CODE_PREFIX = "synth-"
YEARS = 10
CHECKED = 200  # items whose search_text is compared with a direct index_text call
G, K = Item.Genre, Item.ContentKind

DEPARTMENTS = (
    ("发展和改革委员会", "发改", ("国民经济管理、国有资产监管", "发展规划")),
    ("教育局", "教", ("科技、教育", "教育")),
    ("科学技术局", "科", ("科技、教育", "科技")),
    ("工业和信息化局", "工信", ("工业、交通", "工业")),
    ("公安局", "公", ("公安、安全、司法", "公安")),
    ("民政局", "民", ("民政、扶贫、救灾", "社会福利")),
    ("司法局", "司", ("公安、安全、司法", "司法")),
    ("财政局", "财", ("财政、金融、审计", "财政")),
    ("人力资源和社会保障局", "人社", ("劳动、人事、监察", "社会保障")),
    ("自然资源和规划局", "自然资源", ("国土资源、能源", "土地")),
    ("生态环境局", "环", ("城乡建设、环境保护", "环境监测、保护与治理")),
    ("住房和城乡建设局", "建", ("城乡建设、环境保护", "城乡建设（含住房）")),
    ("交通运输局", "交", ("工业、交通", "交通")),
    ("水利局", "水", ("农业、林业、水利", "水利")),
    ("农业农村局", "农", ("农业、林业、水利", "农业、畜牧业、渔业")),
    ("商务局", "商", ("商贸、海关、旅游", "国内贸易（含供销）")),
    ("文化广电旅游局", "文旅", ("文化、广电、新闻出版", "文化")),
    ("卫生健康委员会", "卫健", ("卫生、体育", "卫生")),
    ("应急管理局", "应急", ("综合政务", "应急管理")),
    ("市场监督管理局", "市监", ("市场监管、安全生产监管", "市场监管")),
    ("审计局", "审", ("财政、金融、审计", "审计")),
    ("统计局", "统", ("国民经济管理、国有资产监管", "统计")),
    ("医疗保障局", "医保", ("劳动、人事、监察", "社会保障")),
    ("城市管理局", "城管", ("城乡建设、环境保护", "城乡建设（含住房）")),
)

# (slug, name, genre, content kind, weight): the columns of every synthetic agency
COLUMNS = (
    ("gzdt", "工作动态", G.NEWS, K.NEWS, 30),
    ("tzgg", "通知公告", G.OTHER, K.NEWS, 9),
    ("zcwj", "政策文件", G.OTHER_DOCUMENT, K.CATALOG, 8),
    ("gfxwj", "规范性文件", G.NORMATIVE, K.CATALOG, 2),
    ("zcjd", "政策解读", G.INTERPRETATION, K.CATALOG, 3),
    ("xzxk", "行政许可", G.OTHER, K.CATALOG, 16),
    ("xzcf", "行政处罚", G.OTHER, K.CATALOG, 14),
    ("czxx", "财政信息", G.OTHER, K.CATALOG, 1),
    ("rsxx", "人事信息", G.OTHER, K.CATALOG, 3),
    ("ghjh", "规划计划", G.OTHER_DOCUMENT, K.CATALOG, 2),
    ("jytabl", "建议提案办理", G.OTHER, K.CATALOG, 3),
    ("tjsj", "统计数据", G.OTHER, K.CATALOG, 5),
    ("jgzn", "机构职能", G.OTHER, K.OVERVIEW, 0.2),
)
SECTIONS = (
    ("zn", "政府信息公开指南"),
    ("zd", "政府信息公开制度"),
    ("fd", "法定主动公开内容"),
    ("nb", "政府信息公开年报"),
)

# ------------------------------------------------------------------ vocabulary

SUBJECTS = """
大气污染防治 水污染防治 土壤污染防治 排污许可管理 环境影响评价 噪声污染防治 危险废物管理 法律援助 人民调解
社区矫正 公证管理 律师行业管理 行政复议 物业管理 住房租赁 老旧小区改造 扬尘治理 建筑施工安全 保障性住房
城市更新 优化营商环境 数字政府建设 安全生产 乡村振兴 稳就业 科技创新 养老服务 义务教育 文明城市创建 防汛抗旱
招商引资 社会信用体系建设 政务服务 食品安全 药品监管 医疗保障 公共卫生 疾病预防控制 道路运输 公路养护 水资源管理
河湖长制 高标准农田建设 动物防疫 耕地保护 国土空间规划 不动产登记 统计调查 审计监督 预算管理 政府采购 国有资产管理
工业节能 中小企业发展 电子商务 消费促进 文物保护 公共文化服务 旅游市场监管 社会救助 婚姻登记 殡葬管理 退役军人服务
应急救援 森林防火 消防安全 职业技能培训 社会保险 劳动保障监察 知识产权保护 质量强市 计量监督 特种设备安全 城市管理
""".split()
DISTRICTS = (
    "示范区 东城区 西城区 滨江区 城南区 高新技术开发区 经济技术开发区 北湖区 临港新区".split()
)

CLAUSES = (
    "深入贯彻落实党中央、国务院决策部署",
    "进一步规范行政行为",
    "切实保障人民群众合法权益",
    "推动高质量发展",
    "健全工作机制，明确责任分工",
    "加强部门协同，建立信息共享制度",
    "强化监督检查，对发现的问题建立台账",
    "加大政策宣传力度，及时回应社会关切",
    "加强业务培训，提升依法履职能力",
    "推进信息化建设，实现全程网上办理",
    "严格落实“双随机、一公开”监管要求",
    "将工作成效纳入年度绩效考核",
    "坚持问题导向，聚焦重点领域和关键环节",
    "鼓励社会公众参与，畅通投诉举报渠道",
    "将所需经费纳入部门预算",
    "完善应急预案，定期组织开展应急演练",
    "各单位要高度重视，结合实际认真组织实施",
    "请各单位于每季度末报送工作进展情况",
    "会议总结了前一阶段工作，部署了下一步重点任务",
    "检查组采取听取汇报、查阅台账、现场察看等方式开展检查",
    "会议指出，各单位要提高政治站位，把各项工作抓紧抓实",
    "培训围绕政策法规解读、典型案例剖析、业务流程规范等内容展开",
    "活动现场，工作人员向群众发放宣传资料并解答咨询",
    "下一步，将持续加强督促指导，推动工作取得更大成效",
    "群众满意度持续提升",
    "形成了一批可复制、可推广的经验做法",
    "当事人的上述行为违反了有关法律法规的规定",
    "依据有关规定，决定对当事人处以罚款并责令改正",
    "如不服本决定，可在收到本决定书之日起六十日内申请行政复议",
    "经审查，申请材料齐全，符合法定形式，准予行政许可",
    "公示期为五个工作日，如有异议可书面反映",
    "收入预算和支出预算均按规定编制",
    "感谢您对我们工作的关心和支持",
    "本办法自印发之日起施行，有效期五年",
    "有关部门要加强指导，确保各项措施落地见效",
    "对工作不力、推诿扯皮的，依规依纪严肃问责",
)
SUBJECT_CLAUSES = (
    "围绕{s}，{c}",
    "今年以来，全市{s}工作取得积极进展",
    "{d}{s}工作推进会召开",
    "全面加强{s}工作",
    "{s}事关人民群众切身利益",
    "建立健全{s}长效机制",
    "开展{s}专项整治行动",
    "{d}创新{s}工作方法",
    "{s}工作纳入年度重点任务",
    "全市共办理{s}相关事项{n}件",
)
TITLES = {
    "gzdt": (
        "{short}召开{s}工作会议",
        "{short}开展{s}专项检查",
        "{d}{s}现场推进会召开",
        "我市{s}工作取得阶段性成效",
        "{short}举办{s}业务培训班",
    ),
    "tzgg": ("关于开展{y}年{s}工作的通知", "关于{s}有关事项的公告", "{short}关于{s}的通告"),
    "zcwj": (
        "关于印发《{city}{y}年{s}工作要点》的通知",
        "关于进一步加强{s}工作的通知",
        "关于印发《{city}{s}三年行动方案》的通知",
    ),
    "gfxwj": ("关于印发《{city}{s}管理办法》的通知", "关于印发《{city}{s}实施细则》的通知"),
    "zcjd": ("《{city}{s}管理办法》政策解读", "一图读懂《{city}{s}实施细则》"),
    "xzxk": ("{short}{y}年行政许可决定（{p}许〔{y}〕{n}号）", "{y}年第{n}期{s}行政许可信息公示"),
    "xzcf": ("{short}{y}年行政处罚决定（{p}罚〔{y}〕{n}号）",),
    "czxx": ("{name}{y}年部门预算", "{name}{y}年部门决算"),
    "rsxx": ("{name}{y}年公开招聘工作人员公告", "{name}拟任职干部任前公示（{y}年第{n}批）"),
    "ghjh": ("{city}{s}发展规划（{y}—{y5}年）", "{city}{y}年{s}工作计划"),
    "jytabl": ("关于市人大第{n}号建议的答复", "关于市政协第{n}号提案的答复"),
    "tjsj": ("{city}{y}年{m}月{s}统计数据", "{y}年{m}月{s}情况"),
    "jgzn": ("{name}主要职责", "{name}内设机构", "{name}领导信息"),
}
BODY_CLAUSES = {  # clauses (of about 16 characters) in a column's bodies: (min, max)
    "gzdt": (25, 60),
    "tzgg": (20, 50),
    "zcwj": (60, 180),
    "gfxwj": (80, 200),
    "zcjd": (40, 90),
    "xzxk": (25, 50),
    "xzcf": (35, 70),
    "czxx": (40, 100),
    "rsxx": (20, 50),
    "ghjh": (100, 250),
    "jytabl": (40, 90),
    "tjsj": (15, 40),
    "jgzn": (20, 50),
}
RARE_LABELS = ("当事人", "地点", "联系人", "项目名称", "所在村", "所在路段")
SYLLABLES = (
    "柳 杉 桦 枫 榆 槐 楠 栎 荻 芦 苇 菱 藕 莲 蒿 艾 棠 梓 樟 柘 桐 椿 杏 梨 桔 栗 芷 蕙 兰 菊 "
    "岚 峪 岙 坳 峁 塬 垭 坪 塘 滩 湾 汊 浦 泾 渚 洲 矶 岭 冈 坡 墩 堡 寨 屯 铺 集 店 庄 圩 埠"
).split()
RARE_KINDS = ("{a}{b}村", "{a}{b}路", "{a}{b}科技有限公司", "{a}{b}合作社", "{a}{b}小区")


def rare_names(seed: int) -> list[str]:
    """The proper names that each occur in a few items (for searches of rare words)."""
    names = [
        kind.format(a=a, b=b)
        for kind in RARE_KINDS
        for a, b in itertools.permutations(SYLLABLES, 2)
    ]
    random.Random(f"rare:{seed}").shuffle(names)
    return names


# ------------------------------------------------------------------ generation


@dataclass
class Place:
    agency: Agency
    short: str
    prefix: str
    topic_id: int
    columns: dict[str, int]  # slug → column id


class IndexText:
    """`search.index_text`, computed once per distinct CJK run (see the module docstring)."""

    def __init__(self):
        self.cache: dict[str, str] = {}

    def __call__(self, title: str, plain: str, extra: str) -> str:
        text = f"{title} {extra} {plain}"
        parts = []
        cache = self.cache
        for run in search._CJK_RUN.findall(text):
            tokens = cache.get(run)
            if tokens is None:
                tokens = cache[run] = search.index_text(run, "")
            parts.append(tokens)
        words = search._WORD.findall(text)
        if words:
            parts.append(search.index_text(" ".join(words), ""))
        return " ".join(parts)


class Generator:
    def __init__(self, seed: int, places: list[Place], today: dt.date, calendar):
        self.rng = random.Random(seed)
        self.places = places
        self.today = today
        self.cal = calendar
        self.rare = rare_names(seed)
        rng = random.Random(f"pool:{seed}")
        # the clause pool, most popular first; clause i is drawn with weight 1 / (i + 5)
        pool = list(CLAUSES)
        for template in SUBJECT_CLAUSES:
            for s in SUBJECTS:
                pool.append(
                    template.format(
                        s=s, c=rng.choice(CLAUSES), d=rng.choice(DISTRICTS), n=rng.randint(10, 999)
                    )
                )
        head, tail = pool[: len(CLAUSES)], pool[len(CLAUSES) :]
        rng.shuffle(tail)
        self.pool = head + tail
        self.cum = list(itertools.accumulate(1 / (i + 5) for i in range(len(self.pool))))
        first = dt.date(today.year - YEARS + 1, 1, 1)
        self.days = [
            first + dt.timedelta(i)
            for i in range((today - first).days + 1)
            if calendar.is_workday(first + dt.timedelta(i))
        ]
        self.day_weights = list(
            itertools.accumulate(1 + 0.08 * (d.year - first.year) for d in self.days)
        )  # a little more every year
        slugs, weights = zip(*((c[0], c[4]) for c in COLUMNS), strict=True)
        self.column_slugs, self.column_cum = slugs, list(itertools.accumulate(weights))
        self.meta = {c[0]: c for c in COLUMNS}
        self.place_cum = list(itertools.accumulate(1 + (i % 5) for i in range(len(places))))
        self.serials: dict[tuple[int, int], int] = {}
        self.numbers: dict[tuple[int, str, int], int] = {}
        self.index_text = IndexText()

    def body(self, slug: str) -> tuple[str, str]:
        rng = self.rng
        lo, hi = BODY_CLAUSES[slug]
        clauses = [self.pool[i] for i in self._zipf(rng.randint(lo, hi))]
        for _ in range(rng.choice((0, 1, 1, 2))):
            label = rng.choice(RARE_LABELS)
            clauses.insert(rng.randrange(len(clauses) + 1), f"{label}：{rng.choice(self.rare)}")
        paragraphs, i = [], 0
        while i < len(clauses):
            n = rng.randint(2, 6)
            paragraphs.append("，".join(clauses[i : i + n]) + "。")
            i += n
        return "".join(f"<p>{p}</p>" for p in paragraphs), "".join(paragraphs)

    def _zipf(self, k: int) -> list[int]:
        import bisect

        total, cum, rng = self.cum[-1], self.cum, self.rng
        return [bisect.bisect_left(cum, rng.random() * total) for _ in range(k)]

    def item(self) -> Item:
        rng = self.rng
        place = self.places[self._pick(self.place_cum)]
        slug = self.column_slugs[self._pick(self.column_cum)]
        _, _, genre, kind, _ = self.meta[slug]
        formed = self.days[self._pick(self.day_weights)]
        published = self.cal.add_workdays(
            formed, rng.randint(22, 40) if rng.random() < 0.02 else rng.randint(0, 8)
        )
        if published > self.today:
            published = self.today
        y = formed.year
        n = self.numbers[(place.agency.pk, slug, y)] = (
            self.numbers.get((place.agency.pk, slug, y), 0) + 1
        )
        s = rng.choice(SUBJECTS)
        title = rng.choice(TITLES[slug]).format(
            short=place.short, name=place.agency.name, city=CITY, s=s, d=rng.choice(DISTRICTS),
            y=y, y5=y + 4, m=formed.month, n=n, p=place.prefix,
        )  # fmt: skip
        number = ""
        if slug in ("zcwj", "gfxwj", "tzgg"):
            series = {"zcwj": "发", "gfxwj": "规", "tzgg": "办"}[slug]
            number = f"{place.prefix}{series}〔{y}〕{n}号"
        elif slug in ("xzxk", "xzcf"):
            number = f"{place.prefix}{'许' if slug == 'xzxk' else '罚'}〔{y}〕{n}号"
        body, plain = self.body(slug)
        summary = f"关于{s}的{place.agency.name}{self.meta[slug][1]}信息。"
        key = (place.agency.pk, published.year)
        serial = self.serials[key] = self.serials.get(key, 0) + 1
        normative = genre in (G.NORMATIVE, G.RULE)
        return Item(
            agency=place.agency,
            column_id=place.columns[slug],
            title=title[:300],
            index_number=f"{place.agency.index_code}/{published.year}-{serial:05d}",
            document_number=number,
            issuer=place.agency.name,
            formed_on=formed,
            published_on=published,
            topic_id=place.topic_id,
            genre=genre,
            content_kind=kind,
            summary=summary,
            body=body,
            validity=Item.Validity.VALID if normative else "",
            effective_on=formed + dt.timedelta(30) if normative else None,
            status=Item.Status.PUBLISHED,
            mode=Item.Mode.PROACTIVE,
            late=self.cal.workdays_between(formed, published) > 20,
            search_text=self.index_text(title, plain, f"{number} {summary}"),
        )

    def _pick(self, cum: list[float]) -> int:
        import bisect

        return bisect.bisect_left(cum, self.rng.random() * cum[-1])


# ------------------------------------------------------------------ the command


def _credit_code(i: int) -> str:
    first17 = f"11990100MB0{i:06d}"
    return first17 + uscc_check_char(first17)


def _places(n_agencies: int) -> list[Place]:
    if Item.objects.filter(agency__code__startswith=CODE_PREFIX).exists():
        raise CommandError(
            "this database already holds a synthetic catalog: use a fresh benchmark database"
        )
    topics = {}
    for i, (name, children) in enumerate(TOPICS):
        top, _ = Topic.objects.get_or_create(name=name, parent=None, defaults={"order": i})
        topics[(name, name)] = top
        for j, child in enumerate(children):
            topics[(name, child)], _ = Topic.objects.get_or_create(
                name=child, parent=top, defaults={"order": j}
            )
    city, _ = Agency.objects.get_or_create(
        code=f"{CODE_PREFIX}01",
        defaults={
            "name": f"{CITY}人民政府",
            "short_name": "市政府",
            "kind": Agency.Kind.GOVERNMENT,
            "index_code": _credit_code(1),
        },
    )
    specs = [(city, "市政府", "基政", ("综合政务", "其他"))]
    for i, (name, prefix, topic) in enumerate(DEPARTMENTS[: n_agencies - 1], start=2):
        agency, _ = Agency.objects.get_or_create(
            code=f"{CODE_PREFIX}{i:02d}",
            defaults={
                "name": f"{CITY}{name}",
                "short_name": f"市{name}",
                "kind": Agency.Kind.DEPARTMENT,
                "parent": city,
                "index_code": _credit_code(i),
            },
        )
        specs.append((agency, f"市{name}", f"基{prefix}", topic))
    places = []
    for agency, short, prefix, topic in specs:
        sections = {}
        for order, (slug, name) in enumerate(SECTIONS):
            sections[slug], _ = Section.objects.get_or_create(
                agency=agency, slug=slug, defaults={"name": name, "order": order}
            )
        columns = {}
        for order, (slug, name, *_rest) in enumerate(COLUMNS):
            columns[slug], _ = Column.objects.get_or_create(
                agency=agency,
                slug=slug,
                defaults={"name": name, "section": sections["fd"], "order": order},
            )
        Column.objects.get_or_create(
            agency=agency,
            slug="gkzd",
            defaults={"name": "政府信息公开制度", "section": sections["zd"]},
        )
        places.append(
            Place(agency, short, prefix, topics[topic].pk, {k: c.pk for k, c in columns.items()})
        )
    return places


@contextlib.contextmanager
def without_search_index():
    """On PostgreSQL, the GIN index of migration 0005 is dropped during the load and built
    again at the end (with more memory for the build): maintaining it row by row would make
    the load several times slower."""
    if not search.is_postgres():
        yield
        return
    migration = importlib.import_module("xxgk.catalog.migrations.0005_search_vector")
    with connection.cursor() as cur:
        cur.execute("DROP INDEX IF EXISTS catalog_item_search_vector")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            if (
                connection.in_atomic_block
            ):  # e.g. a test: deferred FK checks must fire before CREATE INDEX
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET maintenance_work_mem = '512MB'")
        with connection.schema_editor() as editor:
            migration.create_search_index(editor)
        with connection.cursor() as cur:
            cur.execute("RESET maintenance_work_mem")


class Command(BaseCommand):
    help = (
        "Fill the database with a large synthetic catalog for benchmarks (bulk inserts that "
        "bypass the services: benchmark data, not domain data). Use an empty benchmark database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=1_000_000)
        parser.add_argument("--agencies", type=int, default=20, help="1 government + departments")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000, help="rows per bulk_create")

    def handle(self, *args, **opts):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        if settings.PRODUCTION:
            raise CommandError("synthetic_catalog refuses to run with XXGK_ENV=production")
        n, batch_size = opts["items"], opts["batch"]
        if not 2 <= opts["agencies"] <= len(DEPARTMENTS) + 1:
            raise CommandError(f"--agencies: between 2 and {len(DEPARTMENTS) + 1}")
        started = time.perf_counter()
        with transaction.atomic():
            places = _places(opts["agencies"])
        gen = Generator(opts["seed"], places, timezone.localdate(), work_calendar())
        batches: queue.Queue = queue.Queue(maxsize=3)
        sizes = [min(batch_size, n - i) for i in range(0, n, batch_size)]
        stop = threading.Event()

        def produce() -> None:  # texts are made while the database writes the previous batch
            for size in sizes:
                if stop.is_set():
                    return
                batches.put([gen.item() for _ in range(size)])

        producer = threading.Thread(target=produce, daemon=True)
        producer.start()
        done = 0
        progress = Progress(
            TextColumn("[bold]synthetic items"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        with without_search_index(), progress:
            task = progress.add_task("items", total=n)
            try:
                for _ in sizes:
                    rows = batches.get()
                    if done == 0:
                        self._check(rows[:CHECKED])
                    self._insert(rows)
                    reset_queries()  # with DEBUG on, Django keeps every statement sent
                    done += len(rows)
                    progress.update(task, completed=done)
            finally:
                stop.set()
                while producer.is_alive():  # unblock a producer waiting on a full queue
                    with contextlib.suppress(queue.Empty):
                        batches.get(timeout=0.1)
            if search.is_postgres():
                progress.console.print("building the search index (GIN) …")
        with transaction.atomic():
            for (agency_id, year), last in gen.serials.items():
                IndexSeries.objects.update_or_create(
                    agency_id=agency_id, year=year, defaults={"last_serial": last}
                )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{n:,} synthetic items in {len(places)} agencies in {elapsed:.0f} s "
            f"({n / elapsed:,.0f} items/s; {len(gen.index_text.cache):,} distinct CJK runs segmented)"
        )

    @staticmethod
    @transaction.atomic
    def _insert(rows: list[Item]) -> None:
        created = Item.objects.bulk_create(rows)
        if not search.is_postgres():  # the FTS5 rows search.index_item writes
            with connection.cursor() as cur:
                cur.executemany(
                    "INSERT INTO catalog_item_fts(rowid, search_text) VALUES (%s, %s)",
                    [(i.pk, i.search_text) for i in created],
                )

    def _check(self, rows: list[Item]) -> None:
        """The cached search_text is exactly what search.index_text gives."""
        for row in rows:
            direct = search.index_text(row.title, row.body, f"{row.document_number} {row.summary}")
            if row.search_text != direct:
                raise CommandError(f"search_text differs from search.index_text for {row.title!r}")

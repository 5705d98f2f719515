"""The generator of the synthetic benchmark catalog (`xxgk synthetic_catalog`): the agencies of
a synthetic city (基准市: one government and its departments, codes `synth-01`…) with their
sections and columns, and items spread over them, their columns and ten years up to today, all
published and proactively disclosed.

Texts are assembled quickly from the phrase lists of `synthetic_phrases`, with a skewed (Zipf)
choice of clauses, so that common two-character words (工作, 管理, 环境 …) are in most items,
subject words in some, and the proper names of `rare_names` (villages, roads, firms, people) in
a few dozen items each.

`search_text` is what `xxgk.catalog.search.index_text(title, body, f"{文号} {summary}")` gives
(the services index exactly that): index_text works run by run of CJK characters (bigrams and
jieba words of each run, then the ASCII words), so `IndexText` calls it once per distinct run
and joins the cached results in order — the same string, without segmenting the same clause a
million times.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass

from xxgk.agencies.models import Agency
from xxgk.catalog import search
from xxgk.catalog.models import Column, Item, Section, Topic
from xxgk.demo.catalog import TOPICS
from xxgk.demo.people import uscc_check_char
from xxgk.demo.synthetic_phrases import (
    BODY_CLAUSES,
    CLAUSES,
    DISTRICTS,
    RARE_KINDS,
    RARE_LABELS,
    SUBJECT_CLAUSES,
    SUBJECTS,
    SYLLABLES,
    TITLES,
)

# ------------------------------------------------------------------ the city

CITY = "基准市"
CODE_PREFIX = "synth-"
YEARS = 10
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
        return bisect.bisect_left(cum, self.rng.random() * cum[-1])


# ------------------------------------------------------------------ its agencies and columns


def _credit_code(i: int) -> str:
    first17 = f"11990100MB0{i:06d}"
    return first17 + uscc_check_char(first17)


def places(n_agencies: int) -> list[Place]:
    """The synthetic city's agencies with their sections and columns, and the topics (each
    made if missing)."""
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

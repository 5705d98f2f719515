"""Fake but well-formed applicants for the demo: Chinese names, 18-digit resident ID numbers
with a valid check digit (GB 11643), unified social credit codes with valid check characters
(GB 32100), mobile numbers. Every value comes from the caller's `random.Random`, so the same
seed gives the same people. None of them is a real person or organisation."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# family names with their pinyin (for e-mail addresses), the common ones repeated by weight
SURNAMES = (
    ("王", "wang", 9),
    ("李", "li", 9),
    ("张", "zhang", 8),
    ("刘", "liu", 7),
    ("陈", "chen", 6),
    ("杨", "yang", 4),
    ("赵", "zhao", 3),
    ("黄", "huang", 3),
    ("周", "zhou", 3),
    ("吴", "wu", 3),
    ("徐", "xu", 2),
    ("孙", "sun", 2),
    ("胡", "hu", 2),
    ("朱", "zhu", 2),
    ("高", "gao", 2),
    ("林", "lin", 2),
    ("何", "he", 2),
    ("郭", "guo", 2),
    ("马", "ma", 2),
    ("罗", "luo", 1),
    ("梁", "liang", 1),
    ("宋", "song", 1),
    ("郑", "zheng", 1),
    ("谢", "xie", 1),
    ("韩", "han", 1),
    ("唐", "tang", 1),
    ("冯", "feng", 1),
    ("于", "yu", 1),
    ("董", "dong", 1),
    ("萧", "xiao", 1),
    ("程", "cheng", 1),
    ("曹", "cao", 1),
    ("袁", "yuan", 1),
    ("邓", "deng", 1),
    ("许", "xu", 1),
    ("傅", "fu", 1),
    ("沈", "shen", 1),
    ("曾", "zeng", 1),
    ("彭", "peng", 1),
    ("吕", "lv", 1),
)
GIVEN_NAMES = tuple(
    """伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 超 秀英 桂英 玉兰 建国 建华 志强 志刚
    红梅 文辉 海波 海燕 晓东 晓燕 春梅 秋菊 立新 永庆 德福 小龙 丹丹 慧敏 俊杰 思远 佳琪
    浩宇 子涵 梓萱 一诺 雨桐 欣怡 宇航 明辉 秀兰 淑珍 国强 凤英 金花 亚楠 婷婷 晨阳 嘉怡
    文博 家豪 振华 玉梅 德明 翠兰 红霞 建军 丽华 卫东 雪梅 志明 春燕 国华 少华""".split()
)

# 6-digit administrative division codes (of real places: a resident may come from anywhere)
AREA_CODES = (
    "110101",
    "110105",
    "120103",
    "130102",
    "210102",
    "310104",
    "310115",
    "320102",
    "320583",
    "330106",
    "340104",
    "350203",
    "370102",
    "410105",
    "420106",
    "430104",
    "440106",
    "440305",
    "500103",
    "510107",
    "610113",
)
DISTRICTS = ("示范区", "东城区", "西城区", "滨江区", "城南区", "高新技术开发区")
ROADS = (
    "人民路",
    "解放路",
    "建设大道",
    "中山路",
    "滨江路",
    "文化路",
    "和平街",
    "新华路",
    "长安街",
    "青年路",
    "光明路",
    "迎宾大道",
)
ESTATES = (
    "阳光花园",
    "锦绣华庭",
    "滨江一号",
    "翠湖苑",
    "金桂园",
    "书香门第",
    "幸福里",
    "御景湾",
    "南湖新村",
    "紫荆花园",
    "明珠小区",
    "康居苑",
    "东方家园",
    "丽景名苑",
)
FIRM_WORDS = (
    "宏达",
    "恒信",
    "华润通",
    "鼎盛",
    "远航",
    "金鹏",
    "瑞丰",
    "嘉诚",
    "永兴",
    "顺泰",
    "同创",
    "天和",
    "中睿",
    "博远",
)
INDUSTRIES = (
    "建设工程",
    "房地产开发",
    "化工",
    "环保科技",
    "物业管理",
    "建材",
    "机械制造",
    "食品",
    "印染",
    "电子科技",
)
MOBILE_PREFIXES = (
    "130",
    "131",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "177",
    "180",
    "186",
    "187",
    "189",
    "199",
)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(first17: str) -> str:
    """GB 11643 (ISO 7064 MOD 11-2) check character of a resident ID number."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def valid_id_number(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and id_check_digit(number[:17]) == number[17]


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def valid_uscc(code: str) -> bool:
    return (
        len(code) == 18
        and all(c in USCC_CHARS for c in code)
        and uscc_check_char(code[:17]) == code[17]
    )


def _org_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714): 8 digits/letters and a check character."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    c = 11 - sum(int(ch) * w for ch, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(c, str(c))


def uscc(rng: random.Random, kind: str = "91") -> str:
    """A unified social credit code: `kind` = 91 enterprise, 31 law firm, 12 public
    institution, 52 private non-enterprise unit, 51 social organisation."""
    first17 = kind + "9" + "".join(rng.choice("0123456789") for _ in range(5)) + _org_code(rng)
    return first17 + uscc_check_char(first17)


def id_number(rng: random.Random, today: dt.date) -> str:
    born = dt.date(today.year - rng.randint(20, 75), 1, 1) + dt.timedelta(rng.randint(0, 364))
    first17 = f"{rng.choice(AREA_CODES)}{born:%Y%m%d}{rng.randint(1, 999):03d}"
    return first17 + id_check_digit(first17)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"


def _weighted_surname(rng: random.Random) -> tuple[str, str]:
    name, pinyin, _ = rng.choices(SURNAMES, weights=[w for *_, w in SURNAMES])[0]
    return name, pinyin


def person_name(rng: random.Random) -> tuple[str, str]:
    """A name and the pinyin of its family name."""
    surname, pinyin = _weighted_surname(rng)
    given = rng.choice(GIVEN_NAMES)
    return surname + given, pinyin


def address(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return (
            f"示范市{rng.choice(DISTRICTS)}{rng.choice(ESTATES)}"
            f"{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}室"
        )
    return f"示范市{rng.choice(DISTRICTS)}{rng.choice(ROADS)}{rng.randint(1, 399)}号"


def company_name(rng: random.Random) -> str:
    return f"示范市{rng.choice(FIRM_WORDS)}{rng.choice(INDUSTRIES)}有限公司"


@dataclass(frozen=True)
class Person:
    """What `services.ApplicantInput` needs about who applies."""

    applicant_type: str
    applicant_name: str
    id_type: str
    id_number: str
    phone: str
    contact_person: str
    email: str
    address: str
    postcode: str


ORGANISATIONS = {
    "legal_research": (
        ("示范市环境科学研究院", "12"),
        ("示范大学城市规划研究所", "12"),
        ("示范市社会科学院", "12"),
    ),
    "legal_public_welfare": (
        ("示范市绿色家园环保志愿者协会", "51"),
        ("示范市消费者权益保护协会", "51"),
        ("示范市阳光公益服务中心", "52"),
    ),
    "legal_other": (
        (None, "Y1"),  # a homeowners' committee: {estate}业主委员会
        ("示范市建筑业协会", "51"),
        ("示范市个体劳动者协会", "51"),
    ),
}
LAW_FIRMS = ("明德", "正衡", "大成方略", "君安", "信达", "金诚同达", "中伦文德", "天平")


def applicant(rng: random.Random, applicant_type: str, today: dt.date, n: int) -> Person:
    """A fake applicant of the given table 三 column; `n` keeps e-mail addresses apart."""
    contact, pinyin = person_name(rng)
    phone = mobile(rng)
    postcode = f"9990{rng.randint(10, 99)}"
    if applicant_type == "natural_person":
        return Person(
            applicant_type,
            contact,
            "id_card",
            id_number(rng, today),
            phone,
            "",
            f"{pinyin}{n:04d}@example.com",
            address(rng),
            postcode,
        )
    if applicant_type == "legal_commercial":
        name, kind = company_name(rng), "91"
    elif applicant_type == "legal_law_service":
        name, kind = f"示范{rng.choice(LAW_FIRMS)}律师事务所", "31"
    else:
        name, kind = rng.choice(ORGANISATIONS[applicant_type])
        if name is None:
            name = f"示范市{rng.choice(ESTATES)}业主委员会"
    return Person(
        applicant_type,
        name,
        "credit_code",
        uscc(rng, kind),
        phone,
        contact,
        f"office{n:04d}@example.com",
        f"示范市{rng.choice(DISTRICTS)}{rng.choice(ROADS)}{rng.randint(1, 399)}号",
        postcode,
    )

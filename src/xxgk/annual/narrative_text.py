"""Reading figures in a report's prose (for `narrative`): the text normalised, with each
character's position in the original; the patterns of statements of figures (table 三's
requests and outcomes, table 四's reviews and suits, with their parts); and the guards against
ambiguous statements (another year or part of the year, a trend, an approximate figure, a
sub-unit, the limits of a sentence or clause).

Text extracted from PDFs breaks lines anywhere ("34\\n件"); whitespace is removed before
matching (except between two digits) but quotes are taken from the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# ------------------------------------------------------------------------------------------
# Text normalisation: whitespace out (but kept between two digits), full-width digits in ASCII.

_DIGITS = "0123456789"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", _DIGITS)
_EXTRA_SPACE = "\u200b\ufeff\u00a0\u3000"
_FULLWIDTH_DIGIT = re.compile("[０-９]")
_SPACE_RUN = re.compile(r"[\s\u200b\ufeff\u00a0\u3000]+")
_WS = r"[\s\u200b\ufeff\u00a0\u3000]"
_PARAGRAPH_RUN = re.compile(_WS + r"*\n" + _WS + r"*\n" + _WS + "*")
_DIGIT_GAP = re.compile(r"(?<=[0-9])" + _WS + r"+(?=[0-9])")


class NormalText:
    """`norm`, the normalised text, and `index`, each of its characters' position in
    `original`."""

    def __init__(self, original: str) -> None:
        self.original = original
        # one character for one: positions unchanged (translate is slow: only when needed)
        text = original.translate(_FULLWIDTH) if _FULLWIDTH_DIGIT.search(original) else original
        self._text = text
        # three substitutions in C (the rules of _segments, which maps positions when asked)
        t = _PARAGRAPH_RUN.sub("\x00", text)
        t = _DIGIT_GAP.sub("\x01", t)
        self.norm = _SPACE_RUN.sub("", t).replace("\x00", "\n").replace("\x01", " ")
        self._starts: list[int] | None = None
        self._shifts: list[int] = []

    def _segments(self) -> None:
        """norm → original positions as segments: from norm position starts[k] on, the
        original position is the norm position + shifts[k] (no list of every position)."""
        text = self._text
        starts, shifts = [0], [0]
        pos, npos, n = 0, 0, len(text)
        for m in _SPACE_RUN.finditer(text):
            a, b = m.span()
            npos += a - pos
            run = m.group()
            if "\n" in run and run.count("\n") >= 2:  # a blank line: a paragraph ends
                kept = True
            else:  # two numbers stay two numbers
                kept = 0 < a and text[a - 1] in _DIGITS and b < n and text[b] in _DIGITS
            if kept:
                starts.append(npos)
                shifts.append(a - npos)
                npos += 1
            starts.append(npos)
            shifts.append(b - npos)
            pos = b
        self._starts, self._shifts = starts, shifts

    def position(self, i: int) -> int:
        """The original position of norm[i]."""
        if self._starts is None:
            self._segments()
        return i + self._shifts[bisect_right(self._starts, i) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original positions of norm[start:end]."""
        if start >= end:
            pos = self.position(start) if start < len(self.norm) else len(self.original)
            return pos, pos
        return self.position(start), self.position(end - 1) + 1

    def quote(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        text = self.original[a:b]
        text = re.sub(r"[ \t\u3000\u00a0]*\n\s*", "", text)  # PDF line breaks
        return re.sub(r"\s+", " ", text).strip()


# ------------------------------------------------------------------------------------------
# Patterns (on normalised text). The number is group "n"; a match starts at its keyword.

# not the tail of "3 119" (a table row, or digits grouped by spaces) nor of "1,234" / "1.5"
_NUM = r"(?<![\d.,，])(?<!\d )(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
_FILL = r"(?:共计|共|合计|总计|累计)?(?:为|达到|达|有)?"
_GAP = r"(?P<gap>[^\d，,。；;、：:（()）\n|]{0,12}?)"
_OUT_FILL = r"(?:答复|决定)?(?:的申请|的)?(?:申请)?" + _FILL
_SEP = r"(?<![、和及与或])"  # "予以公开、部分公开共5件": the figure belongs to both

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "new_received",
        re.compile(
            r"(?:收到|受理|新收|接收|接到)"
            + _GAP
            + r"(?:政府信息公开|信息公开|公开)申请(?:数量|总数|数)?"
            + _FILL
            + _NUM
            + r"(?P<u>件|条)(?!次)"
        ),
    ),
    (
        "new_received",
        re.compile(
            r"依申请公开(?:政府信息|信息|申请)?(?:数量|总数|数)?"
            + _FILL
            + _NUM
            + r"(?P<u>件|条)(?!次)"
        ),
    ),
    (
        "carried_over",
        re.compile(
            r"(?:上一?年度?|去年度?)结转(?:至本年度?|到本年度?|的)?(?:政府信息公开|信息公开)?"
            r"(?:申请)?(?:数量|总数)?" + _FILL + _NUM + r"(?P<u>件)(?!次)"
        ),
    ),
    (
        "carried_forward",
        re.compile(
            r"(?:结转|顺延|转入|转至|转到|转)(?:至|到)?下一?年度?(?:继续)?(?:办理|答复|处理)?"
            r"(?:答复)?(?:的)?(?:政府信息公开|信息公开)?(?:申请)?(?:数量|总数)?"
            + _FILL
            + _NUM
            + r"(?P<u>件)(?!次)"
        ),
    ),
    (
        "carried_forward",
        re.compile(
            r"(?:另有|尚有|还有|仍有|有|共)"
            + _NUM
            + r"(?P<u>件)(?:申请)?(?:需|将|需要)?(?:结转|顺延|转入|转)(?:至|到)?下一?年度?"
        ),
    ),
    (
        "result_total",
        re.compile(
            r"(?:全年|本年度?)?(?:共|累计|全部)(?:答复|办结)(?:各类)?(?:政府信息公开|信息公开)?申请"
            + _FILL
            + _NUM
            + r"(?P<u>件)(?!次)"
        ),
    ),
    (
        "granted",
        re.compile(
            _SEP
            + r"(?<!不)(?<!部分)(?:予以公开|同意公开|准予公开|全部公开)"
            + _OUT_FILL
            + _NUM
            + r"(?P<u>件)(?!次)"
        ),
    ),
    (
        "partially_granted",
        re.compile(_SEP + r"部分(?:予以)?公开" + _OUT_FILL + _NUM + r"(?P<u>件)(?!次)"),
    ),
    ("denied", re.compile(_SEP + r"不予(?:以)?公开" + _OUT_FILL + _NUM + r"(?P<u>件)(?!次)")),
    ("unable", re.compile(_SEP + r"无法提供" + _OUT_FILL + _NUM + r"(?P<u>件)(?!次)")),
    (
        "not_processed",
        re.compile(_SEP + r"不予(?:以)?处理" + _OUT_FILL + _NUM + r"(?P<u>件)(?!次)"),
    ),
    ("other_processed", re.compile(_SEP + r"其[他它]处理" + _OUT_FILL + _NUM + r"(?P<u>件)(?!次)")),
]

# Literal words without which a pattern cannot match: a substring test (in C) before the
# regex scans a section, so most sections are scanned by few patterns (same results).
TRIGGERS: list[tuple[str, ...]] = [
    ("收到", "受理", "新收", "接收", "接到"),
    ("依申请公开",),
    ("结转",),
    ("下年", "下一年"),
    ("下年", "下一年"),
    ("答复", "办结"),
    ("予以公开", "同意公开", "准予公开", "全部公开"),
    ("部分",),
    ("不予",),
    ("无法提供",),
    ("不予",),
    ("其他处理", "其它处理"),
]

_CASE_FILL = r"(?:案件|申请|案)?(?:数量|总数|数)?" + _FILL
_BEFORE_NOUN = (
    r"(?:有|发生|共|收到|涉及)"
    + _NUM
    + r"(?P<u>件)(?:涉及|因|关于)?(?:政府信息公开|信息公开)?(?:工作)?(?:的)?(?:被申请|被提起|提起)?(?:的)?"
)
CASE_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "review",
        "review_total",
        re.compile(_SEP + r"行政复议" + _CASE_FILL + _NUM + r"(?P<u>件)(?!次)"),
    ),
    (
        "review",
        "review_total",
        re.compile(_BEFORE_NOUN + r"行政复议(?:案件)?(?![和、及与或]|[^，,。；;]{0,4}诉讼)"),
    ),
    (
        "litigation",
        "litigation_total",
        re.compile(_SEP + r"行政诉讼" + _CASE_FILL + _NUM + r"(?P<u>件)(?!次)"),
    ),
    (
        "litigation",
        "litigation_total",
        re.compile(_BEFORE_NOUN + r"行政诉讼(?:案件)?(?![和、及与或])"),
    ),
]

# "受理 … 3119 件，答复 3050 件（含上年度结转申请 34 件 …）": all requests concluded in the year.
# Without 共 or the 含…结转 remark, "收到 34 件，办结 33 件" may speak of this year's requests only.
ANSWERED_AFTER = re.compile(
    r"[，,](?P<all>共)?(?:已|均已|已经|全部)?(?:答复|办结)(?:政府信息公开|信息公开)?(?:申请)?"
    + _FILL
    + _NUM
    + r"(?P<u>件)(?!次)"
)
WITH_CARRIED = re.compile(r"[（(]含(?:上一?年度?|去年度?)结转")

CASE_PARTS = [
    ("maintained", re.compile(r"^(?:结果)?维持(?:原?行政行为)?(?:的)?" + _FILL + _NUM + r"件$")),
    ("corrected", re.compile(r"^(?:结果纠正|纠正|被纠错|纠错)(?:的)?" + _FILL + _NUM + r"件$")),
    ("other", re.compile(r"^其[他它]结果(?:的)?" + _FILL + _NUM + r"件$")),
    (
        "pending",
        re.compile(r"^(?:尚未审结|未审结|尚未结案|正在审理|审理中)(?:的)?" + _FILL + _NUM + r"件$"),
    ),
]

# ------------------------------------------------------------------------------------------
# Guards.

HARD = "。！？!?\n|"
SOFT = HARD + "，,；;：:（()）、"
SEMI = HARD + "；;"
CLAUSE = SEMI + "，,：:"  # a clause, with its "A、B" lists
TREND = re.compile(
    r"同比|环比|较上|比上|较去|比去|较同期|同期|增长|增加|减少|下降|上升|提高|降低|增幅|降幅"
    r"|占比|[%％‰]|百分之|上一?年度?(?!度?结转)|去年度?(?!结转)|前年|平均|月均|日均|人均"
)
APPROX_BEFORE = re.compile(
    r"(?:约|近|逾|超|余|超过|大约|将近|接近|不足|不到|至少|最多|第|\d[-－~～至到])$"
)
APPROX_AFTER = re.compile(r"^(?:以上|以下|左右|之多|余|多)")
# Outcome lists ("收到申请50件，其中予以公开20件，…") are often partial, and outcomes add up to the
# concluded requests (carried-over ones included), not to the received ones: no parts sum.
OUTCOME_WORDS = re.compile(r"予以公开|同意公开|部分公开|不予公开|无法提供|不予处理|其[他它]处理")
# Part of the year (上半年, 1-6月, 截至10月底, 1月1日至6月30日) or more than the year (累计, 历年).
PERIOD = re.compile(
    r"半年|季度|月份|\d+月(?!\d+日)|截至目前|截止目前|至今|历年|(?<!今年)以来"
    r"|(?<!全年)(?<!本年)(?<!年度)(?<!全年共)(?<!本年度共)累计"
)
DATE = re.compile(r"(\d+)月(\d+)日")
_YEAR = re.compile(r"((?:19|20)\d{2})(?:\s*)年")
WHOLE = re.compile(r"全[市县区省州盟旗镇乡]")
SUBUNIT = re.compile(r"本级|市级|县级|区级|乡镇|街道|下属|所属|直属|二级")
SUBUNIT_AFTER_QIZHONG = re.compile(
    r"县|区|镇|乡|街道|部门|单位|办公室|局|委|中心|政府|公司|学校|医院|站|所|院|厅|处|科"
)


def run_start(norm: str, pos: int, chars: str) -> int:
    """Where the run that ends at pos starts: just after the last of `chars` before pos."""
    i = pos - 1
    while i >= 0 and norm[i] not in chars:
        i -= 1
    return i + 1


def run_end(norm: str, pos: int, chars: str) -> int:
    """Where the run from pos ends: at the first of `chars` from pos (or the text's end)."""
    i, n = pos, len(norm)
    while i < n and norm[i] not in chars:
        i += 1
    return i


def other_year(text: str, year: int | None) -> bool:
    """`text` names a year other than the report's (or, the year unknown, two years)."""
    years = {int(y) for y in _YEAR.findall(text)}
    if year is None:
        return len(years) > 1
    return any(y != year for y in years)


def number(m: re.Match[str]) -> int:
    """The figure of a match (group "n", digits grouped by commas or not)."""
    return int(m.group("n").replace(",", ""))

"""Figures stated in the report's prose, compared with its tables (and with themselves).

A report's sections often repeat the tables in words: "全年收到政府信息公开申请 34 件，上年结转
政府信息公开申请 2 件 …", "政府信息公开行政复议 351 件，其中结果维持 72 件 …". This module
recognises such statements and compares them with the matching table cell (or group of cells):

- `NARRATIVE_TABLE_MISMATCH`: a figure in the text contradicts a table cell (表三 总计 column,
  表四 复议/诉讼 columns);
- `NARRATIVE_PARTS_SUM`: a stated total followed by "其中 …" parts that do not add up.

Both are heuristics, reported as warnings. The recogniser is deliberately conservative — a false
alarm costs a supervising office's time — so a sentence that is ambiguous yields nothing:
another year's figure, a 同比/较上年 comparison, a percentage, an approximate figure (约、近、余),
a sub-unit (市本级, "其中XX局 …"), two kinds claiming one number, a blank table cell.

Text extracted from PDFs breaks lines anywhere ("34\\n件"); whitespace is removed before
matching (except between two digits) but quotes are taken from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .model import CellRef, Finding, Level, Report, Value

MISMATCH = "NARRATIVE_TABLE_MISMATCH"
PARTS_SUM = "NARRATIVE_PARTS_SUM"
PARTS_KIND = "parts_sum"


@dataclass(frozen=True)
class Statement:
    """One figure recognised in the text, and the table cells it speaks about.

    `kind` is one of `KINDS` (tied to `cells`) or "parts_sum" (a total with its parts; no cells).
    `table_value` is the sum of `cells`, or None when a cell is blank or there are no cells.
    `span` is the quote's position in the section's original text.
    """

    kind: str
    value: int
    cells: tuple[CellRef, ...]
    quote: str
    section: str
    table_value: Value = None
    parts: tuple[int, ...] = ()
    span: tuple[int, int] = (0, 0)

    @property
    def label(self) -> str:
        return "所列各项之和" if self.kind == PARTS_KIND else KINDS[self.kind]

    @property
    def agrees(self) -> bool | None:
        """True/False when there is something to compare with, None otherwise."""
        if self.kind == PARTS_KIND:
            return sum(self.parts) == self.value
        if self.table_value is None:
            return None
        return self.table_value == self.value


# kind -> Chinese name of the table value it is compared with (used in messages).
KINDS: dict[str, str] = {
    "new_received": "表三本年新收申请总计",
    "carried_over": "表三上年结转申请总计",
    "carried_forward": "表三结转下年度继续办理总计",
    "result_total": "表三办理结果（七）总计",
    "granted": "表三“予以公开”总计",
    "partially_granted": "表三“部分公开”总计",
    "denied": "表三“不予公开”各项总计之和",
    "unable": "表三“无法提供”各项总计之和",
    "not_processed": "表三“不予处理”各项总计之和",
    "other_processed": "表三“其他处理”总计",
    "review_total": "表四行政复议总计",
    "review_maintained": "表四行政复议“结果维持”",
    "review_corrected": "表四行政复议“结果纠正”",
    "review_other": "表四行政复议“其他结果”",
    "review_pending": "表四行政复议“尚未审结”",
    "litigation_total": "表四行政诉讼总计（未经复议直接起诉与复议后起诉之和）",
    "litigation_maintained": "表四行政诉讼“结果维持”（两类起诉之和）",
    "litigation_corrected": "表四行政诉讼“结果纠正”（两类起诉之和）",
    "litigation_other": "表四行政诉讼“其他结果”（两类起诉之和）",
    "litigation_pending": "表四行政诉讼“尚未审结”（两类起诉之和）",
}

T3_KINDS = frozenset(
    {
        "new_received",
        "carried_over",
        "carried_forward",
        "result_total",
        "granted",
        "partially_granted",
        "denied",
        "unable",
        "not_processed",
        "other_processed",
    }
)
OUTCOME_KINDS = frozenset(
    {"granted", "partially_granted", "denied", "unable", "not_processed", "other_processed"}
)
# Kinds that are a total: the same kind after "其中" is a subset (a sub-unit, a channel …).
TOTAL_KINDS = frozenset(
    {"new_received", "carried_over", "result_total", "review_total", "litigation_total"}
)

_T3_ROWS = {
    "new_received": "new_received",
    "carried_over": "carried_over",
    "carried_forward": "carried_forward",
    "result_total": "result_total",
    "granted": "granted",
    "partially_granted": "partially_granted",
}
_T3_GROUPS = {
    "denied": "denied.",
    "unable": "unable.",
    "not_processed": "not_processed.",
    "other_processed": "other.",
}
_T4 = {
    "review_total": ("review_total",),
    "review_maintained": ("review_maintained",),
    "review_corrected": ("review_corrected",),
    "review_other": ("review_other",),
    "review_pending": ("review_pending",),
    "litigation_total": ("lit_direct_total", "lit_after_review_total"),
    "litigation_maintained": ("lit_direct_maintained", "lit_after_review_maintained"),
    "litigation_corrected": ("lit_direct_corrected", "lit_after_review_corrected"),
    "litigation_other": ("lit_direct_other", "lit_after_review_other"),
    "litigation_pending": ("lit_direct_pending", "lit_after_review_pending"),
}


def cells_of(report: Report, kind: str) -> tuple[CellRef, ...]:
    """The table cells a statement of `kind` is compared with (their sum)."""
    if kind in _T3_ROWS:
        row = _T3_ROWS[kind]
        return (CellRef("t3", row, "total"),) if "total" in report.t3.get(row, {}) else ()
    if kind in _T3_GROUPS:
        prefix = _T3_GROUPS[kind]
        rows = [
            r
            for r in report.t3
            if (r.startswith(prefix) or r == prefix[:-1]) and "total" in report.t3[r]
        ]
        return tuple(CellRef("t3", r, "total") for r in rows)
    if kind in _T4:
        row = report.t4.get("cases", {})
        if not all(c in row for c in _T4[kind]):
            return ()
        return tuple(CellRef("t4", "cases", c) for c in _T4[kind])
    raise KeyError(kind)


def _table_value(report: Report, cells: tuple[CellRef, ...]) -> Value:
    values = [report.get(c) for c in cells]
    if not values or any(v is None for v in values):
        return None
    return sum(values, 0)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# Text normalisation: whitespace out (but kept between two digits), full-width digits in ASCII.

_DIGITS = "0123456789"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", _DIGITS)
_EXTRA_SPACE = "\u200b\ufeff\u00a0\u3000"


class _Text:
    def __init__(self, original: str) -> None:
        self.original = original
        chars: list[str] = []
        index: list[int] = []
        i, n = 0, len(original)
        while i < n:
            ch = original[i]
            if ch.isspace() or ch in _EXTRA_SPACE:
                j = i
                while j < n and (original[j].isspace() or original[j] in _EXTRA_SPACE):
                    j += 1
                run = original[i:j]
                nxt = original[j].translate(_FULLWIDTH) if j < n else ""
                if run.count("\n") >= 2:  # a blank line: a paragraph ends
                    chars.append("\n")
                    index.append(i)
                elif chars and chars[-1] in _DIGITS and nxt and nxt in _DIGITS:
                    chars.append(" ")  # two numbers stay two numbers
                    index.append(i)
                i = j
                continue
            chars.append(ch.translate(_FULLWIDTH))
            index.append(i)
            i += 1
        self.norm = "".join(chars)
        self.index = index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original positions of norm[start:end]."""
        if start >= end:
            pos = self.index[start] if start < len(self.index) else len(self.original)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1

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

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
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

_CASE_FILL = r"(?:案件|申请|案)?(?:数量|总数|数)?" + _FILL
_BEFORE_NOUN = (
    r"(?:有|发生|共|收到|涉及)"
    + _NUM
    + r"(?P<u>件)(?:涉及|因|关于)?(?:政府信息公开|信息公开)?(?:工作)?(?:的)?(?:被申请|被提起|提起)?(?:的)?"
)
_CASE_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
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
_ANSWERED_AFTER = re.compile(
    r"[，,](?P<all>共)?(?:已|均已|已经|全部)?(?:答复|办结)(?:政府信息公开|信息公开)?(?:申请)?"
    + _FILL
    + _NUM
    + r"(?P<u>件)(?!次)"
)
_WITH_CARRIED = re.compile(r"[（(]含(?:上一?年度?|去年度?)结转")

_CASE_PARTS = [
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

_HARD = "。！？!?\n|"
_SOFT = _HARD + "，,；;：:（()）、"
_SEMI = _HARD + "；;"
_CLAUSE = _SEMI + "，,：:"  # a clause, with its "A、B" lists
_TREND = re.compile(
    r"同比|环比|较上|比上|较去|比去|较同期|同期|增长|增加|减少|下降|上升|提高|降低|增幅|降幅"
    r"|占比|[%％‰]|百分之|上一?年度?(?!度?结转)|去年度?(?!结转)|前年|平均|月均|日均|人均"
)
_APPROX_BEFORE = re.compile(
    r"(?:约|近|逾|超|余|超过|大约|将近|接近|不足|不到|至少|最多|第|\d[-－~～至到])$"
)
_APPROX_AFTER = re.compile(r"^(?:以上|以下|左右|之多|余|多)")
# Outcome lists ("收到申请50件，其中予以公开20件，…") are often partial, and outcomes add up to the
# concluded requests (carried-over ones included), not to the received ones: no parts sum.
_OUTCOME_WORDS = re.compile(r"予以公开|同意公开|部分公开|不予公开|无法提供|不予处理|其[他它]处理")
# Part of the year (上半年, 1-6月, 截至10月底, 1月1日至6月30日) or more than the year (累计, 历年).
_PERIOD = re.compile(
    r"半年|季度|月份|\d+月(?!\d+日)|截至目前|截止目前|至今|历年|(?<!今年)以来"
    r"|(?<!全年)(?<!本年)(?<!年度)(?<!全年共)(?<!本年度共)累计"
)
_DATE = re.compile(r"(\d+)月(\d+)日")
_YEAR = re.compile(r"((?:19|20)\d{2})(?:\s*)年")
_WHOLE = re.compile(r"全[市县区省州盟旗镇乡]")
_SUBUNIT = re.compile(r"本级|市级|县级|区级|乡镇|街道|下属|所属|直属|二级")
_SUBUNIT_AFTER_QIZHONG = re.compile(
    r"县|区|镇|乡|街道|部门|单位|办公室|局|委|中心|政府|公司|学校|医院|站|所|院|厅|处|科"
)


def _last(norm: str, pos: int, chars: str) -> int:
    i = pos - 1
    while i >= 0 and norm[i] not in chars:
        i -= 1
    return i + 1


def _next(norm: str, pos: int, chars: str) -> int:
    i = pos
    while i < len(norm) and norm[i] not in chars:
        i += 1
    return i


def _other_year(text: str, year: int | None) -> bool:
    years = {int(y) for y in _YEAR.findall(text)}
    if year is None:
        return len(years) > 1
    return any(y != year for y in years)


def _number(m: re.Match[str]) -> int:
    return int(m.group("n").replace(",", ""))


@dataclass
class _Hit:
    kind: str
    value: int
    start: int  # where the quote starts (normalised text)
    nstart: int  # where the number starts
    end: int  # where the quote ends


class _Reader:
    def __init__(self, report: Report, section: str, text: str) -> None:
        self.report = report
        self.section = section
        self.text = _Text(text)
        self.norm = self.text.norm

    # -- guards ----------------------------------------------------------------------------

    def _plain_number(self, nstart: int, end: int) -> bool:
        norm = self.norm
        return not (
            _APPROX_BEFORE.search(norm[max(0, nstart - 2) : nstart])
            or _APPROX_AFTER.match(norm[end : end + 2])
        )

    def _this_year_and_unit(self, key: int, nstart: int, kind: str) -> bool:
        """No other year, no trend, no sub-unit in what leads to the figure."""
        norm = self.norm
        sent = _last(norm, key, _HARD)
        clause = _last(norm, key, _SOFT)
        if _other_year(norm[sent:nstart], self.report.year) or _PERIOD.search(norm[sent:nstart]):
            return False
        if any(d not in (("1", "1"), ("12", "31")) for d in _DATE.findall(norm[sent:nstart])):
            return False
        if _TREND.search(norm[clause:nstart]):
            return False
        lead = _WHOLE.sub("", norm[sent:key])
        if _SUBUNIT.search(lead):
            return False
        semi = _last(norm, key, _SEMI)
        q = norm.rfind("其中", semi, key)
        if q >= 0:
            if kind in TOTAL_KINDS:
                return False
            if _SUBUNIT_AFTER_QIZHONG.search(_WHOLE.sub("", norm[q + 2 : key])):
                return False
        return True

    def _sentence(self, pos: int) -> str:
        return self.norm[_last(self.norm, pos, _HARD) : _next(self.norm, pos, _HARD)]

    def _about_applications(self, pos: int) -> bool:
        sentence = self._sentence(pos)
        if "申请" not in sentence and self.section != "applications":
            return False
        return "信息公开" in sentence or "依申请" in sentence or self.section == "applications"

    def _about_disclosure_cases(self, key: int, end: int) -> bool:
        """A review or a suit about information disclosure (not, say, a 司法局's own cases)."""
        norm = self.norm
        if self.section == "review_litigation":
            return True
        if "信息公开" in norm[_last(norm, key, _HARD) : end]:
            return True
        return "涉及" in norm[_last(norm, key, _SOFT) : end]

    def _quote_start(self, key: int) -> int:
        """The clause start when it is near and on the same line (a heading is not quoted)."""
        clause = _last(self.norm, key, _SOFT)
        if key - clause > 15:
            return key
        a, b = self.text.span(clause, key)
        return key if "\n" in self.text.original[a:b] else clause

    # -- recognisers -----------------------------------------------------------------------

    def hits(self) -> Iterator[_Hit]:
        norm = self.norm
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(norm):
                if "gap" in m.groupdict() and re.search(
                    r"申请|复议|诉讼|结转|上年|去年", m.group("gap") or ""
                ):
                    continue
                if not self._keep(kind, m):
                    continue
                yield self._hit(kind, m)
                if kind == "new_received":
                    after = _ANSWERED_AFTER.match(norm, m.end())
                    if (
                        after
                        and self._plain_number(after.start("n"), after.end())
                        and (after.group("all") or _WITH_CARRIED.match(norm, after.end()))
                    ):
                        yield _Hit(
                            "result_total",
                            _number(after),
                            after.start() + 1,
                            after.start("n"),
                            after.end(),
                        )
        for family, kind, pattern in _CASE_PATTERNS:
            for m in pattern.finditer(norm):
                other = "诉讼" if family == "review" else "复议"
                lead = norm[_last(norm, m.start(), _CLAUSE) : m.start("n")]
                k = lead.rfind(other)
                if k >= 0 and not re.search(r"\d件", lead[k:]):
                    continue  # "行政复议和行政诉讼共 3 件" (but "复议 0 件、诉讼 0 件" is fine)
                if not self._plain_number(m.start("n"), m.end("u")):
                    continue
                if not self._this_year_and_unit(m.start(), m.start("n"), kind):
                    continue
                if not self._about_disclosure_cases(m.start(), m.end()):
                    continue
                yield self._hit(kind, m)
                yield from self._case_parts(family, m.end())

    def _keep(self, kind: str, m: re.Match[str]) -> bool:
        if not self._plain_number(m.start("n"), m.end("u")):
            return False
        if not self._this_year_and_unit(m.start(), m.start("n"), kind):
            return False
        return self._about_applications(m.start())

    def _hit(self, kind: str, m: re.Match[str]) -> _Hit:
        return _Hit(kind, _number(m), self._quote_start(m.start()), m.start("n"), m.end())

    def _case_parts(self, family: str, pos: int) -> Iterator[_Hit]:
        """The parts after a review or suit total: 其中结果维持 72 件，结果纠正 64 件 …"""
        norm = self.norm
        head = re.compile(r"[，,]?其中[：:，,]?").match(norm, pos)
        if not head:
            return
        end = _next(norm, head.end(), _SEMI)
        start = head.end()
        for segment in re.split(r"[，,、]", norm[start:end]):
            seg_start = start
            start += len(segment) + 1
            for part, pattern in _CASE_PARTS:
                m = pattern.match(segment)
                if m and self._plain_number(seg_start + m.start("n"), seg_start + m.end()):
                    yield _Hit(
                        f"{family}_{part}",
                        _number(m),
                        seg_start,
                        seg_start + m.start("n"),
                        seg_start + m.end(),
                    )
                    break

    def statements(self) -> list[Statement]:
        hits = list(self.hits())
        by_number: dict[int, set[str]] = {}
        for h in hits:
            by_number.setdefault(h.nstart, set()).add(h.kind)
        seen: set[tuple[str, int]] = set()
        out: list[Statement] = []
        for h in sorted(hits, key=lambda h: (h.nstart, h.kind)):
            if len(by_number[h.nstart]) > 1:
                continue  # two readings of one figure: say nothing
            if (h.kind, h.nstart) in seen:
                continue
            seen.add((h.kind, h.nstart))
            cells = cells_of(self.report, h.kind)
            if not cells:
                continue
            out.append(
                Statement(
                    kind=h.kind,
                    value=h.value,
                    cells=cells,
                    quote=self.text.quote(h.start, h.end),
                    section=self.section,
                    table_value=_table_value(self.report, cells),
                    span=self.text.span(h.start, h.end),
                )
            )
        out.extend(self.parts_sums())
        return sorted(out, key=lambda s: (s.span, s.kind))

    # -- totals with parts -----------------------------------------------------------------

    _TOTAL_BEFORE = re.compile(r"(?<![\d.,，])(?<!\d )(?P<n>\d+)(?P<u>[条件个篇项次])[，,：:]?\Z")
    _PART = re.compile(
        r"^(?P<label>[^\d%％‰]{1,30}?)(?:共计|共|为|达到|达|有)?(?P<n>\d+)(?P<u>[条件个篇项次])$"
    )
    _PART_STOP = re.compile(
        r"另|此外|以外|除|其余|其中|包括|同比|环比|较|比上|增|减|下降|上升|提高|降低|占|累计|以上|以下|左右|约|近|逾|超|余|多"
    )
    _RANK = {"、": 0, "，": 1, ",": 1, "；": 2, ";": 2}

    def _part(self, segment: str, unit: str) -> int | None:
        m = self._PART.match(segment)
        if not m or m.group("u") != unit:
            return None
        label = m.group("label")
        if self._PART_STOP.search(label) or _OUTCOME_WORDS.search(label):
            return None
        return int(m.group("n"))

    def parts_sums(self) -> Iterator[Statement]:
        norm = self.norm
        for q in re.finditer("其中", norm):
            total = self._TOTAL_BEFORE.search(norm, max(0, q.start() - 20), q.start())
            if not total:
                continue
            unit = total.group("u")
            if not self._plain_number(total.start("n"), total.end("u")):
                continue
            if _TREND.search(norm[_last(norm, total.start(), _SOFT) : total.start()]):
                continue
            pos = q.end()
            if norm.startswith("包括", pos):
                continue  # "其中包括": an open list
            while pos < len(norm) and norm[pos] in "：:，,":
                pos += 1
            parts, end = self._parts_list(pos, unit)
            if len(parts) < 2:
                continue
            start = _last(norm, total.start(), _SOFT)
            yield Statement(
                kind=PARTS_KIND,
                value=int(total.group("n")),
                cells=(),
                quote=self.text.quote(start, end),
                section=self.section,
                parts=tuple(parts),
                span=self.text.span(start, end),
            )

    def _parts_list(self, pos: int, unit: str) -> tuple[list[int], int]:
        """Parts "A 8条、B 759条、C 171条" from pos: one separator throughout, every item a count
        in `unit`; the list ends at a stronger separator or at 。. Anything else: no parts."""
        norm = self.norm
        end = _next(norm, pos, _HARD)
        first = re.search(r"[、，,；;]", norm[pos:end])
        if not first:
            return [], pos
        sep = first.group()
        rank = self._RANK[sep]
        stronger = "".join(s for s, r in self._RANK.items() if r > rank)
        stop = _next(norm, pos, _HARD + stronger)
        items = re.split(
            "[" + "".join(s for s, r in self._RANK.items() if r == rank) + "]", norm[pos:stop]
        )
        parts: list[int] = []
        for item in items:
            value = self._part(item, unit)
            if value is None:
                return [], pos
            parts.append(value)
        if stop < end and rank == 0:
            # "A 8条、B 759条，C 171条": if the item after the comma is a count too, it is unclear
            # where the list ends (a list that ends at "；" ends there)
            if re.search(r"\d" + unit, norm[stop + 1 : end]):
                return [], pos
        return parts, stop


# ------------------------------------------------------------------------------------------


def narrative_statements(report: Report, texts: Mapping[str, str] | None = None) -> list[Statement]:
    """Every figure recognised in `texts` (default: the report's sections), in text order."""
    texts = report.sections if texts is None else texts
    out: list[Statement] = []
    for section, text in texts.items():
        if text:
            out.extend(_Reader(report, section, text).statements())
    return out


def narrative_findings(report: Report, texts: Mapping[str, str] | None = None) -> list[Finding]:
    """Warnings where the text contradicts a table, or a stated total its stated parts."""
    findings: list[Finding] = []
    for s in narrative_statements(report, texts):
        if s.kind == PARTS_KIND:
            total = sum(s.parts)
            if total != s.value:
                findings.append(
                    Finding(
                        check_id=PARTS_SUM,
                        level=Level.WARNING,
                        message=(
                            f"正文称“{s.quote}”，但所列各项之和为 {total}"
                            f"（{'+'.join(str(p) for p in s.parts)}），与总数 {s.value} 不符"
                        ),
                        cells=(),
                        expected=total,
                        actual=s.value,
                    )
                )
        elif s.table_value is not None and s.table_value != s.value:
            findings.append(
                Finding(
                    check_id=MISMATCH,
                    level=Level.WARNING,
                    message=f"正文称“{s.quote}”，但{KINDS[s.kind]}为 {s.table_value}",
                    cells=s.cells,
                    expected=s.table_value,
                    actual=s.value,
                )
            )
    return findings

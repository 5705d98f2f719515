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

How the text is read — normalised (PDF line breaks out, quotes from the original text), the
patterns of statements and the guards — is in `narrative_text`; this module holds the
statements, the table cells each kind is compared with, the reader that turns a section's
matches into statements, and the findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .model import CellRef, Finding, Level, Report, Value
from .narrative_text import (
    ANSWERED_AFTER,
    APPROX_AFTER,
    APPROX_BEFORE,
    CASE_PARTS,
    CASE_PATTERNS,
    CLAUSE,
    DATE,
    HARD,
    OUTCOME_WORDS,
    PATTERNS,
    PERIOD,
    SEMI,
    SOFT,
    SUBUNIT,
    SUBUNIT_AFTER_QIZHONG,
    TREND,
    TRIGGERS,
    WHOLE,
    WITH_CARRIED,
    NormalText,
    number,
    other_year,
    run_end,
    run_start,
)

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
# Reading a section's text: the figures it states, as statements.


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
        self.text = NormalText(text)
        self.norm = self.text.norm

    # -- guards ----------------------------------------------------------------------------

    def _plain_number(self, nstart: int, end: int) -> bool:
        norm = self.norm
        return not (
            APPROX_BEFORE.search(norm[max(0, nstart - 2) : nstart])
            or APPROX_AFTER.match(norm[end : end + 2])
        )

    def _this_year_and_unit(self, key: int, nstart: int, kind: str) -> bool:
        """No other year, no trend, no sub-unit in what leads to the figure."""
        norm = self.norm
        sent = run_start(norm, key, HARD)
        clause = run_start(norm, key, SOFT)
        if other_year(norm[sent:nstart], self.report.year) or PERIOD.search(norm[sent:nstart]):
            return False
        if any(d not in (("1", "1"), ("12", "31")) for d in DATE.findall(norm[sent:nstart])):
            return False
        if TREND.search(norm[clause:nstart]):
            return False
        lead = WHOLE.sub("", norm[sent:key])
        if SUBUNIT.search(lead):
            return False
        semi = run_start(norm, key, SEMI)
        q = norm.rfind("其中", semi, key)
        if q >= 0:
            if kind in TOTAL_KINDS:
                return False
            if SUBUNIT_AFTER_QIZHONG.search(WHOLE.sub("", norm[q + 2 : key])):
                return False
        return True

    def _sentence(self, pos: int) -> str:
        return self.norm[run_start(self.norm, pos, HARD) : run_end(self.norm, pos, HARD)]

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
        if "信息公开" in norm[run_start(norm, key, HARD) : end]:
            return True
        return "涉及" in norm[run_start(norm, key, SOFT) : end]

    def _quote_start(self, key: int) -> int:
        """The clause start when it is near and on the same line (a heading is not quoted)."""
        clause = run_start(self.norm, key, SOFT)
        if key - clause > 15:
            return key
        a, b = self.text.span(clause, key)
        return key if "\n" in self.text.original[a:b] else clause

    # -- recognisers -----------------------------------------------------------------------

    def hits(self) -> Iterator[_Hit]:
        norm = self.norm
        if "件" not in norm and "条" not in norm:
            return  # every statement of a figure ends in its unit
        for (kind, pattern), triggers in zip(PATTERNS, TRIGGERS, strict=True):
            if not any(t in norm for t in triggers):
                continue
            for m in pattern.finditer(norm):
                if "gap" in m.groupdict() and re.search(
                    r"申请|复议|诉讼|结转|上年|去年", m.group("gap") or ""
                ):
                    continue
                if not self._keep(kind, m):
                    continue
                yield self._hit(kind, m)
                if kind == "new_received":
                    after = ANSWERED_AFTER.match(norm, m.end())
                    if (
                        after
                        and self._plain_number(after.start("n"), after.end())
                        and (after.group("all") or WITH_CARRIED.match(norm, after.end()))
                    ):
                        yield _Hit(
                            "result_total",
                            number(after),
                            after.start() + 1,
                            after.start("n"),
                            after.end(),
                        )
        for family, kind, pattern in CASE_PATTERNS:
            if ("行政复议" if family == "review" else "行政诉讼") not in norm:
                continue
            for m in pattern.finditer(norm):
                other = "诉讼" if family == "review" else "复议"
                lead = norm[run_start(norm, m.start(), CLAUSE) : m.start("n")]
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
        return _Hit(kind, number(m), self._quote_start(m.start()), m.start("n"), m.end())

    def _case_parts(self, family: str, pos: int) -> Iterator[_Hit]:
        """The parts after a review or suit total: 其中结果维持 72 件，结果纠正 64 件 …"""
        norm = self.norm
        head = re.compile(r"[，,]?其中[：:，,]?").match(norm, pos)
        if not head:
            return
        end = run_end(norm, head.end(), SEMI)
        start = head.end()
        for segment in re.split(r"[，,、]", norm[start:end]):
            seg_start = start
            start += len(segment) + 1
            for part, pattern in CASE_PARTS:
                m = pattern.match(segment)
                if m and self._plain_number(seg_start + m.start("n"), seg_start + m.end()):
                    yield _Hit(
                        f"{family}_{part}",
                        number(m),
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
        if self._PART_STOP.search(label) or OUTCOME_WORDS.search(label):
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
            if TREND.search(norm[run_start(norm, total.start(), SOFT) : total.start()]):
                continue
            pos = q.end()
            if norm.startswith("包括", pos):
                continue  # "其中包括": an open list
            while pos < len(norm) and norm[pos] in "：:，,":
                pos += 1
            parts, end = self._parts_list(pos, unit)
            if len(parts) < 2:
                continue
            start = run_start(norm, total.start(), SOFT)
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
        end = run_end(norm, pos, HARD)
        first = re.search(r"[、，,；;]", norm[pos:end])
        if not first:
            return [], pos
        sep = first.group()
        rank = self._RANK[sep]
        stronger = "".join(s for s, r in self._RANK.items() if r > rank)
        stop = run_end(norm, pos, HARD + stronger)
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

"""One entry point for "read this file and check it": report JSON or any published document."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .checks import run_checks, unread_findings
from .jsonio import MAX_BYTES, ReportInputError, loads, read_bytes
from .model import CellRef, Finding, Level, Report, Value
from .parse import MAX_INPUT, ParseResult, ParseWarning, detect_format, parse_bytes
from .templates import template

SECTIONS_EMPTY = "SECTIONS_EMPTY"


@dataclass(frozen=True)
class Audit:
    path: str
    report: Report
    findings: list[Finding]
    parsed: ParseResult | None = None  # None when the input was report JSON
    warnings: tuple[ParseWarning, ...] = field(default=())
    unread: frozenset[CellRef] = frozenset()  # cells the reader could not read

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level == level)

    @property
    def has_errors(self) -> bool:
        return self.count(Level.ERROR) > 0

    @property
    def incomplete(self) -> bool:
        """Cells were not read: the report is never "passed", whatever the checks say."""
        return bool(self.unread)

    @property
    def status(self) -> str:
        return "有错误" if self.has_errors else "不完整" if self.unread else "通过"

    @property
    def candidates(self) -> dict[CellRef, tuple[Value, ...]]:
        return self.parsed.candidates if self.parsed else {}


def load_any(
    path: str | os.PathLike[str], *, provenance: bool = True
) -> tuple[Report, ParseResult | None]:
    """A report from `path`: `xxgk-annual-report/1` JSON as is, any other document parsed."""
    data = read_bytes(path, limit=MAX_INPUT)
    fmt = detect_format(data, str(path))
    if fmt == "json" or str(path).lower().endswith(".json"):
        if len(data) > MAX_BYTES:
            raise ReportInputError(f"JSON 文件过大（上限 {MAX_BYTES // 1024 // 1024} MB）")
        return loads(data), None
    parsed = parse_bytes(data, name=str(path), provenance=provenance, fmt=fmt)
    return parsed.report, parsed


def section_findings(report: Report) -> list[Finding]:
    """A warning when the sections that are prose only (一 总体情况, 五 问题, 六 其他事项) are
    missing or blank: the tables may balance while the report says nothing (a computed draft
    before anyone wrote its text). Sections that hold a table may be the table alone."""
    prose = [s for s in template(report.layout.t3).sections if not s.table]
    blank = [s for s in prose if not (report.sections.get(s.key) or "").strip()]
    if not blank:
        return []
    if not any((text or "").strip() for text in report.sections.values()):
        message = (
            "报告正文为空（只有统计表）；发布前应填写总体情况、存在的主要问题及改进情况等各部分"
        )
    else:
        message = "报告正文缺少或未填写：" + "；".join(s.heading for s in blank)
    return [Finding(SECTIONS_EMPTY, Level.WARNING, message, actual=len(blank))]


PROMPT = "（请填写"  # the prompts of a prefilled draft's texts (xxgk's own drafts)


def prompt_findings(report: Report) -> list[Finding]:
    """A section that still holds a draft's prompt ("（请填写……）"): published, it tells the
    reader that nobody wrote that part."""
    names = {s.key: s.heading for s in template("v2021").sections}
    return [
        Finding(
            check_id="TEXT_PROMPT_LEFT",
            level=Level.WARNING,
            message=f"“{names.get(key, key)}”仍有待填写的提示文字，发布前请补充",
            expected="正文",
            actual="（请填写……）",
        )
        for key, text in (report.sections or {}).items()
        if PROMPT in (text or "")
    ]


def text_findings(report: Report) -> list[Finding]:
    """The checks of the texts themselves (not of their figures): missing sections, prompts."""
    return section_findings(report) + prompt_findings(report)


def audit(
    path: str | os.PathLike[str],
    previous: str | os.PathLike[str] | None = None,
    *,
    provenance: bool = True,
) -> Audit:
    """Read and check; `provenance=False` for a batch, which never shows where cells were."""
    report, parsed = load_any(path, provenance=provenance)
    prev = load_any(previous)[0] if previous else None
    findings = run_checks(report, previous=prev)
    if report.sections:
        from .narrative import narrative_findings

        findings = findings + narrative_findings(report)
    findings = findings + text_findings(report)
    unread = parsed.unread if parsed else frozenset()
    findings = unread_findings(findings, unread, report.layout)
    order = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}
    findings.sort(key=lambda f: order[f.level])
    return Audit(str(path), report, findings, parsed, parsed.warnings if parsed else (), unread)

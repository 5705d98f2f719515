"""The cross-checks (勾稽关系) of the annual report, as listed in the YAML.

Each check id in the YAML has exactly one implementation here (a test asserts it). The sum
checks read their cells (lhs/rhs, for_each, wildcards) straight from the YAML; the others are
small functions. Levels: official/implied → error, heuristic → warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache

from .model import (
    LEVEL_LABELS,
    CellRef,
    Finding,
    Layout,
    Level,
    Report,
    Value,
    cell_label,
    column_of,
    empty_report,
)
from .templates import TABLE_NAMES, CheckSpec, template

LEVELS = {"official": Level.ERROR, "implied": Level.ERROR, "heuristic": Level.WARNING}
_REF = re.compile(r"^(t[234])\[([^\]]+)\]\[([^\]]+)\]$")

Check = Callable[[Report, CheckSpec, "Report | None"], Iterator[Finding]]
REGISTRY: dict[str, Check] = {}


def check(*ids: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        for i in ids:
            REGISTRY[i] = fn
        return fn

    return register


def _num(v: Value) -> int | Decimal:
    return 0 if v is None else v


def _expand(report: Report, expr: str, bind: dict[str, str]) -> list[CellRef]:
    return _expand_cached(report.layout, expr, tuple(bind.items()))


@cache
def _expand_cached(
    layout: Layout, expr: str, bind_items: tuple[tuple[str, str], ...]
) -> list[CellRef]:
    """The cells an expression names in a layout (cached: it depends on the layout only)."""
    bind = dict(bind_items)
    m = _REF.match(expr.strip())
    if not m:
        raise ValueError(f"cannot read cell expression {expr!r}")
    table, row, col = m.groups()
    row = bind.get(row, row)
    col = bind.get(col, col)
    data = empty_report(layout).table(table)
    if row.endswith(".*"):
        prefix = row[:-1]
        rows = [r for r in data if r.startswith(prefix)]
    else:
        rows = [row]
    return [CellRef(table, r, col) for r in rows if r in data and col in data[r]]


def _bindings(report: Report, spec: CheckSpec) -> list[dict[str, str]]:
    for_each = spec.raw.get("for_each")
    if not for_each:
        return [{}]
    ((var, values),) = for_each.items()
    if isinstance(values, str):  # "every t3 data row"
        values = list(report.t3)
    return [{var: v} for v in values]


def _col_label(report: Report, table: str, col: str) -> str:
    if table == "t3":
        for c in template(report.layout.t3).t3.columns:
            if c.key == col:
                return c.label
    return col


def _row_label(report: Report, row: str) -> str:
    r = template(report.layout.t3).t3.row(row)
    return f"{r.group or ''}{r.label}"


SUM_MESSAGES: dict[str, Callable[[Report, dict[str, str], Value, Value], str]] = {
    "T3_COLUMN_BALANCE": lambda r, b, lhs, rhs: (
        f"表三「{_col_label(r, 't3', b['c'])}」列不平衡：第一项加第二项之和为 {lhs}，"
        f"第三项（七）总计加第四项之和为 {rhs}，二者应相等"
    ),
    "T3_RESULT_TOTAL": lambda r, b, lhs, rhs: (
        f"表三「{_col_label(r, 't3', b['c'])}」列（七）总计为 {lhs}，但（一）至（六）各项之和为 {rhs}"
    ),
    "T3_ROW_TOTAL": lambda r, b, lhs, rhs: (
        f"表三「{_row_label(r, b['r'])}」行总计为 {lhs}，但各类申请人之和为 {rhs}"
    ),
    "T4_REVIEW_TOTAL": lambda r, b, lhs, rhs: (
        f"表四行政复议总计为 {lhs}，但结果维持、结果纠正、其他结果、尚未审结之和为 {rhs}"
    ),
    "T4_LIT_DIRECT_TOTAL": lambda r, b, lhs, rhs: (
        f"表四行政诉讼（未经复议直接起诉）总计为 {lhs}，但结果维持、结果纠正、其他结果、尚未审结之和为 {rhs}"
    ),
    "T4_LIT_AFTER_REVIEW_TOTAL": lambda r, b, lhs, rhs: (
        f"表四行政诉讼（复议后起诉）总计为 {lhs}，但结果维持、结果纠正、其他结果、尚未审结之和为 {rhs}"
    ),
    "T2_2019_PUBLISHED_LE_TOTAL": lambda r, b, lhs, rhs: (
        f"表二第二十条第（一）项「{template(r.layout.t2).t2.row('art20_1.' + b['row']).label}」"
        f"本年新公开数量（{lhs}）大于对外公开总数量（{rhs}）"
    ),
}


def _skip(spec_id: str, lhs: list[Value], rhs: list[Value]) -> bool:
    """The YAML's skip_if rules, and: nothing to compare when every cell is blank."""
    if all(v is None for v in lhs + rhs):
        return True
    if spec_id == "T3_RESULT_TOTAL":
        return all(v is None for v in rhs)  # totals column left blank on detail rows
    if spec_id == "T3_ROW_TOTAL":
        return all(v is None for v in lhs)  # total cell left blank
    return False


@cache
def _sum_plan(
    layout: Layout, spec: CheckSpec
) -> list[tuple[dict[str, str], list[CellRef], list[CellRef]]]:
    """(binding, lhs cells, rhs cells) for each instance of a sum check in a layout."""
    report = empty_report(layout)
    plan = []
    for bind in _bindings(report, spec):
        if spec.id == "T2_2019_PUBLISHED_LE_TOTAL":
            row_key = f"art20_1.{bind['row']}"
            lhs_refs = [CellRef("t2", row_key, "newly_published")]
            rhs_refs = [CellRef("t2", row_key, "total_published")]
        else:
            lhs_refs = [ref for e in spec.raw["lhs"] for ref in _expand(report, e, bind)]
            rhs_refs = [ref for e in spec.raw["rhs"] for ref in _expand(report, e, bind)]
        if spec.id == "T3_ROW_TOTAL" and bind["r"] not in report.t3:
            continue
        if lhs_refs and rhs_refs:
            plan.append((bind, lhs_refs, rhs_refs))
    return plan


@cache
def _sum_keys(
    layout: Layout, spec: CheckSpec
) -> list[tuple[int, list[tuple[str, str, str]], list[tuple[str, str, str]]]]:
    """`_sum_plan` as plain (table, row, col) keys, by the plan's index: the check reads the
    cells of every instance of every report, so no attribute lookups there."""
    return [
        (i, [(r.table, r.row, r.col) for r in lhs], [(r.table, r.row, r.col) for r in rhs])
        for i, (_, lhs, rhs) in enumerate(_sum_plan(layout, spec))
    ]


@check(*SUM_MESSAGES)
def sum_check(report: Report, spec: CheckSpec, previous: Report | None) -> Iterator[Finding]:
    level = LEVELS[spec.level]
    tables = {"t2": report.t2, "t3": report.t3, "t4": report.t4}
    at_most = spec.raw.get("op") == "<="
    plan = _sum_plan(report.layout, spec)
    for i, lhs_keys, rhs_keys in _sum_keys(report.layout, spec):
        lhs_vals = [tables[t][r][c] for t, r, c in lhs_keys]
        rhs_vals = [tables[t][r][c] for t, r, c in rhs_keys]
        if None in lhs_vals or None in rhs_vals:  # blanks: the skip rules, blank counts as 0
            if _skip(spec.id, lhs_vals, rhs_vals):
                continue
            lhs = sum([_num(v) for v in lhs_vals], 0)
            rhs = sum([_num(v) for v in rhs_vals], 0)
        else:
            lhs, rhs = sum(lhs_vals, 0), sum(rhs_vals, 0)
        if lhs <= rhs if at_most else lhs == rhs:
            continue
        bind, lhs_refs, rhs_refs = plan[i]
        yield Finding(
            check_id=spec.id,
            level=level,
            message=SUM_MESSAGES[spec.id](report, bind, lhs, rhs),
            cells=tuple(lhs_refs + rhs_refs),
            expected=rhs,
            actual=lhs,
        )


def _bad_number(report: Report, ref: CellRef, value: Value) -> str | None:
    kind = column_of(report.layout, ref).numeric_kind
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return "不是数字"
    if (
        kind in ("int", "signed")
        and isinstance(value, Decimal)
        and value != value.to_integral_value()
    ):
        return "应为整数"
    if kind != "signed" and value < 0:
        return "不能为负数"
    return None


@check("NONNEGATIVE_COUNTS", "T2_IN_FORCE_NOT_LESS_THAN_ZERO")
def nonnegative(report: Report, spec: CheckSpec, previous: Report | None) -> Iterator[Finding]:
    # v2021 lists art20_1 (issued/repealed/in_force) under its own id; NONNEGATIVE takes the rest.
    own_art20_1 = spec.id == "T2_IN_FORCE_NOT_LESS_THAN_ZERO"
    split = report.layout.t2 == "v2021"
    odd = [
        (CellRef(name, row, col), value)
        for name, data in (("t2", report.t2), ("t3", report.t3), ("t4", report.t4))
        for row, cols in data.items()
        for col, value in cols.items()
        if value is not None and not (type(value) is int and value >= 0)  # the common case: a count
    ]
    for ref, value in odd:
        in_art20_1 = ref.table == "t2" and ref.row.startswith("art20_1.") and split
        if own_art20_1 != in_art20_1:
            continue
        problem = _bad_number(report, ref, value)
        if problem:
            yield Finding(
                check_id=spec.id,
                level=LEVELS[spec.level],
                message=f"{cell_label(report.layout, ref)}{problem}：{value}",
                cells=(ref,),
                expected="≥ 0" if problem == "不能为负数" else "整数",
                actual=value,
            )


def _same_series(report: Report, previous: Report) -> bool:
    return report.year is None or previous.year is None or previous.year == report.year - 1


@check("T3_CARRY_CONTINUITY")
def carry_continuity(report: Report, spec: CheckSpec, previous: Report | None) -> Iterator[Finding]:
    if previous is None or not _same_series(report, previous):
        return
    for col in spec.raw["for_each"]["c"]:
        cur = CellRef("t3", "carried_over", col)
        prev = CellRef("t3", "carried_forward", col)
        a, b = report.get(cur), previous.t3.get("carried_forward", {}).get(col)
        if a is None or b is None or a == b:
            continue
        year = f"{previous.year}年" if previous.year else "上一年"
        yield Finding(
            check_id=spec.id,
            level=LEVELS[spec.level],
            message=(
                f"表三「{_col_label(report, 't3', col)}」列上年结转为 {a}，"
                f"但{year}报告的结转下年度继续办理为 {b}"
            ),
            cells=(cur, prev),
            expected=b,
            actual=a,
        )


@check("T2_IN_FORCE_ROLLFORWARD")
def in_force_rollforward(
    report: Report, spec: CheckSpec, previous: Report | None
) -> Iterator[Finding]:
    if previous is None or not _same_series(report, previous):
        return
    if report.layout.t2 != "v2021" or previous.layout.t2 != "v2021":
        return  # v2019 对外公开总数量 is a different measure
    for row in spec.raw["for_each"]["row"]:
        key = f"art20_1.{row}"
        cur = report.t2[key]
        before = previous.t2[key]["in_force"]
        if None in (cur["in_force"], cur["issued"], cur["repealed"], before):
            continue
        expected = before + cur["issued"] - cur["repealed"]
        if cur["in_force"] != expected:
            label = template("v2021").t2.row(key).label
            yield Finding(
                check_id=spec.id,
                level=LEVELS[spec.level],
                message=(
                    f"表二「{label}」现行有效件数为 {cur['in_force']}，按上年现行有效 {before} "
                    f"+ 本年制发 {cur['issued']} − 本年废止 {cur['repealed']} 应为 {expected}"
                    "（修订、失效或清理可能导致差异，请核实）"
                ),
                cells=(
                    CellRef("t2", key, "in_force"),
                    CellRef("t2", key, "issued"),
                    CellRef("t2", key, "repealed"),
                ),
                expected=expected,
                actual=cur["in_force"],
            )


@check("T2_2019_ITEMS_ROLLFORWARD")
def items_rollforward(
    report: Report, spec: CheckSpec, previous: Report | None
) -> Iterator[Finding]:
    if previous is None or not _same_series(report, previous):
        return
    if report.layout.t2 != "v2019" or previous.layout.t2 != "v2019":
        return
    for key in spec.raw["for_each"]["block_row"]:
        now = report.t2[key]["items_prev_year"]
        before, change = previous.t2[key]["items_prev_year"], previous.t2[key]["items_change"]
        if None in (now, before, change):
            continue
        if now != before + change:
            label = template("v2019").t2.row(key).label
            yield Finding(
                check_id=spec.id,
                level=LEVELS[spec.level],
                message=(
                    f"表二「{label}」上一年项目数量为 {now}，但上一年报告的项目数量 {before} "
                    f"加本年增/减 {change} 为 {before + change}"
                ),
                cells=(CellRef("t2", key, "items_prev_year"),),
                expected=before + change,
                actual=now,
            )


FEE_WORDS = ("信息处理费", "收费", "收取费用")


@check("T3_FEE_UNPAID_NEEDS_FEE_REGIME")
def fee_regime(report: Report, spec: CheckSpec, previous: Report | None) -> Iterator[Finding]:
    unpaid = report.t3.get("other.fee_unpaid", {}).get("total")
    if not unpaid or not report.sections:
        return  # a text check: needs the section texts
    text = report.sections.get("other_matters", "")
    if any(w in text for w in FEE_WORDS):
        return
    yield Finding(
        check_id=spec.id,
        level=LEVELS[spec.level],
        message=(
            f"表三（六）2 逾期未缴费不再处理的申请为 {unpaid} 件，但“六、其他需要报告的事项”"
            "未说明信息处理费的收取情况"
        ),
        cells=(CellRef("t3", "other.fee_unpaid", "total"),),
        expected="第六部分说明信息处理费",
        actual="未提及",
    )


def blank_cells(report: Report) -> Iterator[Finding]:
    """A blank cell is its own finding: a missing number is not a zero."""
    for name in ("t2", "t3", "t4"):
        data = report.table(name)
        total = sum(len(cols) for cols in data.values())
        blanks = [
            CellRef(name, r, c) for r, cols in data.items() for c, v in cols.items() if v is None
        ]
        if not blanks:
            continue
        if len(blanks) == total:
            yield Finding(
                check_id="TABLE_BLANK",
                level=Level.WARNING,
                message=f"{TABLE_NAMES[name]}没有任何数字（整表空白）",
                cells=tuple(blanks),
                expected="数字",
                actual="空白",
            )
            continue
        for ref in blanks:
            yield Finding(
                check_id="BLANK_CELL",
                level=Level.WARNING,
                message=f"{cell_label(report.layout, ref)}为空白（应填写数字，无则填 0）",
                cells=(ref,),
                expected="数字",
                actual="空白",
            )


def previous_report_notes(report: Report, previous: Report) -> Iterator[Finding]:
    if not _same_series(report, previous):
        yield Finding(
            check_id="PREVIOUS_NOT_PRECEDING_YEAR",
            level=Level.INFO,
            message=f"对比报告为 {previous.year} 年，不是 {report.year} 年的上一年，未做跨年度检查",
            expected=(report.year or 0) - 1,
            actual=previous.year,
        )
    elif report.agency and previous.agency and report.agency != previous.agency:
        yield Finding(
            check_id="PREVIOUS_OTHER_AGENCY",
            level=Level.INFO,
            message=f"对比报告的机关为“{previous.agency}”，本报告为“{report.agency}”，请确认是同一机关",
            expected=report.agency,
            actual=previous.agency,
        )


def applicable_specs(report: Report) -> list[CheckSpec]:
    """The checks of the template each table follows (hybrid reports mix the two lists)."""
    specs: list[CheckSpec] = []
    for spec in template(report.layout.t3).checks:
        if not spec.id.startswith("T2_"):
            specs.append(spec)
    for spec in template(report.layout.t2).checks:
        if spec.id.startswith("T2_"):
            specs.append(spec)
    return specs


def run_checks(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every official, implied and heuristic check, blank cells, and the year-over-year ones."""
    findings: list[Finding] = []
    if previous is not None:
        findings.extend(previous_report_notes(report, previous))
    for spec in applicable_specs(report):
        findings.extend(REGISTRY[spec.id](report, spec, previous))
    findings.extend(blank_cells(report))
    order = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}
    return sorted(findings, key=lambda f: order[f.level])


def unread_findings(
    findings: list[Finding], unread: Collection[CellRef], layout: Layout
) -> list[Finding]:
    """Findings of a report read from a document whose reader could not read some cells:
    such a cell is not "blank" (the source may hold a number) but unread, a table of them is
    unread, and an error that involves one says it may come from it."""
    if not unread:
        return findings
    out: list[Finding] = []
    for f in findings:
        if f.check_id == "BLANK_CELL" and f.cells and f.cells[0] in unread:
            out.append(
                replace(
                    f,
                    check_id="UNREAD_CELL",
                    message=f"{cell_label(layout, f.cells[0])}未能读取（原文可能有数字，请人工核对）",
                    actual="未能读取",
                )
            )
        elif f.check_id == "TABLE_BLANK" and any(c in unread for c in f.cells):
            out.append(
                replace(
                    f,
                    check_id="TABLE_UNREAD",
                    message=f.message.replace("没有任何数字（整表空白）", "整表未能读取"),
                    actual="未能读取",
                )
            )
        elif f.level == Level.ERROR and any(c in unread for c in f.cells):
            involved = [c for c in f.cells if c in unread]
            names = "、".join(cell_label(layout, c) for c in involved[:3])
            more = f"等 {len(involved)} 格" if len(involved) > 3 else ""
            out.append(
                replace(
                    f, message=f"{f.message}（涉及未能读取的单元格：{names}{more}，可能由此引起）"
                )
            )
        else:
            out.append(f)
    return out


def summary(findings: list[Finding], unread: Collection[CellRef] = ()) -> str:
    """The verdict line: 未通过 (errors), 不完整 (cells unread: never 通过), or 通过."""
    counts = {lvl: sum(1 for f in findings if f.level == lvl) for lvl in Level}
    parts = "，".join(f"{LEVEL_LABELS[lvl]} {counts[lvl]} 条" for lvl in Level)
    if counts[Level.ERROR]:
        verdict = "检查未通过"
        if unread:
            parts += f"；另有 {len(unread)} 个单元格未能读取"
    elif unread:
        verdict = f"检查不完整：{len(unread)} 个单元格未能读取"
    else:
        verdict = "检查通过"
    return f"{verdict}：{parts}" if not unread or counts[Level.ERROR] else f"{verdict}（{parts}）"


def confirmed_cells(report: Report) -> set[CellRef]:
    """Cells an equation of the template vouches for: each lies in at least one official or
    implied sum that holds with every one of its cells read. A recognised (OCR'd) number
    stands only when confirmed; a misread digit breaks both its row and its column."""
    out: set[CellRef] = set()
    tables = {"t2": report.t2, "t3": report.t3, "t4": report.t4}
    for spec in applicable_specs(report):
        if spec.id not in SUM_MESSAGES or spec.level == "heuristic" or spec.raw.get("op") == "<=":
            continue
        for _, lhs_refs, rhs_refs in _sum_plan(report.layout, spec):
            refs = lhs_refs + rhs_refs
            values = [tables[r.table][r.row][r.col] for r in refs]
            if any(v is None for v in values):
                continue
            lhs = sum(values[: len(lhs_refs)])
            rhs = sum(values[len(lhs_refs) :])
            if lhs == rhs:
                out.update(refs)
    return out

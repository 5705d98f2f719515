"""Hypothesis strategies: random reports whose tables balance, for both templates and the hybrid."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from xxgk.annual.model import Layout, Report, empty_report
from xxgk.annual.templates import template

LAYOUTS = [Layout("v2019", "v2019"), Layout("v2021", "v2021"), Layout("v2021", "v2019")]
SMALL = st.integers(min_value=0, max_value=40)


@st.composite
def consistent_report(draw, layout: Layout | None = None, previous: Report | None = None) -> Report:
    """A report whose official and implied checks all pass.

    With `previous`, the report is that agency's next year and also satisfies the heuristic
    year-over-year checks (carry-over, in-force roll-forward, items roll-forward).
    """
    layout = layout or (previous.layout if previous else draw(st.sampled_from(LAYOUTS)))
    if previous is not None:
        report = empty_report(layout, agency=previous.agency, year=previous.year + 1, fill=0)
    else:
        report = empty_report(
            layout,
            agency=draw(st.sampled_from(["示范市司法局", "测试县人民政府", None])),
            year=draw(st.integers(2019, 2030)),
            fill=0,
        )
    t3tpl = template(layout.t3).t3
    leaves = [
        k
        for k in t3tpl.row_keys()
        if k not in ("new_received", "carried_over", "result_total", "carried_forward")
    ]
    t3: dict[str, dict] = {k: {} for k in t3tpl.row_keys()}
    for col in t3tpl.column_keys():
        if col == "total":
            continue
        for k in leaves:
            t3[k][col] = draw(SMALL)
        done = t3["result_total"][col] = sum(t3[k][col] for k in leaves)
        if previous is not None:
            carry_in = previous.t3["carried_forward"][col]
            t3["carried_forward"][col] = draw(
                st.integers(max(0, carry_in - done), max(0, carry_in - done) + 40)
            )
            t3["carried_over"][col] = carry_in
        else:
            t3["carried_forward"][col] = draw(SMALL)
            t3["carried_over"][col] = draw(st.integers(0, done + t3["carried_forward"][col]))
        room = done + t3["carried_forward"][col]
        t3["new_received"][col] = room - t3["carried_over"][col]
    for row in t3.values():
        row["total"] = sum(row.values())
    t4: dict[str, int] = {}
    for prefix in ("review", "lit_direct", "lit_after_review"):
        parts = {
            f"{prefix}_{p}": draw(SMALL) for p in ("maintained", "corrected", "other", "pending")
        }
        t4.update(parts)
        t4[f"{prefix}_total"] = sum(parts.values())
    t2: dict[str, dict] = {}
    for block in template(layout.t2).t2.blocks:
        for row in block.rows:
            vals = {}
            for c in block.columns:
                kind = c.numeric_kind
                if kind == "signed":
                    vals[c.key] = draw(st.integers(-50, 50))  # clamped below to keep counts >= 0
                elif kind == "decimal":
                    vals[c.key] = Decimal(draw(st.integers(0, 10**7))) / 100
                else:
                    vals[c.key] = draw(st.integers(0, 10**6))
            key = f"{block.key}.{row.key}"
            if "items_change" in vals and previous is None:
                vals["items_change"] = max(vals["items_change"], -vals["items_prev_year"])
            if previous is not None and "in_force" in vals:
                before = previous.t2[key]["in_force"]
                vals["repealed"] = draw(st.integers(0, before + vals["issued"]))
                vals["in_force"] = before + vals["issued"] - vals["repealed"]
            if previous is not None and "items_prev_year" in vals:
                p = previous.t2[key]
                vals["items_prev_year"] = p["items_prev_year"] + p["items_change"]
                vals["items_change"] = max(vals["items_change"], -vals["items_prev_year"])
            t2[key] = vals
    if layout.t2 == "v2019":  # keep the heuristic true too: published <= total
        for key in ("art20_1.regulations", "art20_1.normative_documents"):
            row = t2[key]
            row["total_published"] = max(row["total_published"], row["newly_published"])
    return Report(
        agency=report.agency, year=report.year, layout=layout, t2=t2, t3=t3, t4={"cases": t4}
    )

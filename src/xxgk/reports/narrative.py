"""The six sections of a draft report, prefilled with the facts of the records.

The text is a starting point the agency edits; the figures in it come from the same queries as
the tables, so the narrative checks (xxgk.annual.narrative) find them consistent.
"""

from __future__ import annotations

from xxgk.agencies.models import Agency
from xxgk.annual.model import Report
from xxgk.applications.queries import FeesCollected, fees_collected
from xxgk.catalog.queries import published_counts

KIND_LABELS = {"overview": "概况类信息", "news": "政务动态信息", "catalog": "信息公开目录信息"}


def _t3(report: Report, row: str) -> int:
    value = report.t3.get(row, {}).get("total")
    return int(value or 0)


def _group(report: Report, prefix: str) -> int:
    return sum(
        int(cols.get("total") or 0)
        for key, cols in report.t3.items()
        if key == prefix or key.startswith(prefix + ".")
    )


def prefill_sections(agency: Agency, report: Report, agency_ids: list[int]) -> dict[str, str]:
    year = report.year
    counts = published_counts(agency_ids, year)
    total_items = counts["total"]["all"]
    parts = "、".join(f"{KIND_LABELS[k]}{n}条" for k, n in sorted(counts["by_kind"].items()) if n)
    items_sentence = f"{year}年，{agency.name}主动公开政府信息{total_items}条" + (
        f"，其中：{parts}。" if parts else "。"
    )
    columns = "、".join(
        f"“{name}”{n}条"
        for name, n in sorted(counts["by_column"].items(), key=lambda kv: -kv[1])[:6]
    )
    new, carried, done, forward = (
        _t3(report, r) for r in ("new_received", "carried_over", "result_total", "carried_forward")
    )
    applications = (
        f"{year}年，{agency.name}收到政府信息公开申请{new}件，上年结转政府信息公开申请{carried}件；"
        f"本年度办结{done}件，其中予以公开{_t3(report, 'granted')}件，部分公开{_t3(report, 'partially_granted')}件，"
        f"不予公开{_group(report, 'denied')}件，无法提供{_group(report, 'unable')}件，"
        f"不予处理{_group(report, 'not_processed')}件，其他处理{_group(report, 'other')}件；"
        f"结转下年度继续办理{forward}件。"
    )
    cases = report.t4.get("cases", {})
    review = int(cases.get("review_total") or 0)
    litigation = int(cases.get("lit_direct_total") or 0) + int(
        cases.get("lit_after_review_total") or 0
    )
    disputes = (
        f"{year}年，{agency.name}因政府信息公开工作被申请行政复议{review}件，"
        f"其中结果维持{int(cases.get('review_maintained') or 0)}件，结果纠正{int(cases.get('review_corrected') or 0)}件，"
        f"其他结果{int(cases.get('review_other') or 0)}件，尚未审结{int(cases.get('review_pending') or 0)}件；"
        f"被提起行政诉讼{litigation}件。"
    )
    return {
        "overview": (
            f"{year}年，{agency.name}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实做好政府信息公开工作。\n"
            f"（一）主动公开。{items_sentence}\n"
            f"（二）依申请公开。{applications}\n"
            "（三）政府信息管理。（请填写公文公开属性认定、保密审查、政府信息管理动态调整等情况。）\n"
            "（四）政府信息公开平台建设。（请填写政府网站、政务新媒体等平台建设情况。）\n"
            "（五）监督保障。（请填写组织领导、制度建设、培训、考核等情况。）"
        ),
        "proactive": f"{items_sentence}" + (f"主要栏目：{columns}。" if columns else ""),
        "applications": applications,
        "review_litigation": disputes,
        "problems": "（请填写本年度政府信息公开工作存在的主要问题及改进措施。）",
        "other_matters": fee_sentence(agency, year, fees_collected(agency_ids, year)),
    }


def fee_sentence(agency: Agency, year: int, fees: FeesCollected) -> str:
    """Section 六 on 信息处理费, from the money actually paid in the year (not from notices)."""
    if not fees.any:
        return f"{year}年，{agency.name}未收取信息处理费。"
    return (
        f"{year}年，{agency.name}依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        f"对{fees.cases}件政府信息公开申请收取信息处理费，共计{fees.amount:.2f}元。"
    )

"""The read API: anonymous, read-only, every list a bounded cursor page. Views are thin: rows
come from `queries.py` (shared with the bulk downloads of /data/)."""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from xxgk.agencies.models import Agency
from xxgk.annual.cells import csv_text
from xxgk.annual.jsonio import to_dict
from xxgk.annual.model import Level
from xxgk.reports.queries import version_findings, version_report
from xxgk.supervision.queries import aggregate

from . import queries
from .schemas import (
    AgencyOut,
    AgencyPage,
    AggregateOut,
    Error,
    FindingsOut,
    ItemDetail,
    ItemPage,
    ReportPage,
    StatisticsPage,
)

router = Router()

Limit = Query(queries.DEFAULT_LIMIT, ge=1, le=queries.MAX_LIMIT, description="每页条数（1–200）")
Cursor = Query(None, max_length=200, description="上一页返回的 next")
Year = Query(None, ge=1990, le=2100, description="年度")
Genre = Literal["rule", "normative", "document", "interpretation", "news", "clarification", "other"]
Validity = Literal["valid", "amended", "repealed", "expired"]
# every operation documents its refusals: bad parameters (422), too many requests (429)
REFUSED = {422: Error, 429: Error}
NOT_FOUND = {404: Error, **REFUSED}
BAD = {400: Error, **REFUSED}


def _page(fn, *args):
    try:
        return fn(*args)
    except queries.BadCursor:
        raise HttpError(400, "cursor 无效：请使用上一页返回的 next 值") from None


# ------------------------------------------------------------------ agencies


@router.get("/agencies", response={200: AgencyPage, **BAD}, summary="机关列表", tags=["机关"])
def agencies(request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit):
    """按机关代码排序的全部机关，含政府信息公开工作机构的联系方式和行政复议机关。"""
    after = _page(queries.decode_cursor, cursor, (str,))[0] if cursor else None
    rows = queries.agencies_after(after, limit + 1)
    nxt = queries.encode_cursor(rows[limit - 1].code) if len(rows) > limit else None
    return {"results": [queries.agency_row(a) for a in rows[:limit]], "next": nxt}


@router.get(
    "/agencies/{code}", response={200: AgencyOut, **NOT_FOUND}, summary="一个机关", tags=["机关"]
)
def agency(request: HttpRequest, code: str):
    found = Agency.objects.select_related("parent").filter(code=code).first()
    if found is None:
        raise HttpError(404, f"没有代码为“{code[:40]}”的机关")
    return queries.agency_row(found)


# ------------------------------------------------------------------ catalog


@router.get("/items", response={200: ItemPage, **BAD}, summary="主动公开信息", tags=["公开目录"])
def items(
    request: HttpRequest,
    agency: str | None = Query(None, max_length=40, description="机关代码"),
    column: int | None = Query(None, ge=1, le=2**31 - 1, description="栏目 id"),
    topic: int | None = Query(None, ge=1, le=2**31 - 1, description="主题分类 id（含下级）"),
    genre: Genre | None = Query(None, description="体裁"),
    validity: Validity | None = Query(None, description="有效性"),
    year: int | None = Year,
    q: str | None = Query(
        None, max_length=200, description="检索词（与门户检索相同；返回最新的 1000 条匹配）"
    ),
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    """已发布的主动公开信息，按发布日期从新到旧；检索词与门户的全文检索相同。"""
    f = queries.ItemFilters(agency, column, topic, genre, validity, year, q)
    rows, nxt = _page(queries.items_page, f, cursor, limit)
    return {"results": [queries.item_row(i) for i in rows], "next": nxt}


@router.get(
    "/items/{item_id}",
    response={200: ItemDetail, **NOT_FOUND},
    summary="一条主动公开信息",
    tags=["公开目录"],
)
def item(request: HttpRequest, item_id: int):
    """正文、附件链接和公开版本的历史。"""
    found = queries.public_item(item_id) if 0 < item_id < 2**31 else None
    if found is None:
        raise HttpError(404, "没有这条已公开的信息")
    return queries.item_detail(found)


# ------------------------------------------------------------------ annual reports


@router.get(
    "/reports", response={200: ReportPage, **BAD}, summary="已发布的年度报告", tags=["年度报告"]
)
def reports(
    request: HttpRequest,
    year: int | None = Year,
    agency: str | None = Query(None, max_length=40, description="机关代码"),
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    rows, nxt = _page(queries.reports_page, year, agency, cursor, limit)
    return {"results": [queries.report_row(r, v) for r, v in rows], "next": nxt}


def _report(agency: str, year: int, version: int | None):
    found = queries.find_report(agency, year, version) if 1990 <= year <= 2100 else None
    if found is None:
        raise HttpError(404, f"没有已发布的{agency[:40]} {year} 年度报告" + (
            f"第 {version} 版" if version else ""))  # fmt: skip
    return found


VersionQ = Query(None, ge=1, le=10000, description="版本号；默认最新发布的版本")


@router.get(
    "/reports/{agency}/{year}",
    response={200: dict[str, Any], **NOT_FOUND},
    summary="年度报告（xxgk-annual-report/1 JSON）",
    tags=["年度报告"],
)
def report(request: HttpRequest, agency: str, year: int, version: int | None = VersionQ):
    """与命令行 `xxgk report parse` 输出相同的格式，`xxgk report check` 可直接检查。"""
    _, chosen = _report(agency, year, version)
    return to_dict(version_report(chosen))


@router.get(
    "/reports/{agency}/{year}/findings",
    response={200: FindingsOut, **NOT_FOUND},
    summary="年度报告的检查结果",
    tags=["年度报告"],
)
def findings(request: HttpRequest, agency: str, year: int, version: int | None = VersionQ):
    """与工作台相同的检查：勾稽关系、与上年对比、正文中的数字。"""
    found_report, chosen = _report(agency, year, version)
    found = version_findings(found_report, chosen)
    errors = any(f.level == Level.ERROR for f in found)
    unread = any(f.check_id in ("UNREAD_CELL", "TABLE_UNREAD") for f in found)
    return {
        "agency": found_report.agency.code,
        "year": found_report.year,
        "version": chosen.number,
        "status": "有错误" if errors else "不完整" if unread else "通过",
        "findings": [f.to_json() for f in found],
    }


CSV_COLUMNS = ["table", "table_name", "row", "row_label", "column", "column_label", "value"]


@router.get(
    "/reports/{agency}/{year}/tables.csv",
    response={200: None, **NOT_FOUND},
    summary="年度报告的三张统计表（CSV）",
    tags=["年度报告"],
    openapi_extra={
        "responses": {
            200: {
                "description": "每个单元格一行：表、行、列、数值（UTF-8，带 BOM，Excel 可直接打开）",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def tables_csv(request: HttpRequest, agency: str, year: int, version: int | None = VersionQ):
    found_report, chosen = _report(agency, year, version)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in queries.version_cells(chosen):
        writer.writerow({k: csv_text(v) for k, v in row.items()})
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"{found_report.agency.code}-{year}-v{chosen.number}-tables.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ------------------------------------------------------------------ statistics


@router.get(
    "/statistics",
    response={200: StatisticsPage, **BAD},
    summary="各机关各年度的统计数字",
    tags=["统计"],
)
def statistics(
    request: HttpRequest,
    year: int | None = Year,
    agency: str | None = Query(None, max_length=40, description="机关代码"),
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    """已发布年度报告（最新发布版本）的表二、表三、表四数字。"""
    rows, nxt = _page(queries.reports_page, year, agency, cursor, limit)
    out = []
    for r, v in rows:
        doc = to_dict(version_report(v))
        out.append({
            "agency": r.agency.code, "agency_name": r.agency.name, "year": r.year,
            "version": v.number, "layout": doc["layout"],
            "t2": doc["t2"], "t3": doc["t3"], "t4": doc["t4"],
        })  # fmt: skip
    return {"results": out, "next": nxt}


@router.get(
    "/aggregates/{government}/{year}",
    response={200: AggregateOut, **NOT_FOUND},
    summary="本级政府所属部门的汇总（已发布的报告）",
    tags=["统计"],
)
def aggregates(request: HttpRequest, government: str, year: int):
    """政务公开办公开的汇总：所属部门已发布年度报告的表三、表四之和。"""
    gov = Agency.objects.filter(code=government, kind=Agency.Kind.GOVERNMENT).first()
    if gov is None or not 1990 <= year <= 2100:
        raise HttpError(404, f"没有代码为“{government[:40]}”的人民政府")
    agg = aggregate(gov, year, basis="published")
    return {
        "government": gov.code,
        "year": year,
        "basis": agg.basis,
        "included": [r.agency.code for r in agg.included],
        "missing": [a.code for a in agg.missing],
        "other_layout": [r.agency.code for r in agg.other_layout],
        "t3": agg.t3,
        "t4": agg.t4,
    }

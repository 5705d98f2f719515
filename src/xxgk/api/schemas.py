"""The API's documented shapes (OpenAPI components). Field descriptions are Chinese: they are
what a reader of /api/v1/docs sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class Error(Schema):
    detail: str = Field(description="错误说明")


class Office(Schema):
    name: str = Field(description="政府信息公开工作机构")
    address: str
    postcode: str
    hours: str
    phone: str
    fax: str
    email: str


class AgencyOut(Schema):
    code: str = Field(description="机关代码（网址中使用）")
    name: str
    short_name: str
    kind: str = Field(description="government | department | sub_unit | supervising_office")
    kind_label: str
    parent: str | None = Field(description="上级机关代码")
    office: Office
    review_body: str = Field(description="行政复议机关")
    portal_url: str
    guide_url: str


class AgencyPage(Schema):
    results: list[AgencyOut]
    next: str | None = Field(description="下一页的 cursor；没有下一页时为 null")


class AttachmentOut(Schema):
    name: str
    size: int
    content_type: str
    url: str


class HistoryOut(Schema):
    event: str = Field(description="published（发布某一版本）| validity_changed（有效性变更）")
    at: dt.datetime
    version: int | None
    title: str


class ItemOut(Schema):
    id: int
    agency: str
    agency_name: str
    column: int | None
    column_name: str
    title: str
    index_number: str = Field(description="索引号")
    document_number: str = Field(description="文号")
    issuer: str = Field(description="发布机构")
    formed_on: dt.date = Field(description="成文日期")
    published_on: dt.date | None = Field(description="发布日期")
    topic: str = Field(description="主题分类")
    genre: str = Field(description="体裁")
    content_kind: str
    validity: str = Field(description="有效性：valid | amended | repealed | expired，或空")
    effective_on: dt.date | None
    repealed_on: dt.date | None
    summary: str
    version: int
    url: str = Field(description="门户上的页面")


class ItemDetail(ItemOut):
    body_html: str = Field(description="正文（已净化的 HTML）")
    body_text: str = Field(description="正文纯文本")
    replaced_by: int | None
    attachments: list[AttachmentOut]
    history: list[HistoryOut] = Field(description="公开版本的历史")


class ItemPage(Schema):
    results: list[ItemOut]
    next: str | None = Field(description="下一页的 cursor；没有下一页时为 null")


class ReportOut(Schema):
    agency: str
    agency_name: str
    year: int
    version: int
    published_at: dt.datetime
    corrected: bool
    correction_note: str
    source: str = Field(description="computed（由业务记录生成）| imported（导入已发布的报告）")
    layout: dict[str, str]
    url: str
    json_url: str = Field(description="xxgk-annual-report/1 JSON")
    findings_url: str
    csv_url: str


class ReportPage(Schema):
    results: list[ReportOut]
    next: str | None


class FindingOut(Schema):
    check: str
    level: str = Field(description="error | warning | info")
    cells: list[str]
    expected: Any = None
    actual: Any = None
    message: str


class FindingsOut(Schema):
    agency: str
    year: int
    version: int
    status: str = Field(description="通过 | 有错误 | 不完整")
    findings: list[FindingOut]


class CellOut(Schema):
    table: str
    table_name: str
    row: str
    row_label: str
    column: str
    column_label: str
    value: int | float | None


class StatisticsOut(Schema):
    agency: str
    agency_name: str
    year: int
    version: int
    layout: dict[str, str]
    t2: dict[str, dict[str, int | float | None]]
    t3: dict[str, dict[str, int | float | None]]
    t4: dict[str, dict[str, int | float | None]]


class StatisticsPage(Schema):
    results: list[StatisticsOut]
    next: str | None


class AggregateOut(Schema):
    government: str
    year: int
    basis: str = Field(description="published：只计已发布的报告（以最新发布版本为准）")
    included: list[str] = Field(description="计入的机关代码")
    missing: list[str] = Field(description="没有已发布报告的机关代码")
    other_layout: list[str] = Field(description="表三格式不同、未计入的机关代码")
    t3: dict[str, dict[str, int]]
    t4: dict[str, dict[str, int]]

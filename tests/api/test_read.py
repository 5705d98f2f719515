"""The read API (/api/v1/): what each endpoint returns, cursor pages, filters, the report as
JSON that the command line checks with the workspace's findings, CSV, ETag and CORS."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from xxgk.annual.audit import audit
from xxgk.catalog import services as catalog
from xxgk.reports.queries import findings as workspace_findings

pytestmark = pytest.mark.django_db


def get(client: Client, url: str, status: int = 200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.content[:500])
    return response


def test_agencies_in_cursor_pages_with_the_guides_facts(client, world):
    page = get(client, "/api/v1/agencies?limit=2").json()
    assert [a["code"] for a in page["results"]] == ["sfj", "sfs"]
    rest = get(client, f"/api/v1/agencies?limit=2&cursor={page['next']}").json()
    assert [a["code"] for a in rest["results"]] == ["sthjj"] and rest["next"] is None
    bureau = get(client, "/api/v1/agencies/sthjj").json()
    assert bureau["parent"] == "sfs"
    assert bureau["office"]["phone"] == "010-12345678"
    assert bureau["review_body"] == "示范市人民政府"
    assert get(client, "/api/v1/agencies/nope", 404).json()["detail"].startswith("没有代码")


def test_items_newest_first_in_pages_that_join_up(client, world):
    seen, url = [], "/api/v1/items?limit=3"
    while url:
        page = get(client, url).json()
        assert len(page["results"]) <= 3
        seen += page["results"]
        url = f"/api/v1/items?limit=3&cursor={page['next']}" if page["next"] else None
    assert len(seen) == 8
    dates = [(r["published_on"], r["id"]) for r in seen]
    assert dates == sorted(dates, reverse=True)
    assert seen[0]["title"] == "第6号通知" and seen[0]["url"].startswith("/gk/sthjj/items/")


def test_item_filters_and_the_portals_search(client, world):
    assert len(get(client, "/api/v1/items?year=2024").json()["results"]) == 1
    topic = world.site.environment.parent_id  # a parent topic includes its children
    assert [r["title"] for r in get(client, f"/api/v1/items?topic={topic}").json()["results"]] == [
        "环境监测年报"
    ]
    found = get(client, "/api/v1/items?q=环境监测").json()["results"]
    assert [r["title"] for r in found] == ["环境监测年报"]
    assert get(client, "/api/v1/items?agency=sfj").json()["results"] == []
    assert get(client, "/api/v1/items?genre=rule").json()["results"] == []


def test_bad_parameters_are_refused_in_chinese(client, world):
    assert "cursor 无效" in get(client, "/api/v1/items?cursor=xyz", 400).json()["detail"]
    assert get(client, "/api/v1/items?limit=1000", 422).json()["detail"].startswith("参数错误")
    assert get(client, "/api/v1/items?genre=poem", 422).json()["detail"].startswith("参数错误")
    get(client, "/api/v1/items/99999999999", 404)


def test_one_item_with_attachments_and_its_public_history_only(client, world):
    item = world.items[0]
    revised = catalog.revise(
        item,
        data=catalog.ItemInput(
            title="第0号通知（修订）", formed_on=item.formed_on, column_id=item.column_id,
            body="<p>修订后的正文</p>",
        ),
        reason="内部原因：错字",
        actor=world.site.editor,
    )  # fmt: skip
    catalog.approve(item, opinion="同意", actor=world.site.reviewer)
    body = get(client, f"/api/v1/items/{item.pk}").json()
    assert body["title"] == "第0号通知（修订）" and body["body_text"] == "修订后的正文"
    assert [(h["event"], h["version"]) for h in body["history"]] == [
        ("published", 1),
        ("published", revised.number),
    ]
    assert "错字" not in json.dumps(body, ensure_ascii=False)  # reasons stay with the staff
    draft = catalog.create_draft(
        world.site.bureau,
        data=catalog.ItemInput(title="草稿", formed_on=item.formed_on, column_id=item.column_id),
        actor=world.site.editor,
    )
    get(client, f"/api/v1/items/{draft.pk}", 404)  # drafts are not public


def test_reports_listed_with_their_versions_and_links(client, world):
    page = get(client, "/api/v1/reports").json()
    [row] = page["results"]
    assert (row["agency"], row["year"], row["version"], row["corrected"]) == (
        "sthjj",
        2024,
        2,
        True,
    )
    assert row["correction_note"] == "更正表三"
    assert get(client, "/api/v1/reports?year=2023").json()["results"] == []


def test_the_report_json_is_checked_by_the_command_line_as_in_the_workspace(
    client, world, tmp_path
):
    doc = get(client, "/api/v1/reports/sthjj/2024").json()
    assert (
        doc["schema"] == "xxgk-annual-report/1" and doc["t3"]["new_received"]["natural_person"] == 5
    )
    path = tmp_path / "report.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    cli = {(f.check_id, str(f.level), tuple(map(str, f.cells))) for f in audit(path).findings}
    api = get(client, "/api/v1/reports/sthjj/2024/findings").json()
    assert api["status"] == "有错误" and api["version"] == 2
    served = {(f["check"], f["level"], tuple(f["cells"])) for f in api["findings"]}
    shown = {
        (f.check_id, str(f.level), tuple(map(str, f.cells)))
        for f in workspace_findings(world.report)
    }
    assert served == shown == cli - {("SECTIONS_EMPTY", "warning", ())}
    assert any(c == "T3_ROW_TOTAL" for c, _, _ in served)
    assert get(client, "/api/v1/reports/sthjj/2024?version=1").status_code == 200
    get(client, "/api/v1/reports/sthjj/2024?version=3", 404)
    get(client, "/api/v1/reports/sthjj/2023", 404)


def test_tables_as_csv_one_row_per_cell(client, world):
    response = get(client, "/api/v1/reports/sthjj/2024/tables.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    cell = next(r for r in rows if r["row"] == "new_received" and r["column"] == "natural_person")
    assert cell["value"] == "5" and cell["table_name"] == "表三"
    doc = world.report.data
    assert len(rows) == sum(len(cols) for t in ("t2", "t3", "t4") for cols in doc[t].values())


def test_statistics_and_the_public_aggregate(client, world):
    [stat] = get(client, "/api/v1/statistics?year=2024").json()["results"]
    assert stat["t3"]["new_received"]["natural_person"] == 5
    agg = get(client, "/api/v1/aggregates/sfs/2024").json()
    assert agg["included"] == ["sthjj"] and agg["missing"] == ["sfj"]
    assert agg["t3"]["new_received"]["natural_person"] == 5
    get(client, "/api/v1/aggregates/sthjj/2024", 404)  # not a government


def test_etag_304_and_cors(client, world):
    first = get(client, "/api/v1/items?limit=2", HTTP_ORIGIN="https://example.org")
    assert first["Access-Control-Allow-Origin"] == "*"
    etag = first["ETag"]
    again = client.get("/api/v1/items?limit=2", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    preflight = client.options("/api/v1/items", headers={"Origin": "https://example.org"})
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_a_text_query_pages_through_its_matches_newest_first(client, world):
    seen, url = [], "/api/v1/items?q=扬尘治理&limit=3"
    while url:
        page = get(client, url).json()
        seen += page["results"]
        url = f"/api/v1/items?q=扬尘治理&limit=3&cursor={page['next']}" if page["next"] else None
    assert len(seen) == 8 and len({r["id"] for r in seen}) == 8
    assert [(r["published_on"], r["id"]) for r in seen] == sorted(
        ((r["published_on"], r["id"]) for r in seen), reverse=True
    )

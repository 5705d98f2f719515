"""The open API's limits: read-only for everyone, nothing unpublished, personal data never,
every list bounded, a rate limit per client on the shared cache, and clear errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.api.conftest import world  # noqa: F401  (the fixture)
from tests.applications import factories
from tests.catalog.sites import site  # noqa: F401  (the fixture)
from xxgk.api import main
from xxgk.catalog import services as catalog
from xxgk.reports import services as reports

pytestmark = pytest.mark.django_db

READS = [
    "/api/v1/agencies",
    "/api/v1/items",
    "/api/v1/reports",
    "/api/v1/statistics",
    "/api/v1/reports/sthjj/2024",
    "/api/v1/reports/sthjj/2024/findings",
    "/api/v1/reports/sthjj/2024/tables.csv",
]


def test_the_read_api_takes_no_writes(client, world):  # noqa: F811
    for url in READS:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, data="{}", content_type="application/json")
            assert response.status_code == 405, (method, url, response.status_code)


def test_nothing_unpublished_is_served(client, world):  # noqa: F811
    item = world.items[0]
    catalog.withdraw(item, reason="错误发布", actor=world.site.editor)
    assert client.get(f"/api/v1/items/{item.pk}").status_code == 404
    ids = [r["id"] for r in client.get("/api/v1/items?limit=200").json()["results"]]
    assert item.pk not in ids
    handler = factories.user(world.site.other, role="handler", username="other-handler")
    draft = reports.create_draft(world.site.other, year=2024, actor=handler)
    assert draft.pk
    for url in ("/api/v1/reports/sfj/2024", "/api/v1/reports/sfj/2024/tables.csv"):
        assert client.get(url).status_code == 404, url
    codes = [r["agency"] for r in client.get("/api/v1/statistics").json()["results"]]
    assert codes == ["sthjj"]


def test_no_personal_data_or_staff_in_any_answer(client, world):  # noqa: F811
    everything = ""
    for url in READS + [f"/api/v1/items/{world.items[0].pk}", "/api/v1/agencies/sthjj"]:
        everything += client.get(url).content.decode()
    for staff in ("editor", "reviewer", "head", "handler"):
        assert f'"{staff}"' not in everything
    assert "不涉密，同意发布" not in everything  # the confidentiality review's opinion
    assert "按原件发布" not in everything  # the reason for publishing with errors


def test_every_list_is_bounded(client, world):  # noqa: F811
    for url in READS[:4]:
        assert client.get(url + "?limit=201").status_code == 422
        assert client.get(url + "?limit=0").status_code == 422
        assert len(client.get(url + "?limit=200").json()["results"]) <= 200


def test_a_client_over_the_limit_waits(world, monkeypatch):  # noqa: F811
    limit = main.Limit("api", 3, 60)
    monkeypatch.setattr(main, "API_LIMIT", limit)
    a, b = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    assert [a.get("/api/v1/agencies").status_code for _ in range(3)] == [200] * 3
    refused = a.get("/api/v1/agencies")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert json.loads(refused.content)["detail"] == "请求过于频繁，请一分钟后再试"
    assert b.get("/api/v1/agencies").status_code == 200  # another client is not affected
    # a forged X-Forwarded-For from an untrusted address does not reset the count
    forged = a.get("/api/v1/agencies", headers={"X-Forwarded-For": "9.9.9.9"})
    assert forged.status_code == 429


def test_errors_are_json_in_the_readers_language_never_500(client, world):  # noqa: F811
    for url in (
        "/api/v1/items?year=abc",
        "/api/v1/items?column=-1",
        "/api/v1/items?cursor=%00%01",
        "/api/v1/items/0",
        "/api/v1/reports/x/99999999999999999999",
        "/api/v1/reports/sthjj/2024?version=0",
        "/api/v1/items?q=" + "长" * 300,
    ):
        response = client.get(url)
        assert 400 <= response.status_code < 500, (url, response.status_code)
        detail = response.json()["detail"]
        assert isinstance(detail, str) and detail, url

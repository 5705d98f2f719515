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


def test_validation_errors_name_the_parameter_in_chinese(client, world):  # noqa: F811
    detail = client.get("/api/v1/items?limit=abc&genre=x&year=1").json()["detail"]
    assert "limit：应为整数" in detail and "year：不能小于 1990" in detail
    assert "genre：应为以下之一：rule、normative" in detail
    assert not any(w in detail for w in ("Input should", " or "))


def test_head_answers_like_get_without_a_body(client, world):  # noqa: F811
    got, head = client.get("/api/v1/agencies"), client.head("/api/v1/agencies")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"] and head["Content-Length"] == str(len(got.content))


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


# ------------------------------------------------------------------ the write API

WRITES = [
    ("post", "/api/v1/agency/items", "editor"),
    ("get", "/api/v1/agency/items/{item}", "editor"),
    ("put", "/api/v1/agency/items/{item}", "editor"),
    ("post", "/api/v1/agency/items/{item}/submit", "editor"),
    ("post", "/api/v1/agency/items/{item}/attachments", "editor"),
    ("post", "/api/v1/agency/applications", "handler"),
    ("get", "/api/v1/agency/applications/{app}", "handler"),
    ("get", "/api/v1/agency/applications/{app}/letters", "handler"),
    ("get", "/api/v1/agency/applications/{app}/letters/{letter}", "handler"),
]


@pytest.fixture
def agents(world):  # noqa: F811
    from xxgk.api import services as token_services
    from xxgk.applications import letters as letter_services
    from xxgk.applications.models import Letter

    head = world.report.approved_by
    handler = world.report.events.first().actor
    other_head = factories.user(world.site.other, role="head", username="other-head")
    other_editor = world.site.other_editor
    other_handler = factories.user(world.site.other, role="handler", username="other-handler")
    app = factories.received(world.site.bureau, handler, world.items[0].published_on)
    letter = letter_services.issue_letter(app, Letter.Kind.RECEIPT, actor=handler)
    make = token_services.create_token
    keys = {
        "editor": make(world.site.bureau, user=world.site.editor, role="editor", name="a", actor=head)[1],
        "handler": make(world.site.bureau, user=handler, role="handler", name="b", actor=head)[1],
        "other-editor": make(world.site.other, user=other_editor, role="editor", name="c", actor=other_head)[1],
        "other-handler": make(world.site.other, user=other_handler, role="handler", name="d", actor=other_head)[1],
    }  # fmt: skip
    ids = {"item": world.items[0].pk, "app": app.pk, "letter": letter.pk}
    return keys, ids


APPLICATION_BODY = {
    "channel": "in_person",
    "arrived_on": "2026-11-02",
    "applicant": {
        "applicant_type": "natural_person", "applicant_name": "王五", "id_type": "id_card",
        "id_number": "110101199001011234", "phone": "13800001111", "description": "某文件",
    },
}  # fmt: skip


def _body(method: str, template: str) -> dict:
    """A valid request for the endpoint, so that only the token decides the answer."""
    if method == "get" or template.endswith("/submit"):
        return {}
    if template.endswith("/attachments"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return {"data": {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF")}}
    body = APPLICATION_BODY if "applications" in template else DRAFT_BODY
    return {"data": body, "content_type": "application/json"}


def test_every_write_endpoint_refuses_no_token_a_wrong_role_and_another_agency(agents):
    keys, ids = agents
    for method, template, role in WRITES:
        url = template.format(**ids)
        send = getattr(Client(), method)
        assert send(url, **_body(method, template)).status_code == 401, url  # no token
        bad = {"Authorization": "Bearer xxgk_00000000_forged"}
        assert send(url, headers=bad, **_body(method, template)).status_code == 401, url
        wrong = "handler" if role == "editor" else "editor"
        r = send(url, headers={"Authorization": f"Bearer {keys[wrong]}"}, **_body(method, template))
        assert r.status_code == 403, (url, r.status_code)
        assert "角色" in r.json()["detail"]
        if "{" in template:  # another agency's token never reaches this agency's objects
            other = {"Authorization": f"Bearer {keys['other-' + role]}"}
            r = send(url, headers=other, **_body(method, template))
            assert r.status_code == 404, (url, r.status_code)


def test_an_unreadable_body_is_refused_in_chinese(agents):
    keys, _ = agents
    r = Client().post("/api/v1/agency/items", data="{not json", content_type="application/json",
                      headers={"Authorization": f"Bearer {keys['editor']}"})  # fmt: skip
    assert r.status_code in (400, 422)
    assert any("\u4e00" <= c <= "\u9fff" for c in r.json()["detail"]), r.json()


def test_a_token_loses_its_power_with_its_persons_role(world, agents):  # noqa: F811
    keys, ids = agents
    world.site.editor.memberships.filter(role="editor").delete()
    r = Client().get(f"/api/v1/agency/items/{ids['item']}",
                     headers={"Authorization": f"Bearer {keys['editor']}"})  # fmt: skip
    assert r.status_code == 401


def test_the_write_api_is_never_cached_and_needs_no_cookie(agents):
    keys, ids = agents
    r = Client().get(f"/api/v1/agency/items/{ids['item']}",
                     headers={"Authorization": f"Bearer {keys['editor']}"})  # fmt: skip
    assert r.status_code == 200 and r["Cache-Control"] == "no-store, private"
    assert "Access-Control-Allow-Origin" not in r  # server to server: no browser origin
    # a signed-in browser session is not a token: no CSRF-able writes through the API
    client = Client(enforce_csrf_checks=True)
    client.force_login(world_editor(agents))
    assert client.post("/api/v1/agency/items", data=DRAFT_BODY,
                       content_type="application/json").status_code == 401  # fmt: skip


DRAFT_BODY = {"title": "t", "formed_on": "2026-01-05", "column": 1, "reason": "r"}


def world_editor(agents):
    from xxgk.api.models import ApiToken

    return ApiToken.objects.get(name="a").user

"""The write API: tokens issued by the office head (stored hashed, used through the same
services as the pages, every use logged), drafts that reach the portal only after another
person's confidentiality review, applications registered with their clock, letters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from xxgk.api import services as tokens
from xxgk.api.models import ApiToken, ApiTokenEvent
from xxgk.applications import letters
from xxgk.applications.models import Application, Letter
from xxgk.catalog import services as catalog
from xxgk.catalog.models import Item, ItemEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(world):
    head = world.report.approved_by
    handler = world.report.events.first().actor
    editor_token, editor_key = tokens.create_token(
        world.site.bureau, user=world.site.editor, role="editor", name="OA 系统", actor=head
    )
    _, handler_key = tokens.create_token(
        world.site.bureau, user=handler, role="handler", name="省平台", actor=head
    )
    return {"editor": editor_key, "handler": handler_key, "token": editor_token, "head": head}


def call(method: str, url: str, key: str | None, status: int, **kw):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = getattr(Client(), method)(url, headers=headers, **kw)
    assert response.status_code == status, (url, response.status_code, response.content[:400])
    return response


APPLICATION = {
    "channel": "letter_signed",
    "arrived_on": "2026-11-02",
    "applicant": {
        "applicant_type": "natural_person", "applicant_name": "李四", "id_type": "id_card",
        "id_number": "110101199001011234", "phone": "13800001111",
        "description": "2025年本机关的行政许可决定",
    },
}  # fmt: skip

DRAFT = {
    "title": "关于开展2026年度环境监测的通知",
    "formed_on": "2026-03-02",
    "body": "<p>现将有关事项通知如下。</p><script>alert(1)</script>",
    "genre": "normative",
}


def test_a_draft_from_the_api_reaches_the_portal_only_after_another_persons_review(world, keys):
    body = dict(DRAFT, column=world.site.documents.pk, submit=True)
    created = call("post", "/api/v1/agency/items", keys["editor"], 201,
                   data=body, content_type="application/json").json()  # fmt: skip
    assert created["status"] == "in_review" and created["url"] is None
    item = Item.objects.get(pk=created["id"])
    assert "<script>" not in item.body and item.created_by == world.site.editor
    public = Client()
    assert public.get(f"/gk/sthjj/items/{item.pk}/").status_code == 404
    assert public.get(f"/api/v1/items/{item.pk}").status_code == 404
    # the token's own person cannot review it, even holding the reviewer role
    world.site.editor.memberships.create(agency=world.site.bureau, role="reviewer")
    with pytest.raises(Exception, match="审查人不能审查自己起草"):
        catalog.approve(item, opinion="同意", actor=world.site.editor)
    assert public.get(f"/api/v1/items/{item.pk}").status_code == 404
    catalog.approve(item, opinion="不涉密，同意发布", actor=world.site.reviewer)
    assert public.get(f"/api/v1/items/{item.pk}").status_code == 200
    state = call("get", f"/api/v1/agency/items/{item.pk}", keys["editor"], 200).json()
    assert state["status"] == "published" and state["url"] == f"/gk/sthjj/items/{item.pk}/"
    kinds = list(ItemEvent.objects.filter(item=item).values_list("kind", "actor__username"))
    assert kinds[:2] == [("drafted", "editor"), ("submitted", "editor")]


def test_edit_a_draft_attach_a_file_and_revise_a_published_item(world, keys):
    created = call("post", "/api/v1/agency/items", keys["editor"], 201,
                   data=dict(DRAFT, column=world.site.documents.pk),
                   content_type="application/json").json()  # fmt: skip
    url = f"/api/v1/agency/items/{created['id']}"
    call("put", url, keys["editor"], 200,
         data=dict(DRAFT, title="改后的标题", column=world.site.documents.pk),
         content_type="application/json")  # fmt: skip
    upload = SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    attached = call("post", f"{url}/attachments", keys["editor"], 201, data={"file": upload})
    assert attached.json()["name"] == "通知.pdf"
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")
    refused = call("post", f"{url}/attachments", keys["editor"], 400, data={"file": fake})
    assert refused.json()["detail"]
    published = world.items[0]
    payload = dict(DRAFT, title="修订后的标题", column=world.site.documents.pk)
    assert "修订理由" in call("put", f"/api/v1/agency/items/{published.pk}", keys["editor"], 400,
                              data=payload, content_type="application/json").json()["detail"]  # fmt: skip
    state = call("put", f"/api/v1/agency/items/{published.pk}", keys["editor"], 200,
                 data=dict(payload, reason="更正错字"), content_type="application/json").json()  # fmt: skip
    assert state["pending_version"] == 2 and state["title"] == published.title  # still the old one


def test_register_an_application_and_read_its_clock_and_letters(world, keys):
    body = APPLICATION
    clock = call("post", "/api/v1/agency/applications", keys["handler"], 201,
                 data=body, content_type="application/json").json()  # fmt: skip
    assert clock["receipt_date"] == "2026-11-02" and clock["status"] == "in_progress"
    assert clock["due"] and dt.date.fromisoformat(clock["due"]) > dt.date(2026, 11, 20)
    app = Application.objects.get(pk=clock["id"])
    assert app.events.first().actor == world.report.events.first().actor
    again = call("get", f"/api/v1/agency/applications/{app.pk}", keys["handler"], 200).json()
    assert again["due"] == clock["due"]
    letter = letters.issue_letter(app, Letter.Kind.RECEIPT, actor=app.events.first().actor)
    listed = call("get", f"/api/v1/agency/applications/{app.pk}/letters", keys["handler"], 200)
    [row] = listed.json()
    assert row["kind"] == "receipt" and row["id"] == letter.pk
    got = call("get", row["url"], keys["handler"], 200)
    assert b"".join(got.streaming_content)[:2] == b"PK"
    viewed = app.events.get(kind="personal_data_viewed")  # the download is in the case file
    assert viewed.reason.startswith("接口下载文书") and viewed.actor == app.events.first().actor
    future = dict(body, arrived_on="2099-01-01")
    call("post", "/api/v1/agency/applications", keys["handler"], 400,
         data=future, content_type="application/json")  # fmt: skip


def test_every_use_is_logged_and_a_revoked_token_stops_working(world, keys):
    call("get", f"/api/v1/agency/items/{world.items[0].pk}", keys["editor"], 200)
    call("post", "/api/v1/agency/applications", keys["editor"], 403,
         data=APPLICATION, content_type="application/json")  # fmt: skip
    log = list(
        ApiTokenEvent.objects.filter(token=keys["token"]).values_list("kind", "method", "status")
    )
    assert log[0] == ("created", "", None)
    assert ("used", "GET", 200) in log and ("refused", "POST", 403) in log
    tokens.revoke_token(keys["token"], actor=keys["head"])
    call("get", f"/api/v1/agency/items/{world.items[0].pk}", keys["editor"], 401)
    assert ApiTokenEvent.objects.filter(token=keys["token"], kind="revoked").exists()


def test_the_token_is_stored_as_a_digest_only(world, keys):
    stored = ApiToken.objects.get(pk=keys["token"].pk)
    assert keys["editor"] not in str(ApiToken.objects.filter(pk=stored.pk).values().first())
    assert stored.digest == tokens.digest(keys["editor"])
    assert tokens.authenticate(keys["editor"][:-1] + "x") is None


def test_the_head_issues_and_revokes_on_the_staff_page(client, world, keys):
    client.force_login(keys["head"])
    page = client.get("/staff/api-tokens/").content.decode()
    assert "OA 系统" in page and keys["editor"] not in page  # listed, never shown again
    member = world.site.editor.memberships.get(agency=world.site.bureau, role="editor")
    response = client.post(
        "/staff/api-tokens/", {"token-member": member.pk, "token-name": "公文系统"}
    )
    shown = response.content.decode()
    assert response.status_code == 200 and "请立即复制" in shown
    new = ApiToken.objects.get(name="公文系统")
    assert f"xxgk_{new.prefix}_" in shown
    assert client.post(f"/staff/api-tokens/{new.pk}/revoke/").status_code == 302
    assert ApiToken.objects.get(pk=new.pk).revoked_at is not None
    other = Client()
    other.force_login(world.site.editor)
    assert other.get("/staff/api-tokens/").status_code == 403
    assert other.post(f"/staff/api-tokens/{keys['token'].pk}/revoke/").status_code == 403

"""Every form the site shows, found by opening every page of the URL map as the people who use
them (issue 12's replay): posted without its CSRF token it is refused with nothing written; posted
with boundary values in every field (empty, huge numbers, 100,000 characters, NUL, an impossible
date, markup) it answers with a message — never a 500 — and no markup comes back live."""

from __future__ import annotations

import lxml.html
import pytest
from django.test import Client

from xxgk.applications.models import Application, Event
from xxgk.supervision.models import Complaint

from .test_url_map import STAFF, concrete, routes, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
BOUNDARY = (
    "",
    "2147483648",
    str(10**15),
    "-1",
    "x" * 100_000,
    "a\x00b",
    "2026-02-30",
    "NaN",
    '"><img src=x onerror=alert(1)>',
    "‮emoji 😀",
)


def forms_on(client: Client, url: str) -> list[tuple[str, dict[str, str]]]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    doc = lxml.html.fromstring(response.content)
    out = []
    for form in doc.xpath("//form[translate(@method,'POST','post')='post']"):
        action = form.get("action") or url
        fields = {}
        for el in form.xpath(".//input|.//select|.//textarea"):
            name = el.get("name")
            if not name or el.get("type") in ("submit", "button", "file"):
                continue
            if el.tag == "select":
                options = el.xpath(".//option/@value")
                fields[name] = options[-1] if options else ""
            else:
                fields[name] = el.get("value") or ""
        out.append((action, fields))
    return out


def pages(values) -> list[str]:
    return [concrete(r, values) for r, _ in routes() if "logout" not in r and "i18n" not in r]


def counts() -> tuple[int, int, int]:
    return Application.objects.count(), Event.objects.count(), Complaint.objects.count()


def test_no_form_is_taken_without_its_csrf_token(world):  # noqa: F811
    found = 0
    for who in (None, world["member"]):
        reader = Client()
        strict = Client(enforce_csrf_checks=True)
        if who:
            reader.force_login(who)
            strict.force_login(who)
        for url in pages(world["values"]):
            if who is None and url.startswith(tuple("/" + s for s in STAFF)):
                continue
            for action, fields in forms_on(reader, url):
                fields.pop("csrfmiddlewaretoken", None)
                before = counts()
                response = strict.post(action, fields)
                assert response.status_code == 403, (action, response.status_code)
                assert counts() == before, action
                found += 1
    assert found >= 10  # the walk did find the forms


def test_boundary_values_in_every_field_never_give_a_500(world):  # noqa: F811
    for who in (None, world["member"]):
        client = Client()
        if who:
            client.force_login(who)
        for url in pages(world["values"]):
            if who is None and url.startswith(tuple("/" + s for s in STAFF)):
                continue
            for action, fields in forms_on(client, url):
                if "logout" in action or "setlang" in action or "/mode/" in action:
                    continue
                for name in fields:
                    if name == "csrfmiddlewaretoken":
                        continue
                    for value in BOUNDARY:
                        response = client.post(action, {**fields, name: value})
                        assert response.status_code < 500, (action, name, value[:20])
                        body = response.content.decode(errors="replace")
                        assert "<img src=x onerror" not in body, (action, name)

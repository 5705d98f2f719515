"""Every URL of the site, generated from the URL map (so a new URL is covered as soon as it
exists), replayed as the probe did (issue 12): anonymous readers get no staff page; a member of
one agency gets none of another agency's objects, by GET or POST; the supervising office changes
nothing; public pages never answer 500. A pattern whose arguments the map below cannot fill fails
the test, telling the developer to add it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver

from tests.applications import factories
from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.applications import letters
from xxgk.applications.models import Letter
from xxgk.catalog import services as catalog
from xxgk.catalog import uploads
from xxgk.catalog.models import Column, Section
from xxgk.disputes import services as disputes
from xxgk.reports import services as reports
from xxgk.supervision import services as complaints

pytestmark = pytest.mark.django_db
R = Membership.Role
YEAR = dt.date.today().year - 1
STAFF = ("staff/", "supervision/", "accounts/landing/")


def routes() -> list[tuple[str, str]]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), p.name or ""

    return [(r, n) for r, n in walk(get_resolver().url_patterns) if not r.startswith("admin/")]


@pytest.fixture
def world(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    city = factories.agency(code="um-city", kind=Agency.Kind.GOVERNMENT)
    a = factories.agency(code="um-a", parent=city)
    b = factories.agency(code="um-b", parent=city, index_code="11210400MB0000000X")
    member = factories.user(a, R.HANDLER)
    for role in (R.HEAD, R.EDITOR, R.REVIEWER):
        Membership.objects.create(user=member, agency=a, role=role)
    supervisor = factories.user(city, R.SUPERVISOR)
    b_handler, b_editor = factories.user(b, R.HANDLER), factories.user(b, R.EDITOR)
    factories.user(b, R.HEAD)
    app = factories.received(b, b_handler, dt.date(2026, 11, 2))
    letter = letters.issue_letter(app, Letter.Kind.RECEIPT, actor=b_handler)
    section = Section.objects.create(agency=b, name="法定主动公开内容", slug="fd")
    column = Column.objects.create(agency=b, section=section, name="通知公告", slug="tzgg")
    item = catalog.create_draft(
        b,
        data=catalog.ItemInput(
            title="草稿", formed_on=dt.date(2025, 3, 3), column_id=column.pk, body="<p>草稿</p>"
        ),
        actor=b_editor,
    )
    attachment = uploads.add_attachment(
        item, SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"), actor=b_editor
    )
    report = reports.create_draft(b, year=YEAR, actor=b_handler)
    case = disputes.register_case(
        b, kind="review", body="市政府", filed_on=dt.date(2026, 3, 1), actor=b_handler
    )
    filed = complaints.file_complaint(
        b, name="张三", contact="13800001111", text="未答复", ip="1.1.1.1"
    )
    values = {
        "staff/applications/": {"pk": app.pk, "letter_pk": letter.pk, "action": "decide"},
        "staff/reports/": {"pk": report.pk, "fmt": "pdf", "action": "approve"},
        "staff/disputes/": {"pk": case.pk},
        "staff/items/": {"pk": item.pk, "attachment_pk": attachment.pk, "action": "submit"},
        "staff/figures/": {"year": YEAR},
        "supervision/": {
            "pk": filed.complaint.pk,
            "year": YEAR,
            "a_code": "um-a",
            "b_code": "um-b",
            "year_b": YEAR,
        },  # fmt: skip
        # a draft item and an unpublished report: the API answers 404, never their data
        "data/": {"name": "catalog-2025.csv"},
        "api/v1/": {
            "item_id": item.pk,
            "app_id": app.pk,
            "letter_id": letter.pk,
            "code": "um-b",
            "agency": "um-b",
            "year": YEAR,
            "government": "um-city",
        },  # fmt: skip
        "": {
            "agency_code": "um-b",
            "year": YEAR,
            "fmt": "pdf",
            "pk": item.pk,
            "attachment_pk": attachment.pk,
            "column_slug": "tzgg",
            "code": app.tracking_code,
            "mode": "elder",
        },  # fmt: skip
    }
    return {"member": member, "supervisor": supervisor, "values": values, "b": b}


def concrete(route: str, values: dict[str, dict]) -> str:
    prefix = max((p for p in values if route.startswith(p)), key=len)
    fill = values[prefix]

    def one(m: re.Match) -> str:
        name = m.group(2)
        assert name in fill, (
            f"tests/security/test_url_map.py cannot fill <{m.group(0)[1:-1]}> in {route!r}: "
            "add a value for it to `values` so the new URL is probed too"
        )
        return str(fill[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", one, route)


def test_every_pattern_can_be_filled(world):
    for route, _ in routes():
        concrete(route, world["values"])


def test_anonymous_readers_get_no_staff_page(world):
    client = Client()
    for route, _ in routes():
        if not route.startswith(STAFF):
            continue
        url = concrete(route, world["values"])
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/"), url


def test_another_agencys_objects_are_out_of_reach(world):
    client = Client()
    client.force_login(world["member"])
    for route, _ in routes():
        if not route.startswith(("staff/",)) or "<" not in route:
            continue
        if route.startswith("staff/figures/"):
            url = concrete(route, world["values"]) + "?agency=um-b"
            page = client.get(url)
            assert page.status_code in (200, 403, 404), url
            assert "um-b" not in page.content.decode().split("<main", 1)[-1] or (
                page.status_code != 200
            ), url
            continue
        url = concrete(route, world["values"])
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code in (403, 404, 405), (url, response.status_code)


def test_the_supervising_office_changes_nothing(world):
    client = Client()
    client.force_login(world["supervisor"])
    for route, _ in routes():
        if not route.startswith("staff/") or "<slug:action>" not in route and "new/" not in route:
            continue
        url = concrete(route, world["values"])
        response = client.post(url, {})
        assert response.status_code in (400, 403, 404, 405), (url, response.status_code)


def test_public_pages_never_answer_500(world):
    client = Client()
    for route, _ in routes():
        if route.startswith(STAFF) or route.startswith(("accounts/logout", "i18n/")):
            continue
        url = concrete(route, world["values"])
        assert client.get(url).status_code < 500, url

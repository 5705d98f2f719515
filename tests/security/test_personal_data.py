"""Personal data by role (issue 12, item 8): only the handlers and the head of the agency that
received an application see the applicant unmasked — on the case page, in letters and in the
case file; an editor, a reviewer or the supervising office sees it masked and cannot download
letters; every unmasked view is in the case's access log, never in the applicant's timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.applications import factories
from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.applications import letters
from xxgk.applications.models import Event, Letter

pytestmark = pytest.mark.django_db
ID, PHONE, ADDRESS, NAME = "110101199001011234", "13800001111", "示范市示范区示范路1号", "张三丰"
R = Membership.Role


@pytest.fixture
def office(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    city = factories.agency(kind=Agency.Kind.GOVERNMENT)
    bureau = factories.agency(parent=city)
    people = {
        "handler": factories.user(bureau, R.HANDLER),
        "head": factories.user(bureau, R.HEAD),
        "editor": factories.user(bureau, R.EDITOR),
        "reviewer": factories.user(bureau, R.REVIEWER),
        "supervisor": factories.user(city, R.SUPERVISOR),
    }
    app = factories.received(
        bureau, people["handler"], dt.date(2026, 11, 2),
        applicant_name=NAME, id_number=ID, phone=PHONE, address=ADDRESS,
    )  # fmt: skip
    letter = letters.issue_letter(app, Letter.Kind.RECEIPT, actor=people["handler"])
    return app, letter, people


def as_(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["handler", "head"])
def test_the_receiving_agencys_handlers_and_head_see_it_and_are_logged(office, role):
    app, letter, people = office
    page = as_(people[role]).get(f"/staff/applications/{app.pk}/").content.decode()
    assert ID in page and PHONE in page and ADDRESS in page and NAME in page
    views = app.events.filter(kind=Event.Kind.PERSONAL_DATA_VIEWED, actor=people[role])
    assert views.count() == 1
    as_(people[role]).get(f"/staff/applications/{app.pk}/")  # again within minutes: one entry
    assert views.count() == 1
    download = as_(people[role]).get(f"/staff/applications/{app.pk}/letters/{letter.pk}/")
    assert download.status_code == 200
    assert app.events.filter(kind=Event.Kind.PERSONAL_DATA_VIEWED).count() == 2
    assert "查阅记录" in as_(people[role]).get(f"/staff/applications/{app.pk}/").content.decode()


@pytest.mark.parametrize("role", ["editor", "reviewer", "supervisor"])
def test_everyone_else_sees_it_masked_and_gets_no_letter(office, role):
    app, letter, people = office
    response = as_(people[role]).get(f"/staff/applications/{app.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert ID not in page and PHONE not in page and ADDRESS not in page and NAME not in page
    assert "110101********1234" in page and "已脱敏" in page
    letter_url = f"/staff/applications/{app.pk}/letters/{letter.pk}/"
    assert as_(people[role]).get(letter_url).status_code == 403
    assert as_(people[role]).get(f"/staff/applications/{app.pk}/archive.zip").status_code == 403
    assert not app.events.filter(kind=Event.Kind.PERSONAL_DATA_VIEWED).exists()


def test_views_are_not_in_the_applicants_timeline_nor_the_work_history(office):
    app, _, people = office
    as_(people["handler"]).get(f"/staff/applications/{app.pk}/")
    tracking = Client().get(f"/track/{app.tracking_code}/").content.decode()
    assert "查阅" not in tracking
    page = as_(people["handler"]).get(f"/staff/applications/{app.pk}/").content.decode()
    history = page.split('id="h-timeline"')[1]
    assert "查阅申请人个人信息" not in history

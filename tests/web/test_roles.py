"""Whoever signs in finds their work: the demo's admin holds every role (the work list and the
supervision pages open), each role lands where its work is, the header offers only what the
role may use, the login page lists the demo accounts in demo mode only, and a refusal says
which role is needed without a traceback in the log."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from io import StringIO

import lxml.html
import pytest
from django.core.management import call_command
from django.test import Client

from tests.applications import factories
from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.web import ExpectedRefusalFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people():
    call_command("demo", "--no-cases", stdout=StringIO(), stderr=StringIO())


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def header_links(client: Client) -> list[str]:
    page = lxml.html.fromstring(client.get("/").content)
    return [a.text_content().strip() for a in page.xpath("//header//nav//a")]


@pytest.mark.parametrize(
    ("username", "lands_on"),
    [
        ("admin", "/staff/applications/"),
        ("sfj-handler", "/staff/applications/"),
        ("sfj-head", "/staff/applications/"),
        ("gkb", "/supervision/"),
        ("editor", "/staff/items/"),
        ("reviewer", "/staff/items/"),
    ],
)
def test_each_role_lands_where_its_work_is(demo_people, username, lands_on):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": username, "password": username}, follow=False
    )
    assert response.status_code == 302, response.content[:300]
    landing = client.get(response["Location"])
    assert landing.status_code == 302 and landing["Location"] == lands_on


def test_the_demo_admin_sees_the_cases_and_the_supervision_pages(demo_people):
    sfj = Agency.objects.get(code="demo-sfj")
    handler = User.objects.get(username="sfj-handler")
    case = factories.received(sfj, handler, dt.date(2026, 11, 2))
    admin = signed_in("admin")
    work = admin.get("/staff/applications/")
    assert work.status_code == 200
    assert case.tracking_code in work.content.decode()
    assert "您还不是任何机关的成员" not in work.content.decode()
    assert admin.get("/supervision/", follow=True).status_code == 200
    assert admin.get(f"/staff/applications/{case.pk}/").status_code == 200
    page = work.content.decode()
    assert "系统管理员" in page and 'class="role-banner"' in page


def test_the_header_offers_only_what_the_role_may_use(demo_people):
    handler = header_links(signed_in("sfj-handler"))
    assert "工作台" in handler and "复议诉讼" in handler and "年度报告" in handler
    assert "主动公开" not in handler and "监督检查" not in handler and "管理后台" not in handler
    office = header_links(signed_in("gkb"))
    assert "监督检查" in office and "工作台" not in office and "年度报告" not in office
    editor = header_links(signed_in("editor"))
    assert "主动公开" in editor and "工作台" not in editor
    assert "管理后台" in header_links(signed_in("admin"))


def test_login_page_lists_the_demo_accounts_in_demo_mode_only(demo_people, settings):
    page = Client().get("/accounts/login/").content.decode()
    assert "演示账户" in page and "<code>sfj-handler</code>" in page and "<code>gkb</code>" in page
    settings.XXGK_SHOW_DEMO_ACCOUNTS = False
    assert "演示账户" not in Client().get("/accounts/login/").content.decode()


def test_without_the_demo_no_account_is_listed():
    assert "演示账户" not in Client().get("/accounts/login/").content.decode()


def test_a_refusal_says_which_role_is_needed(demo_people):
    response = signed_in("editor").get("/supervision/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "只有政务公开主管部门的工作人员可以查看" in text
    assert "机关成员" in text and 'href="/accounts/landing/"' in text


def test_expected_refusals_are_logged_without_a_traceback():
    def record(status: int) -> logging.LogRecord:
        try:
            raise PermissionError("x")
        except PermissionError:
            r = logging.LogRecord("django.request", logging.WARNING, "", 0, "m", (), sys.exc_info())
        r.status_code = status
        return r

    refused, broken = record(403), record(500)
    assert ExpectedRefusalFilter().filter(refused) and refused.exc_info is None
    assert ExpectedRefusalFilter().filter(broken) and broken.exc_info is not None

"""Out-of-range numbers are a message, never a 500 (issue 12, item 9): the search's year, the
table 二 figures, a fee notice's pages — and every integer field gets the database's limit."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.test import Client

from tests.applications import factories
from tests.catalog.sites import (
    publish,
    site,  # noqa: F401  (the fixture)
)
from xxgk.accounts.models import Membership
from xxgk.forms import MAX_INTEGER, chinese_messages

pytestmark = pytest.mark.django_db
HUGE = ("2147483648", str(10**15), "9" * 40, "-1", "1e309", "NaN")


@pytest.mark.parametrize("year", ["10000", "0", "999999999", "-5", "abc", "2025"])
def test_search_with_any_year_answers(site, year):  # noqa: F811
    publish(site, title="关于政府信息公开的通知")
    response = Client().get("/search/", {"q": "政府", "year": year})
    assert response.status_code == 200


@pytest.mark.parametrize("value", HUGE)
def test_figures_form_refuses_huge_numbers_with_a_message(value):
    agency = factories.agency()
    editor = factories.user(agency, Membership.Role.EDITOR)
    client = Client()
    client.force_login(editor)
    year = dt.date.today().year - 1
    response = client.post(
        f"/staff/figures/{year}/",
        {
            "agency": agency.code,
            "figures-licensing": value,
            "figures-penalty": "1",
            "figures-coercion": "1",
            "figures-fee_wan": "1",
        },
    )
    assert response.status_code in (200, 400), response.status_code
    assert "不能" in response.content.decode() or "请填写" in response.content.decode()


@pytest.mark.parametrize("pages", [str(10**15), "2147483648", "1000001"])
def test_fee_notice_with_absurd_pages_is_refused_not_a_500(settings, pages):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = factories.agency()
    handler = factories.user(agency)
    app = factories.received(agency, handler, dt.date.today() - dt.timedelta(days=3))
    client = Client()
    client.force_login(handler)
    response = client.post(
        f"/staff/applications/{app.pk}/fee-notice/",
        {
            "fee-notice-on": dt.date.today().isoformat(),
            "fee-notice-method": "per_volume",
            "fee-notice-pages": pages,
        },
    )
    assert response.status_code == 200
    assert "不能大于" in response.content.decode()
    assert not hasattr(app, "fee_notice") or app.fee_notice is None


def test_every_integer_field_gets_the_database_limit():
    class Any(forms.Form):
        n = forms.IntegerField()
        small = forms.IntegerField(max_value=20)

    form = Any({"n": str(MAX_INTEGER + 1), "small": "5"})
    chinese_messages(form)
    assert not form.is_valid() and "不能大于" in form.errors["n"][0]
    assert form.fields["small"].max_value == 20

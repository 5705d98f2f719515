"""The remedy on the public pages: the 政府信息公开指南 and the tracking page of a concluded
case name the review bodies derived from the agency tree (agencies.remedies)."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.utils import timezone

from tests.applications import factories
from tests.catalog.sites import Site
from xxgk.agencies.models import Agency
from xxgk.applications import services
from xxgk.applications.grounds import Ground

pytestmark = pytest.mark.django_db
OLD_WORDING = ("本级人民政府或上一级主管部门", "本级人民政府或者上一级主管部门")


def text(response) -> str:
    assert response.status_code == 200
    return " ".join(lxml.html.fromstring(response.content.decode()).text_content().split())


def remedy_line(response) -> str:
    doc = lxml.html.fromstring(response.content.decode())
    return " ".join(doc.xpath("//li[@class='review-body']")[0].text_content().split())


def test_the_guide_names_the_review_bodies_from_the_tree(client, site: Site):
    site.other.review_route = Agency.ReviewRoute.JUSTICE  # 示范市司法局, art. 28
    site.other.save()
    site.government.review_body = "示范省人民政府"  # not in the tree
    site.government.save()
    assert remedy_line(client.get("/gk/sfj/guide/")) == (
        "行政复议：自知道或者应当知道该行政行为之日起60日内，"
        "向示范市人民政府或者上一级司法行政部门申请（《中华人民共和国行政复议法》第二十条）。"
    )
    assert "向示范省人民政府申请" in remedy_line(client.get("/gk/sfs/guide/"))
    body = text(client.get("/gk/sthjj/guide/"))
    assert "向示范市人民政府申请" in body and "《中华人民共和国行政诉讼法》第四十六条" in body
    assert not any(old in body for old in OLD_WORDING)


def test_a_department_without_an_override_names_its_government(client, site: Site):
    site.bureau.review_body = ""
    site.bureau.save()
    assert "向示范市人民政府申请" in remedy_line(client.get("/gk/sthjj/guide/"))


def test_the_guide_in_english_joins_the_bodies_with_or(client, site: Site):
    site.other.review_route = Agency.ReviewRoute.JUSTICE
    site.other.save()
    line = remedy_line(client.get("/gk/sfj/guide/", HTTP_ACCEPT_LANGUAGE="en"))
    assert line.startswith(
        "Administrative reconsideration: apply to 示范市人民政府 or 上一级司法行政部门"
    )
    assert line.endswith("(Administrative Reconsideration Law, art. 20).")


@pytest.fixture
def justice(site: Site, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    site.other.review_route = Agency.ReviewRoute.JUSTICE
    site.other.letter_prefix = "示司公开"
    site.other.save()
    return site.other, factories.user(site.other)


def test_the_tracking_page_of_a_replied_case_states_the_remedy(client, justice):
    agency, handler = justice
    today = timezone.localdate()
    app = factories.received(agency, handler, today - dt.timedelta(days=3))
    assert "救济途径" not in text(client.get(f"/track/{app.tracking_code}/"))  # still open
    services.decide(
        app,
        on=today,
        ground=Ground.ART36_4_NOT_EXIST,
        legal_basis="《中华人民共和国政府信息公开条例》第三十六条第四项",
        actor=handler,
    )
    body = text(client.get(f"/track/{app.tracking_code}/"))
    assert "救济途径" in body
    assert (
        "如对答复不服，可以自收到答复书之日起60日内向示范市人民政府或者上一级司法行政部门"
        "申请行政复议，或者自收到答复书之日起6个月内依法向人民法院提起行政诉讼。"
    ) in body


def test_a_withdrawn_case_has_no_remedy_line(client, justice):
    agency, handler = justice
    today = timezone.localdate()
    app = factories.received(agency, handler, today - dt.timedelta(days=3))
    services.withdraw(app, on=today, reason="申请人书面撤回", actor=handler)
    body = text(client.get(f"/track/{app.tracking_code}/"))
    assert "已办结" in body and "救济途径" not in body

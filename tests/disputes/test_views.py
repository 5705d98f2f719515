"""The review and litigation register pages: list and isolation, registering a case through
the form, recording its result, refusals shown in Chinese, supervisors read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.applications import factories
from xxgk.accounts.models import Membership
from xxgk.disputes import services
from xxgk.disputes.models import Case, CaseEvent

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    city = factories.agency(code="city", name="示范市人民政府办公室")
    a = factories.agency(code="a", name="示范市甲局", parent=city)
    b = factories.agency(code="b", name="示范市乙局", parent=city)
    return dict(
        a=a,
        b=b,
        handler_a=factories.user(a, username="handler_a"),
        handler_b=factories.user(b, username="handler_b"),
        supervisor=factories.user(city, role=Membership.Role.SUPERVISOR, username="supervisor"),
    )


def _case(agency, handler, **kw):
    defaults = dict(kind="review", body="示范市人民政府", filed_on=D(2025, 3, 1), actor=handler)
    defaults.update(kw)
    return services.register_case(agency, **defaults)


def test_list_needs_login(client):
    response = client.get(reverse("disputes:list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_list_shows_own_cases_only_and_filters(client, world):
    _case(world["a"], world["handler_a"], case_number="示复〔2025〕1号")
    _case(world["a"], world["handler_a"], case_number="示行初〔2024〕9号", kind="lit_direct",
          body="示范区人民法院", filed_on=D(2024, 6, 1))  # fmt: skip
    _case(world["b"], world["handler_b"], case_number="乙局案件")
    client.force_login(world["handler_a"])
    html = client.get(reverse("disputes:list")).content.decode()
    assert "示复〔2025〕1号" in html and "示行初〔2024〕9号" in html
    assert "乙局案件" not in html
    assert "尚未审结" in html
    assert html.index("示复〔2025〕1号") < html.index("示行初〔2024〕9号")  # newest first
    html = client.get(reverse("disputes:list"), {"year": "2024"}).content.decode()
    assert "示行初〔2024〕9号" in html and "示复〔2025〕1号" not in html
    html = client.get(reverse("disputes:list"), {"kind": "review"}).content.decode()
    assert "示复〔2025〕1号" in html and "示行初〔2024〕9号" not in html


def test_case_of_another_agency_is_forbidden(client, world):
    case = _case(world["b"], world["handler_b"])
    client.force_login(world["handler_a"])
    assert client.get(reverse("disputes:detail", args=[case.pk])).status_code == 403
    response = client.post(
        reverse("disputes:detail", args=[case.pk]), {"result": "maintained", "on": "2025-05-01"}
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).concluded_on is None


def test_register_through_the_form_with_a_tracking_code(client, world):
    app = factories.received(world["a"], world["handler_a"], D(2025, 1, 6))
    client.force_login(world["handler_a"])
    form = client.get(reverse("disputes:new")).content.decode()
    assert "示范市甲局" in form and "示范市乙局" not in form
    response = client.post(
        reverse("disputes:new"),
        {
            "agency": world["a"].pk,
            "kind": "lit_after_review",
            "body": "示范市中级人民法院",
            "case_number": "示行终〔2025〕3号",
            "filed_on": "2025-04-01",
            "tracking_code": app.tracking_code.replace("-", "").lower(),
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("disputes:detail", args=[case.pk])
    assert (case.agency, case.kind, case.application) == (world["a"], "lit_after_review", app)
    assert CaseEvent.objects.filter(case=case, kind="registered").exists()
    page = client.get(response["Location"]).content.decode()
    assert "已登记复议诉讼案件" in page and app.tracking_code in page


def test_unknown_or_foreign_tracking_code_is_a_form_error(client, world):
    other = factories.received(world["b"], world["handler_b"], D(2025, 1, 6))
    client.force_login(world["handler_a"])
    for code in ("ABCD-EFGH-JKLM", other.tracking_code):
        response = client.post(
            reverse("disputes:new"),
            {"agency": world["a"].pk, "kind": "review", "body": "示范市人民政府",
             "filed_on": "2025-04-01", "tracking_code": code},
        )  # fmt: skip
        assert response.status_code == 200
        assert "本机关没有查询码为" in response.content.decode()
    assert not Case.objects.exists()


def test_register_needs_a_handler(client, world):
    client.force_login(world["supervisor"])
    assert client.get(reverse("disputes:new")).status_code == 403


def test_record_result_then_a_second_result_is_refused(client, world):
    case = _case(world["a"], world["handler_a"])
    client.force_login(world["handler_a"])
    url = reverse("disputes:detail", args=[case.pk])
    response = client.post(url, {"result": "corrected", "on": "2025-06-30"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.result, case.concluded_on) == ("corrected", D(2025, 6, 30))
    page = client.get(url).content.decode()
    assert "已登记审结结果" in page and "结果纠正" in page
    assert 'name="result"' not in page  # no form once concluded
    response = client.post(url, {"result": "maintained", "on": "2025-07-01"})
    assert response.status_code == 400
    assert "该案件已登记审结结果" in response.content.decode()
    case.refresh_from_db()
    assert case.result == "corrected"


def test_result_before_filing_is_refused_in_chinese(client, world):
    case = _case(world["a"], world["handler_a"], filed_on=D(2025, 3, 1))
    client.force_login(world["handler_a"])
    response = client.post(
        reverse("disputes:detail", args=[case.pk]), {"result": "other", "on": "2025-02-01"}
    )
    assert response.status_code == 400
    assert "审结日期不能早于受理日期" in response.content.decode()


def test_supervisor_reads_without_a_form(client, world):
    case = _case(world["a"], world["handler_a"], case_number="示复〔2025〕7号")
    client.force_login(world["supervisor"])
    assert "示复〔2025〕7号" in client.get(reverse("disputes:list")).content.decode()
    url = reverse("disputes:detail", args=[case.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "只读" in html and 'name="result"' not in html
    assert client.post(url, {"result": "maintained", "on": "2025-05-01"}).status_code == 403

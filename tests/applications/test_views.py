"""The application pages over HTTP: the public form and tracking page, the staff workbench,
the case page and its action forms, files, and the throttled login."""

from __future__ import annotations

import datetime as dt
import re
import types

import lxml.html
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.applications import factories
from xxgk.accounts import throttle
from xxgk.accounts.models import Membership
from xxgk.applications import actions, letter_docx, services
from xxgk.applications.casefile import case_clock
from xxgk.applications.forms import LEGAL_BASIS, normalise_tracking_code
from xxgk.applications.grounds import Ground
from xxgk.applications.models import Application, Event, Letter, Status
from xxgk.applications.validators import credit_code_error, id_card_error, normalise_phone

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"  # a valid check digit
PHONE = "13912345678"
PASSWORD = "pw-Secret-123"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Argon2 (the deployment's hasher) takes a large part of a second per user
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Letters made by letters.py after a decision go to a temporary directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def world():
    """A city government supervising two bureaus, A and B, each with a handler; A has a head."""
    city = factories.agency(code="city", name="示范市人民政府办公室")
    a = factories.agency(code="bureau-a", name="示范市甲局", parent=city)
    b = factories.agency(code="bureau-b", name="示范市乙局", parent=city)
    return types.SimpleNamespace(
        city=city,
        a=a,
        b=b,
        handler_a=factories.user(a, username="handler_a"),
        head_a=factories.user(a, role=Membership.Role.HEAD, username="head_a"),
        handler_b=factories.user(b, username="handler_b"),
        supervisor=factories.user(city, role=Membership.Role.SUPERVISOR, username="supervisor"),
    )


def page(response):
    return lxml.html.fromstring(response.content.decode())


def text(response) -> str:
    return " ".join(page(response).text_content().split())


def login(client, user):
    client.force_login(user)
    return client


def applicant_post(**overrides) -> dict:
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "王小明",
        "contact_person": "",
        "id_type": "id_card",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "email": "wang@example.invalid",
        "address": "示范市示范区示范路8号",
        "postcode": "100000",
        "description": "2025年本局作出的全部行政许可决定书",
        "form_wanted": "electronic",
        "delivery_wanted": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def online(agency, **kw) -> Application:
    return services.receive(
        agency,
        applicant=factories.applicant(id_number=ID_NUMBER, phone=PHONE, **kw),
        channel="online",
        submitted_at=timezone.now() - dt.timedelta(days=3),
    )


def in_person(w, days: int = 3, **kw) -> Application:
    return factories.received(
        w.a, w.handler_a, days_ago(days), id_number=ID_NUMBER, phone=PHONE, **kw
    )


def act(client, app, action, **data):
    prefixed = {f"{action}-{k}": v for k, v in data.items()}
    return client.post(reverse("applications:action", args=[app.pk, action]), prefixed)


def fresh(app) -> Application:
    return Application.objects.get(pk=app.pk)


# ================================================================== validators


def test_id_card_check_digit_and_birth_date():
    assert id_card_error(ID_NUMBER) is None
    assert "校验位" in id_card_error("110105194912310021")
    assert "18位" in id_card_error("11010519491231")
    assert "出生日期" in id_card_error("110105194913310028")


def test_credit_code_check_character():
    assert credit_code_error("91350100M000100Y43") is None
    assert credit_code_error("9144030071526726XG") is None
    assert "校验位" in credit_code_error("91350100M000100Y44")
    assert "大写字母" in credit_code_error("91350100M000100I43")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("13800001111", "13800001111"),
        ("+86 138 0000 1111", "13800001111"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(0571)87654321", "0571-87654321"),
        ("0571 8765432-123", "0571-8765432-123"),
        ("12345", None),
        ("1380000111", None),
        ("23800001111", None),
    ],
)
def test_phone_numbers(raw, normal):
    assert normalise_phone(raw) == normal


def test_tracking_codes_are_normalised():
    assert normalise_tracking_code(" abcd efgh jkmn ") == "ABCD-EFGH-JKMN"
    assert normalise_tracking_code("ABCD-EFGH-JKL0") is None  # 0 is not in the alphabet
    assert normalise_tracking_code("ABCD-EFGH") is None


# ================================================================== public: apply


def test_the_apply_form_is_in_chinese_with_a_label_for_every_field(client, world):
    response = client.get("/apply/bureau-a/")
    assert response.status_code == 200
    doc = page(response)
    assert doc.xpath("//h1")[0].text_content() == "向示范市甲局申请政府信息公开"
    for field in doc.xpath(
        "//form[@method='post']//input[@type!='hidden'] | //form//select | //form//textarea"
    ):
        if field.get("type") == "radio":
            continue
        assert doc.xpath(f"//label[@for='{field.get('id')}']"), field.get("name")
    legends = [e.text_content().strip() for e in doc.xpath("//legend")]
    assert "申请人类型" in legends and "申请人信息" in legends
    assert "居民身份证" in text(response)


def test_the_apply_index_lists_the_agencies(client, world):
    response = client.get("/apply/")
    links = page(response).xpath("//main//a/@href")
    assert "/apply/bureau-a/" in links and "/apply/bureau-b/" in links


def test_an_unknown_agency_is_404(client, world):
    assert client.get("/apply/nowhere/").status_code == 404


def test_a_valid_online_application_is_received_and_confirmed_with_its_code(client, world):
    response = client.post("/apply/bureau-a/", applicant_post(phone="139 1234 5678"))
    assert response.status_code == 302
    assert response["Location"] == "/apply/bureau-a/submitted/"
    (app,) = Application.objects.all()
    assert app.agency == world.a
    assert app.channel == "online" and app.status == Status.SUBMITTED
    assert app.phone == PHONE and app.id_number == ID_NUMBER
    assert [e.kind for e in app.events.all()] == [Event.Kind.RECEIVED]

    done = client.get(response["Location"])
    assert done.status_code == 200
    assert page(done).xpath("//*[@id='tracking-code']")[0].text_content() == app.tracking_code
    body = text(done)
    assert "第三十一条" in body and "20个工作日" in body


def test_a_lower_case_x_and_spaces_in_the_id_number_are_accepted(client, world):
    response = client.post("/apply/bureau-a/", applicant_post(id_number="110105 19491231 002x"))
    assert response.status_code == 302
    assert Application.objects.get().id_number == ID_NUMBER


def test_a_wrong_check_digit_is_refused_in_chinese(client, world):
    response = client.post("/apply/bureau-a/", applicant_post(id_number="110105194912310021"))
    assert response.status_code == 200
    assert "居民身份证号码校验位不正确，请核对" in text(response)
    assert not Application.objects.exists()
    (field,) = page(response).xpath("//input[@name='id_number']")
    assert field.get("aria-invalid") == "true"


def test_missing_fields_are_named_in_chinese(client, world):
    response = client.post("/apply/bureau-a/", {})
    body = text(response)
    for message in (
        "请选择申请人类型",
        "请填写姓名或名称",
        "请填写证件号码",
        "请填写联系电话",
        "请填写所需政府信息的名称、文号或者便于查询的其他特征性描述",
        "请选择获取途径",
    ):
        assert message in body, message
    assert page(response).xpath("//div[@class='error-summary']/@role") == ["alert"]
    assert not Application.objects.exists()


def test_bad_phone_and_postcode_are_refused(client, world):
    response = client.post("/apply/bureau-a/", applicant_post(phone="12345", postcode="1000"))
    body = text(response)
    assert "请填写有效的联系电话" in body
    assert "邮政编码应为6位数字" in body


def test_a_landline_is_accepted(client, world):
    client.post("/apply/bureau-a/", applicant_post(phone="010 12345678"))
    assert Application.objects.get().phone == "010-12345678"


def test_delivery_by_email_needs_an_address_and_by_post_a_postal_address(client, world):
    body = text(client.post("/apply/bureau-a/", applicant_post(email="")))
    assert "选择以电子邮件获取信息时，请填写电子邮箱" in body
    body = text(client.post("/apply/bureau-a/", applicant_post(delivery_wanted="post", address="")))
    assert "选择邮寄时，请填写通信地址" in body


def test_an_organisation_needs_a_contact_person_and_a_valid_credit_code(client, world):
    post = applicant_post(
        applicant_type="legal_commercial",
        applicant_name="示范科技有限公司",
        id_type="credit_code",
        id_number="91350100M000100Y44",
    )
    body = text(client.post("/apply/bureau-a/", post))
    assert "法人或其他组织申请请填写联系人" in body
    assert "统一社会信用代码校验位不正确" in body
    post.update(contact_person="李四", id_number="91350100m000100y43")
    assert client.post("/apply/bureau-a/", post).status_code == 302
    app = Application.objects.get()
    assert app.contact_person == "李四" and app.id_number == "91350100M000100Y43"


def test_a_person_cannot_use_a_credit_code(client, world):
    body = text(client.post("/apply/bureau-a/", applicant_post(id_type="credit_code")))
    assert "公民申请请选择本人的身份证件" in body


def test_the_honeypot_pretends_success_and_creates_nothing(client, world):
    response = client.post("/apply/bureau-a/", applicant_post(website="http://spam.example"))
    assert response.status_code == 302
    done = client.get(response["Location"])
    code = page(done).xpath("//*[@id='tracking-code']")[0].text_content()
    assert normalise_tracking_code(code) == code
    assert not Application.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, world):
    doc = page(client.get("/apply/bureau-a/"))
    (box,) = doc.xpath("//div[@class='hp']")
    assert box.get("aria-hidden") == "true"
    assert box.xpath(".//input/@tabindex") == ["-1"]


def test_the_sixth_submission_in_an_hour_from_one_address_gets_429(client, world):
    for _ in range(5):
        assert client.post("/apply/bureau-a/", applicant_post()).status_code == 302
    response = client.post("/apply/bureau-a/", applicant_post())
    assert response.status_code == 429
    assert "每小时最多提交5件申请" in text(response)
    assert Application.objects.count() == 5
    # another address is not affected
    other = client.post("/apply/bureau-a/", applicant_post(), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_invalid_submissions_do_not_use_up_the_limit(client, world):
    for _ in range(6):
        client.post("/apply/bureau-a/", applicant_post(phone="1"))
    assert client.post("/apply/bureau-a/", applicant_post()).status_code == 302


def test_the_confirmation_page_needs_the_session(client, world):
    response = client.get("/apply/bureau-a/submitted/")
    assert response.status_code == 302 and response["Location"] == "/apply/bureau-a/"


# ================================================================== public: tracking


def test_the_tracking_page_shows_the_procedure_but_no_personal_data(client, world):
    app = online(world.a, applicant_name="王小明", email="wang@example.invalid")
    services.confirm_receipt(app, on=days_ago(2), actor=world.handler_a)
    services.request_correction(
        app, on=days_ago(1), items="请写明所需文件的年份和文号", actor=world.handler_a
    )
    response = client.get(f"/track/{app.tracking_code}/")
    assert response.status_code == 200
    body = text(response)
    assert app.tracking_code in body
    assert "待补正" in body
    assert days_ago(2).isoformat() in body  # the receipt date
    assert "请写明所需文件的年份和文号" in body  # what to correct
    assert "等待申请人补正" in body  # the clock stands still
    assert "王**" in body
    for secret in ("王小明", ID_NUMBER, PHONE, "wang@example.invalid", "示范市示范区", "handler_a"):
        assert secret not in response.content.decode(), secret


def test_the_tracking_page_shows_the_due_date_and_the_decision(client, world):
    app = in_person(world, days=3)
    body = text(client.get(f"/track/{app.tracking_code}/"))
    assert "办理中" in body and f"{app.due_date.isoformat()} 前" in body
    services.decide(
        app,
        on=timezone.localdate(),
        ground=Ground.ART36_2_CAN_BE_DISCLOSED,
        legal_basis="第三十六条第二项",
        summary="内部说明：联系人王小明",
        actor=world.handler_a,
    )
    body = text(client.get(f"/track/{app.tracking_code}/"))
    assert "已办结" in body and "作出答复" in body and "予以公开" in body
    assert "内部说明" not in body


def test_the_code_can_be_posted_and_is_normalised(client, world):
    app = online(world.a)
    raw = app.tracking_code.replace("-", "").lower()
    response = client.post("/track/", {"code": raw})
    assert response.status_code == 200
    assert app.tracking_code in text(response) and "待确认收到" in text(response)


def test_an_unknown_code_is_a_chinese_404(client, world):
    response = client.get("/track/ABCD-EFGH-JKMN/")
    assert response.status_code == 404
    assert "没有与该查询码对应的申请" in text(response)
    response = client.post("/track/", {"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 404


def test_a_malformed_code_is_explained(client, world):
    response = client.post("/track/", {"code": "12"})
    assert response.status_code == 200
    assert "查询码应为12位字母和数字" in text(response)


def test_guessing_codes_is_stopped_after_ten_misses(client, world):
    app = online(world.a)
    for i in range(10):
        assert client.get(f"/track/ABCD-EFGH-JK{'MN'[i % 2]}{'PQRSTUVWXY'[i]}/").status_code == 404
    response = client.get(f"/track/{app.tracking_code}/")
    assert response.status_code == 429
    assert "查询过于频繁" in text(response)
    assert response["Retry-After"] == "3600"


# ================================================================== login throttling


def test_the_login_page_and_a_successful_login(client, world):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "handler_a", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/landing/"
    assert client.get("/accounts/landing/")["Location"] == "/staff/applications/"


def test_the_workbench_asks_for_a_login(client, world):
    response = client.get("/staff/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_five_failures_lock_the_user_name_at_that_address(client, world):
    for i in range(4):
        response = client.post("/accounts/login/", {"username": "handler_a", "password": "x"})
        assert response.status_code == 200, i
    response = client.post("/accounts/login/", {"username": "handler_a", "password": "x"})
    assert response.status_code == 429
    assert "登录失败次数过多，请15分钟后再试" in text(response)
    # even the right password, from that address, is refused while locked
    right = {"username": "handler_a", "password": PASSWORD}
    assert client.post("/accounts/login/", right).status_code == 429
    assert "_auth_user_id" not in client.session
    # the same person from another address is not locked out by someone else's guesses
    assert client.post("/accounts/login/", right, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_many_failures_from_one_address_for_any_names_are_refused(client, world):
    for n in range(30):
        client.post("/accounts/login/", {"username": f"name{n}", "password": "x"})
    right = {"username": "handler_b", "password": PASSWORD}
    assert client.post("/accounts/login/", right).status_code == 429
    assert client.post("/accounts/login/", right, REMOTE_ADDR="10.0.0.7").status_code == 302


def test_a_successful_login_clears_the_failures(client, world):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "handler_a", "password": "x"})
    client.post("/accounts/login/", {"username": "handler_a", "password": PASSWORD})
    client.logout()
    response = client.post("/accounts/login/", {"username": "handler_a", "password": "x"})
    assert response.status_code == 200


def test_the_client_address_behind_a_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.XXGK_TRUSTED_PROXIES = []
    assert throttle.client_ip(request) == "10.0.0.1"
    settings.XXGK_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert throttle.client_ip(request) == "203.0.113.9"  # the entry nginx added, not the forged one


# ================================================================== workbench


def test_the_workbench_masks_the_id_number_and_the_phone(client, world):
    in_person(world, applicant_name="王小明")
    response = login(client, world.handler_a).get("/staff/applications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "110105********002X" in html and "139****5678" in html and "王**" in html
    assert ID_NUMBER not in html and PHONE not in html and "王小明" not in html


def test_the_workbench_puts_overdue_and_due_soon_first(client, world):
    ok = in_person(world, days=1, description="近期申请")
    overdue = in_person(world, days=60, description="逾期申请")
    waiting = online(world.a, description="待确认申请")  # submitted 3 days ago
    fresh = services.receive(  # submitted today: not yet waiting too long
        world.a,
        applicant=factories.applicant(id_number=ID_NUMBER, phone=PHONE),
        channel="online",
    )
    soon = in_person(world, days=26, description="即将到期申请")
    doc = page(login(client, world.handler_a).get("/staff/applications/"))
    codes = [a.text_content() for a in doc.xpath("//table//tbody//th/a")]
    assert codes == [
        overdue.tracking_code,
        soon.tracking_code,
        waiting.tracking_code,  # unconfirmed for a working day or more (art. 31): flagged
        ok.tracking_code,
        fresh.tracking_code,
    ]
    badges = [b.text_content() for b in doc.xpath("//table//span[contains(@class,'badge')]")]
    assert badges[0] == "已逾期" and badges[-1] == "未起算"
    assert any("未确认收到" in b for b in badges)


def test_the_workbench_filters_by_status_and_agency_and_pages(client, world):
    for _ in range(27):
        in_person(world)
    online(world.a)
    b_case = factories.received(world.b, world.handler_b, days_ago(1))
    login(client, world.supervisor)
    doc = page(client.get("/staff/applications/?agency=bureau-a"))
    assert len(doc.xpath("//table//tbody/tr")) == 25
    assert "共 28 件" in doc.xpath("//caption")[0].text_content()
    doc2 = page(client.get("/staff/applications/?agency=bureau-a&page=2"))
    assert len(doc2.xpath("//table//tbody/tr")) == 3
    doc = page(client.get("/staff/applications/?status=submitted"))
    assert len(doc.xpath("//table//tbody/tr")) == 1
    doc = page(client.get("/staff/applications/?agency=bureau-b"))
    assert [a.text_content() for a in doc.xpath("//tbody//th/a")] == [b_case.tracking_code]


def test_a_handler_sees_only_the_own_agencys_cases(client, world):
    a_case = in_person(world)
    html = login(client, world.handler_b).get("/staff/applications/").content.decode()
    assert a_case.tracking_code not in html


# ================================================================== isolation


def test_another_agencys_handler_gets_403_on_the_case_and_on_every_action(client, world, media):
    app = in_person(world)
    letter = Letter.objects.create(
        application=app, kind=Letter.Kind.REPLY, number="测公开〔2026〕1号", issued_on=days_ago(1)
    )
    letter.file.save("x.docx", ContentFile(b"PK docx"), save=True)
    login(client, world.handler_b)
    response = client.get(f"/staff/applications/{app.pk}/")
    assert response.status_code == 403
    assert "您无权查看此申请" in text(response)
    for name in actions.ACTIONS:
        response = act(client, app, name, on=timezone.localdate().isoformat())
        assert response.status_code == 403, name
    assert client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}/").status_code == 403
    assert client.get(f"/staff/applications/{app.pk}/archive.zip").status_code == 403
    assert [e.kind for e in fresh(app).events.all()] == [Event.Kind.RECEIVED]


def test_a_supervisor_reads_the_case_without_action_forms(client, world):
    app = in_person(world, applicant_name="王小明")
    login(client, world.supervisor)
    response = client.get(f"/staff/applications/{app.pk}/")
    assert response.status_code == 200
    body = text(response)
    # the supervising office reads the case, not the applicant's identity (issue 12, item 8)
    assert "王**" in body and ID_NUMBER not in body and "110105********002X" in body
    assert "只读" in body
    forms = page(response).xpath("//main//form[@method='post']")
    assert forms == []
    assert act(client, app, "decide", ground="art36_2_can_be_disclosed").status_code == 403


def test_an_unknown_case_is_404_and_an_unknown_action_too(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    assert client.get("/staff/applications/99999/").status_code == 404
    assert act(client, app, "explode").status_code == 404


def test_actions_need_post(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    assert client.get(reverse("applications:action", args=[app.pk, "archive"])).status_code == 405


# ================================================================== the case page


def test_the_case_page_explains_the_due_date(client, world):
    app = in_person(world, days=3)
    response = login(client, world.handler_a).get(f"/staff/applications/{app.pk}/")
    doc = page(response)
    body = text(response)
    assert app.due_date.isoformat() in body
    assert "期限如何计算" in body
    steps = doc.xpath("//details[@class='deadline']//tbody/tr")
    assert steps and "起算日" in steps[0].text_content()
    assert "20" in steps[-1].text_content()


def test_the_case_page_shows_a_warning_for_an_assumed_holiday_year(client, world):
    # received in a year whose holiday schedule nobody has loaded: the clock counts weekends and
    # the statutory holidays, and says the 调休 are not known
    app = factories.received(world.a, world.handler_a, dt.date(2090, 12, 20))
    body = text(login(client, world.handler_a).get(f"/staff/applications/{app.pk}/"))
    assert "2091年的国务院节假日安排尚未载入" in body and "注意" in body


def test_only_the_actions_of_the_current_status_are_offered(client, world):
    login(client, world.handler_a)

    def offered(app):
        doc = page(client.get(f"/staff/applications/{app.pk}/"))
        return [
            d.get("id").removeprefix("action-")
            for d in doc.xpath("//details[@class and starts-with(@id,'action-')]")
        ]

    assert offered(online(world.a)) == ["confirm-receipt", "withdraw"]
    app = in_person(world)
    assert offered(app) == [
        "request-correction",
        "start-consultation",
        "extend",
        "fee-notice",
        "decide",
        "request-reasons",
        "notice-letter",  # the 受理回执: the receipt date is known
        "withdraw",
    ]
    services.request_correction(app, on=timezone.localdate(), items="年份", actor=world.handler_a)
    assert offered(app) == [
        "receive-correction",
        "close-no-correction",
        "notice-letter",
        "withdraw",
    ]


def test_confirm_receipt_through_the_form(client, world):
    app = online(world.a)
    login(client, world.handler_a)
    response = act(client, app, "confirm-receipt", on=days_ago(1).isoformat())
    assert response.status_code == 302
    app = fresh(app)
    assert app.status == Status.IN_PROGRESS and app.receipt_date == days_ago(1)
    assert app.due_date is not None
    assert "已确认收到申请" in text(client.get(response["Location"]))


def test_a_date_in_the_future_is_refused(client, world):
    app = online(world.a)
    login(client, world.handler_a)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = act(client, app, "confirm-receipt", on=tomorrow)
    assert response.status_code == 200
    assert "日期不能晚于今天" in text(response)
    assert fresh(app).status == Status.SUBMITTED


def test_correction_requested_then_received_moves_the_due_date(client, world):
    app = in_person(world, days=10)
    first_due = app.due_date
    login(client, world.handler_a)
    response = act(
        client, app, "request-correction", on=days_ago(9).isoformat(), items="请写明文件年份"
    )
    assert response.status_code == 302
    app = fresh(app)
    assert app.status == Status.AWAITING_CORRECTION and app.due_date is None
    assert app.correction_due is not None
    response = act(client, app, "receive-correction", on=days_ago(2).isoformat())
    assert response.status_code == 302
    app = fresh(app)
    assert app.status == Status.IN_PROGRESS and app.due_date > first_due
    kinds = [e.kind for e in app.events.all()]
    assert Event.Kind.CORRECTION_REQUESTED in kinds and Event.Kind.CORRECTION_RECEIVED in kinds


def test_a_second_correction_is_refused_with_the_article(client, world):
    app = in_person(world, days=10)
    login(client, world.handler_a)
    act(client, app, "request-correction", on=days_ago(9).isoformat(), items="年份")
    act(client, app, "receive-correction", on=days_ago(8).isoformat())
    response = act(client, app, "request-correction", on=days_ago(7).isoformat(), items="再补正")
    assert response.status_code == 200
    assert "补正只能一次性告知，本申请已告知过补正（第三十条）" in text(response)
    assert page(response).xpath("//*[@id='action-error']/@role") == ["alert"]
    assert fresh(app).status == Status.IN_PROGRESS


def test_no_correction_in_time_closes_the_case(client, world):
    app = in_person(world, days=60)
    login(client, world.handler_a)
    act(client, app, "request-correction", on=days_ago(59).isoformat(), items="年份")
    response = act(client, app, "close-no-correction", on=timezone.localdate().isoformat())
    assert response.status_code == 302
    app = fresh(app)
    assert app.status == Status.CONCLUDED and app.ground == Ground.ART30_NO_CORRECTION


def test_an_extension_without_the_heads_approval_is_refused(client, world):
    app = in_person(world, days=3)
    login(client, world.handler_a)
    today = timezone.localdate().isoformat()
    response = act(client, app, "extend", on=today, days="10", reason="需调取档案", approved_by="")
    assert response.status_code == 200
    assert "延长答复期限须经政府信息公开工作机构负责人同意（第三十三条）" in text(response)
    # a handler is not a head either
    response = act(
        client,
        app,
        "extend",
        on=today,
        days="10",
        reason="需调取档案",
        approved_by=world.handler_a.pk,
    )
    assert response.status_code == 200
    before = fresh(app).due_date
    response = act(
        client, app, "extend", on=today, days="10", reason="需调取档案", approved_by=world.head_a.pk
    )
    assert response.status_code == 302
    app = fresh(app)
    assert app.due_date > before
    assert app.events.filter(kind=Event.Kind.EXTENDED).get().data["approved_by"] == "head_a"


def test_the_extend_form_offers_only_the_agencys_heads(client, world):
    app = in_person(world)
    doc = page(login(client, world.handler_a).get(f"/staff/applications/{app.pk}/"))
    options = doc.xpath("//select[@name='extend-approved_by']/option")
    assert [o.get("value") for o in options] == ["", str(world.head_a.pk)]


def test_consultation_is_started_and_ended(client, world):
    app = in_person(world, days=5)
    login(client, world.handler_a)
    response = act(
        client,
        app,
        "start-consultation",
        on=days_ago(4).isoformat(),
        kind="third_party",
        party="某公司",
    )
    assert response.status_code == 302
    response = act(client, app, "end-consultation", on=days_ago(1).isoformat(), outcome="同意公开")
    assert response.status_code == 302
    kinds = [e.kind for e in fresh(app).events.all()]
    assert kinds[-2:] == [Event.Kind.CONSULTATION_STARTED, Event.Kind.CONSULTATION_ENDED]


def test_fee_notice_and_payment(client, world):
    app = in_person(world, days=5)
    login(client, world.handler_a)
    response = act(
        client, app, "fee-notice", on=days_ago(4).isoformat(), method="per_volume", pages=""
    )
    assert "按量计收请填写页数" in text(response)
    response = act(
        client, app, "fee-notice", on=days_ago(4).isoformat(), method="per_volume", pages="50"
    )
    assert response.status_code == 302
    app = fresh(app)
    assert app.status == Status.AWAITING_PAYMENT and app.fee_notice.amount == 200
    assert act(client, app, "record-payment", on=days_ago(1).isoformat()).status_code == 302
    assert fresh(app).status == Status.IN_PROGRESS


def test_unpaid_fees_close_the_case_after_the_period(client, world):
    app = in_person(world, days=70)
    login(client, world.handler_a)
    act(client, app, "fee-notice", on=days_ago(69).isoformat(), method="per_volume", pages="50")
    response = act(client, app, "close-fee-unpaid", on=timezone.localdate().isoformat())
    assert response.status_code == 302
    assert fresh(app).ground == Ground.FEE_NOT_PAID


def test_deciding_fills_in_the_legal_basis_of_the_ground(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    response = act(
        client,
        app,
        "decide",
        on=timezone.localdate().isoformat(),
        ground="art36_2_can_be_disclosed",
        legal_basis="",
        summary="提供2025年行政许可决定书12份",
    )
    assert response.status_code == 302
    app = fresh(app)
    assert app.status == Status.CONCLUDED
    assert app.decision.legal_basis == LEGAL_BASIS[Ground.ART36_2_CAN_BE_DISCLOSED]
    assert "第三十六条第二项" in app.decision.legal_basis


def test_the_decision_form_offers_no_procedural_ground(client, world):
    app = in_person(world)
    doc = page(login(client, world.handler_a).get(f"/staff/applications/{app.pk}/"))
    values = set(doc.xpath("//select[@name='decide-ground']//option/@value")) - {""}
    assert Ground.WITHDRAWN_OR_OTHER not in values and Ground.ART30_NO_CORRECTION not in values
    assert len(values) == len(Ground) - 3
    assert doc.xpath("//select[@name='decide-ground']/optgroup/@label")[:3] == [
        "予以公开",
        "部分公开",
        "不予公开",
    ]


def test_a_partial_disclosure_needs_the_withheld_parts(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    today = timezone.localdate().isoformat()
    response = act(client, app, "decide", on=today, ground="art37_partial_disclosure")
    assert "部分公开应写明不予公开的部分及其理由（第三十七条）" in text(response)
    response = act(
        client,
        app,
        "decide",
        on=today,
        ground="art37_partial_disclosure",
        withheld_part_1="第三页中的个人身份信息",
        withheld_ground_1="art15_third_party_rights",
    )
    assert response.status_code == 302
    assert fresh(app).decision.withheld == [
        {"part": "第三页中的个人身份信息", "ground": "art15_third_party_rights"}
    ]


def test_deciding_a_withdrawn_case_is_refused(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    today = timezone.localdate().isoformat()
    assert act(client, app, "withdraw", on=today, reason="申请人书面撤回").status_code == 302
    assert fresh(app).ground == Ground.WITHDRAWN_OR_OTHER
    response = act(client, app, "decide", on=today, ground="art36_2_can_be_disclosed")
    assert response.status_code == 200
    assert "该申请当前状态为“已办结”，不能作出答复" in text(response)
    assert not hasattr(fresh(app), "decision")


def test_delivery_and_archive_after_the_decision(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    today = timezone.localdate().isoformat()
    act(client, app, "decide", on=today, ground="art36_4_information_does_not_exist")
    response = act(
        client, app, "record-delivery", on=today, method="post", proof="EMS 1234", letter=""
    )
    assert response.status_code == 302
    assert act(client, app, "archive").status_code == 302
    app = fresh(app)
    assert app.archived_at is not None and app.deliveries.get().proof == "EMS 1234"
    body = text(client.get(f"/staff/applications/{app.pk}/"))
    assert "已归档" in body and "EMS 1234" in body
    assert "archive" not in [
        d
        for d in actions.ACTIONS
        if actions.ACTIONS[d].available(
            app, actions.facts(app, case_clock(app, timezone.localdate()), world.handler_a)
        )
    ]


def test_the_timeline_says_who_when_what_and_why(client, world):
    app = in_person(world, days=10)
    login(client, world.handler_a)
    act(client, app, "request-correction", on=days_ago(9).isoformat(), items="请写明文件年份")
    doc = page(client.get(f"/staff/applications/{app.pk}/"))
    rows = [
        " ".join(r.text_content().split())
        for r in doc.xpath("//table[contains(@class,'timeline-table')]/tbody/tr")
    ]
    assert rows[0].startswith(days_ago(10).isoformat()) and "收到申请" in rows[0]
    assert "告知补正" in rows[1] and "handler_a" in rows[1] and "请写明文件年份" in rows[1]
    assert "补正期限" in rows[1]


# ================================================================== the reply letter after deciding


def decide_now(client, app, ground="art36_2_can_be_disclosed", **data):
    return act(client, app, "decide", on=timezone.localdate().isoformat(), ground=ground, **data)


def reply_text(app) -> str:
    letter = fresh(app).letters.get(kind=Letter.Kind.REPLY)
    with letter.file.open("rb") as f:
        return letter_docx.text_of(f.read())


def test_deciding_issues_the_reply_letter(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    response = decide_now(client, app)
    letter = fresh(app).letters.get(kind=Letter.Kind.REPLY)
    assert letter.number == f"测公开〔{timezone.localdate().year}〕1号"
    assert letter.created_by == world.handler_a
    assert f"已作出答复，并制作答复书 {letter.number}" in text(client.get(response["Location"]))


def test_a_refused_reply_letter_keeps_the_decision_and_says_why(client, world):
    world.a.letter_prefix = ""  # no 文书代字: letters cannot be numbered
    world.a.save()
    app = in_person(world)
    login(client, world.handler_a)
    response = decide_now(client, app)
    assert response.status_code == 302
    assert fresh(app).status == Status.CONCLUDED and not fresh(app).letters.exists()
    shown = text(client.get(response["Location"]))
    assert "答复已记录，但未能制作答复书" in shown and "尚未设置文书代字" in shown


def test_the_reply_letter_can_be_made_again_after_a_refusal(client, world):
    world.a.letter_prefix = ""
    world.a.save()
    app = in_person(world)
    login(client, world.handler_a)
    decide_now(client, app)
    doc = page(client.get(f"/staff/applications/{app.pk}/"))
    assert doc.xpath("//details[@id='action-reply-letter']")
    world.a.letter_prefix = "测公开"
    world.a.save()
    response = act(client, app, "reply-letter")
    assert response.status_code == 302
    number = f"测公开〔{timezone.localdate().year}〕1号"
    assert f"已制作答复书 {number}" in text(client.get(response["Location"]))
    doc = page(client.get(f"/staff/applications/{app.pk}/"))
    assert not doc.xpath("//details[@id='action-reply-letter']")


def test_the_responsible_agency_goes_into_a_not_this_agency_reply(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    decide_now(
        client,
        app,
        ground="art36_5_not_this_agencys_information",
        responsible_agency="示范市丙局，电话 010-12345678",
    )
    assert "该政府信息由示范市丙局，电话 010-12345678负责公开" in reply_text(app)


def test_the_real_reply_letter_is_made_and_downloaded(client, world):
    app = in_person(world)
    login(client, world.handler_a)
    decide_now(client, app)
    letter = fresh(app).letters.get(kind=Letter.Kind.REPLY)
    assert letter.number.startswith("测公开〔")
    doc = page(client.get(f"/staff/applications/{app.pk}/"))
    (href,) = doc.xpath(f"//a[contains(., '{letter.number}')]/@href")
    response = client.get(href)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


# ================================================================== registering by staff


def test_staff_register_a_letter_application(client, world):
    login(client, world.handler_a)
    post = applicant_post(agency=world.a.pk, channel="letter", arrived_on=days_ago(2).isoformat())
    response = client.post("/staff/applications/new/", post)
    assert response.status_code == 302
    app = Application.objects.get()
    assert response["Location"] == f"/staff/applications/{app.pk}/"
    assert app.channel == "letter" and app.status == Status.SUBMITTED
    assert app.events.get().actor == world.handler_a
    assert timezone.localdate(app.submitted_at) == days_ago(2)
    # an ordinary letter is confirmed later, on the day the office confirms (art. 31)
    assert act(client, app, "confirm-receipt", on=days_ago(1).isoformat()).status_code == 302


def test_staff_register_an_in_person_application_received_on_arrival(client, world):
    login(client, world.handler_a)
    post = applicant_post(
        agency=world.a.pk, channel="in_person", arrived_on=days_ago(1).isoformat()
    )
    client.post("/staff/applications/new/", post)
    app = Application.objects.get()
    assert app.status == Status.IN_PROGRESS and app.receipt_date == days_ago(1)


def test_staff_cannot_register_for_another_agency_or_online(client, world):
    login(client, world.handler_a)
    doc = page(client.get("/staff/applications/new/"))
    assert doc.xpath("//select[@name='agency']/option/@value") == [str(world.a.pk)]
    assert "online" not in doc.xpath("//select[@name='channel']/option/@value")
    post = applicant_post(agency=world.b.pk, channel="letter", arrived_on=days_ago(1).isoformat())
    response = client.post("/staff/applications/new/", post)
    assert response.status_code == 200 and not Application.objects.exists()
    assert "请从列表中选择受理机关" in text(response)


def test_a_supervisor_cannot_register(client, world):
    assert login(client, world.supervisor).get("/staff/applications/new/").status_code == 403


# ================================================================== files


def test_the_letter_is_downloaded_by_who_may_read_the_case(client, world, media):
    app = in_person(world)
    letter = Letter.objects.create(
        application=app, kind=Letter.Kind.REPLY, number="测公开〔2026〕3号", issued_on=days_ago(1)
    )
    letter.file.save("reply.docx", ContentFile(b"PK\x03\x04 docx bytes"), save=True)
    client.force_login(world.supervisor)  # reads the case, but a letter names the applicant
    assert client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}/").status_code == 403
    for user in (world.handler_a,):
        client.force_login(user)
        response = client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"PK\x03\x04 docx bytes"
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
    other = factories.agency()
    foreign = factories.received(other, factories.user(other), days_ago(1))
    url = f"/staff/applications/{foreign.pk}/letters/{letter.pk}/"
    assert login(client, world.handler_a).get(url).status_code == 403


def test_the_ledger_and_the_archive(client, world, media):
    exports = pytest.importorskip("xxgk.applications.exports")
    assert hasattr(exports, "ledger_xlsx")
    app = in_person(world)
    login(client, world.handler_a)
    response = client.get(f"/staff/applications/ledger.xlsx?year={timezone.localdate().year}")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert client.get("/staff/applications/ledger.xlsx?year=abc").status_code == 400
    assert client.get("/staff/applications/ledger.xlsx?agency=bureau-b").status_code == 403
    # the archive only once the case is concluded
    response = client.get(f"/staff/applications/{app.pk}/archive.zip")
    assert response.status_code == 302
    act(
        client,
        app,
        "decide",
        on=timezone.localdate().isoformat(),
        ground="art36_4_information_does_not_exist",
    )
    response = client.get(f"/staff/applications/{app.pk}/archive.zip")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_ledger_is_refused_to_someone_without_an_agency(client, world):
    nobody = factories.user()
    assert login(client, nobody).get("/staff/applications/ledger.xlsx").status_code == 403


# ================================================================== pages in English


def test_the_apply_form_in_english_keeps_working(client, world):
    response = client.get("/apply/bureau-a/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert re.search(r'lang="en"', response.content.decode())

"""Exports: the ledger (台账) as XLSX with personal data masked, and the archive ZIP of a
concluded case (letters, case file with every event, manifest with SHA-256)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import zipfile

import pytest
from django.utils import timezone

from xxgk.applications import exports, letters, services
from xxgk.applications.grounds import Ground
from xxgk.applications.models import Event, Letter

from . import factories

pytestmark = pytest.mark.django_db
D = dt.date
ID_NUMBER = "210402199001011234"
PHONE = "13912345678"
NAME = "王小明"
TODAY = D(2026, 12, 30)


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def office():
    agency = factories.agency(code="fssfj", name="抚顺市司法局", letter_prefix="抚司公开")
    handler = factories.user(agency, username="jingban")
    handler.first_name, handler.last_name = "红", "李"
    handler.save()
    return agency, handler, factories.user(agency, role="head", username="fuzeren")


def person(**kw):
    return {"applicant_name": NAME, "id_number": ID_NUMBER, "phone": PHONE, **kw}


@pytest.fixture
def cases(office):
    agency, handler, head = office
    partial = factories.received(agency, handler, D(2026, 3, 2), **person())
    services.decide(
        partial,
        on=D(2026, 3, 20),
        ground=Ground.ART37_PARTIAL_DISCLOSURE,
        legal_basis="《中华人民共和国政府信息公开条例》第三十七条",
        withheld=[{"part": "个人信息", "ground": Ground.ART15_THIRD_PARTY}],
        actor=handler,
    )
    services.record_delivery(
        partial, on=D(2026, 3, 23), method="post", proof="EMS 1234567890", actor=handler
    )
    company = factories.received(
        agency,
        handler,
        D(2026, 4, 1),
        applicant_type="legal_commercial",
        applicant_name="示范科技有限公司",
        id_type="credit_code",
        id_number="91210400MA0XXXXX1X",
        phone="024-52223333",
        description='=HYPERLINK("http://example.invalid")',
    )
    services.decide(
        company,
        on=D(2026, 4, 10),
        ground=Ground.ART14_STATE_SECRET,
        legal_basis="《中华人民共和国政府信息公开条例》第十四条",
        actor=handler,
    )
    late_open = factories.received(agency, handler, D(2026, 6, 1), **person(phone="13800002222"))
    carried = factories.received(agency, handler, D(2026, 12, 21), **person())
    online = services.receive(
        agency,
        applicant=factories.applicant(**person()),
        channel="online",
        submitted_at=timezone.make_aware(dt.datetime(2026, 12, 29, 9)),
    )
    old = factories.received(agency, handler, D(2025, 6, 2))  # another year: not listed
    return {
        "partial": partial,
        "company": company,
        "late_open": late_open,
        "carried": carried,
        "online": online,
        "old": old,
    }


def read_xlsx(data: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def all_text(data: bytes) -> str:
    """Every part of the workbook (shared strings, sheets, properties) as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_ledger_has_one_masked_row_per_case(office, cases):
    agency, _, _ = office
    data = exports.ledger_xlsx([agency.pk], 2026, today=TODAY)
    ws = read_xlsx(data).active
    header = [c.value for c in ws[1]]
    assert header == [name for name, _ in exports.LEDGER_COLUMNS]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(2, values_only=True)}
    listed = {c.tracking_code for k, c in cases.items() if k != "old"}
    assert set(rows) == listed and ws.max_row == len(listed) + 1
    assert [r[0] for r in ws.iter_rows(2, values_only=True)] == list(range(1, len(listed) + 1))

    # personal data masked, and nowhere in the file in full
    text = all_text(data)
    for secret in (ID_NUMBER, PHONE, NAME, "13800002222"):
        assert secret not in text, secret
    partial = rows[cases["partial"].tracking_code]
    assert partial["申请人"] == "王**"
    assert partial["证件号码"] == "210402********1234"
    assert partial["联系电话"] == "139****5678"
    company = rows[cases["company"].tracking_code]
    assert company["申请人"] == "示范科技有限公司"  # organisations are not masked
    assert company["申请内容"].startswith("=HYPERLINK")  # kept as text
    assert ws.cell(row=3, column=9).data_type == "s"

    # results and their table 三 rows
    assert partial["办理结果"] == "部分公开（第三十七条）"
    assert partial["表三统计行"] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert company["表三统计行"] == "（三）不予公开 1.属于国家秘密"
    assert rows[cases["late_open"].tracking_code]["表三统计行"] == "四、结转下年度继续办理"
    assert rows[cases["online"].tracking_code]["表三统计行"] == "未确认收到，不计入"
    assert rows[cases["online"].tracking_code]["状态"] == "待确认收到"

    # dates, lateness, delivery
    assert partial["收到日期"].date() == D(2026, 3, 2)
    assert partial["办结日期"].date() == D(2026, 3, 20)
    assert partial["是否逾期"] == "否"
    assert rows[cases["late_open"].tracking_code]["是否逾期"] == "是"
    assert rows[cases["carried"].tracking_code]["是否逾期"] == "否"
    assert (partial["送达日期"], partial["送达方式"]) == ("2026-03-23", "邮政寄送")


def test_ledger_layout(office, cases):
    agency, _, _ = office
    ws = read_xlsx(exports.ledger_xlsx([agency.pk], 2026, today=TODAY)).active
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:S{ws.max_row}"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert ws.column_dimensions["I"].width == 40  # 申请内容
    assert ws["C2"].number_format == "yyyy-mm-dd"
    assert ws.title == "2026年台账"


def test_ledger_of_several_agencies_names_the_agency(office, cases):
    agency, _, _ = office
    other = factories.agency(name="抚顺市民政局")
    factories.received(other, factories.user(other), D(2026, 5, 6))
    ws = read_xlsx(exports.ledger_xlsx([agency.pk, other.pk], 2026, today=TODAY)).active
    assert ws["B1"].value == "机关"
    assert {r[1] for r in ws.iter_rows(2, values_only=True)} == {"抚顺市司法局", "抚顺市民政局"}


def test_a_case_concluded_next_year_is_carried_forward(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 12, 21))
    services.decide(
        app,
        on=D(2027, 1, 8),
        ground=Ground.ART36_4_NOT_EXIST,
        legal_basis="第三十六条",
        actor=handler,
    )
    ws = read_xlsx(exports.ledger_xlsx([agency.pk], 2026, today=TODAY)).active
    assert ws["N2"].value == (
        "四、结转下年度继续办理（2027年办结，计入（四）无法提供 1.本机关不掌握相关政府信息）"
    )


def test_an_empty_ledger_is_a_header(office):
    agency, _, _ = office
    ws = read_xlsx(exports.ledger_xlsx([agency.pk], 2030, today=TODAY)).active
    assert ws.max_row == 1 and ws.auto_filter.ref == "A1:S1"


# ------------------------------------------------------------------ archive


@pytest.fixture
def concluded(office):
    agency, handler, head = office
    app = factories.received(agency, handler, D(2026, 3, 2), **person())
    services.request_correction(app, on=D(2026, 3, 4), items="请写明文件的文号", actor=handler)
    correction = letters.issue_letter(app, Letter.Kind.CORRECTION, actor=handler)
    services.receive_correction(app, on=D(2026, 3, 9), actor=handler)
    services.extend(
        app, on=D(2026, 3, 30), days=5, reason="需要调阅档案", approved_by=head, actor=handler
    )
    services.decide(
        app,
        on=D(2026, 4, 3),
        ground=Ground.ART37_PARTIAL_DISCLOSURE,
        legal_basis="《中华人民共和国政府信息公开条例》第三十七条",
        summary="现将可以公开的部分提供给您。",
        withheld=[{"part": "第三方个人信息", "ground": Ground.ART15_THIRD_PARTY}],
        actor=handler,
    )
    reply = letters.issue_reply_letter(app, actor=handler)
    services.record_delivery(
        app, on=D(2026, 4, 7), method="post", proof="EMS 9876543210", letter=reply, actor=handler
    )
    services.archive(app, actor=handler)
    app.refresh_from_db()
    return app, correction, reply


def open_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return {n: z.read(n) for n in z.namelist()}


def test_archive_holds_the_letters_the_case_file_and_a_manifest(concluded, caplog):
    app, correction, reply = concluded
    caplog.set_level(logging.DEBUG)
    files = open_zip(exports.archive_zip(app))
    letter_paths = sorted(n for n in files if n.startswith("文书/"))
    assert letter_paths == [
        "文书/01_补正告知书_抚司公开〔2026〕1号.docx",
        "文书/02_政府信息公开申请答复书_抚司公开〔2026〕2号.docx",
    ]
    for path, letter in zip(letter_paths, (correction, reply), strict=True):
        with letter.file.open("rb") as f:
            assert files[path] == f.read()
    assert set(files) == {*letter_paths, "案卷.html", "manifest.json"}

    manifest = json.loads(files["manifest.json"])
    assert manifest["format"] == "xxgk-case-archive/1"
    assert manifest["tracking_code"] == app.tracking_code
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json"}
    for path, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest()
        assert entry["bytes"] == len(files[path])
    assert [x["number"] for x in manifest["letters"]] == [correction.number, reply.number]
    assert manifest["missing"] == []
    assert ID_NUMBER not in caplog.text and NAME not in caplog.text


def test_the_case_file_has_the_decision_and_every_event(concluded):
    app, _, reply = concluded
    html = open_zip(exports.archive_zip(app))["案卷.html"].decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in html
    # the official file keeps full personal data
    assert ID_NUMBER in html and NAME in html and PHONE in html
    assert "部分公开（第三十七条）" in html and "第三方个人信息" in html
    assert "（二）部分公开" in html
    events = list(app.events.all())
    assert len(events) == 9
    assert f"办理记录（共{len(events)}条）" in html
    for e in events:
        assert e.get_kind_display() in html
        if e.reason:
            assert e.reason in html
    assert "李红（jingban）" in html  # who
    assert "批准人：fuzeren" in html  # why and by whose approval (art. 33)
    assert "需要调阅档案" in html and "EMS 9876543210" in html
    assert reply.number in html
    assert html.count("<tr>") >= len(events)


def test_html_is_escaped(office):
    agency, handler, _ = office
    app = factories.received(
        agency, handler, D(2026, 3, 2), description="<script>alert(1)</script>"
    )
    services.decide(
        app,
        on=D(2026, 3, 5),
        ground=Ground.ART36_4_NOT_EXIST,
        legal_basis="第三十六条",
        actor=handler,
    )
    html = open_zip(exports.archive_zip(app))["案卷.html"].decode()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_only_concluded_cases_are_archived(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, D(2026, 3, 2))
    with pytest.raises(services.ActionRefused, match="只有已办结的申请才能归档"):
        exports.archive_zip(app)


def test_a_missing_letter_file_is_listed(concluded):
    app, correction, _ = concluded
    correction.file.delete(save=True)
    files = open_zip(exports.archive_zip(app))
    manifest = json.loads(files["manifest.json"])
    assert manifest["missing"] == [correction.number]
    assert "（文件缺失）" in files["案卷.html"].decode()
    assert Event.objects.filter(application=app, kind=Event.Kind.LETTER_ISSUED).count() == 2

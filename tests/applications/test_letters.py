"""Letters: each decision family's reply and the three notices rendered from the templates,
run-safe placeholders, numbering, agency templates and upload checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import threading
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from xxgk.agencies.models import Agency
from xxgk.applications import (
    letter_docx,
    letter_templates,
    letter_texts,
    letter_wording,
    letters,
    services,
)
from xxgk.applications.grounds import PROCEDURAL, Ground
from xxgk.applications.models import Event, Letter, LetterSeries, LetterTemplate

from . import factories

pytestmark = pytest.mark.django_db
D = dt.date
RECEIVED = D(2026, 11, 2)
DECIDED = D(2026, 11, 20)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def office():
    city = factories.agency(code="fs", name="抚顺市人民政府", kind=Agency.Kind.GOVERNMENT)
    agency = factories.agency(
        code="fssfj",
        name="抚顺市司法局",
        parent=city,
        letter_prefix="抚司公开",
        office_address="抚顺市顺城区新华大街10号",
        office_phone="024-52222222",
        review_route=Agency.ReviewRoute.JUSTICE,  # 行政复议法 art. 28
    )
    return agency, factories.user(agency), factories.user(agency, role="head")


def docx_text(letter: Letter) -> str:
    with letter.file.open("rb") as f:
        return letter_docx.text_of(f.read())


def decided(agency, handler, ground: str, **kw):
    app = factories.received(agency, handler, RECEIVED)
    if ground == Ground.ART30_UNCLEAR:
        services.request_correction(app, on=D(2026, 11, 4), items="请写明文件名称", actor=handler)
        services.receive_correction(app, on=D(2026, 11, 9), actor=handler)
    if ground == Ground.ART35_EXCESSIVE:
        services.request_reasons(app, on=D(2026, 11, 4), items="请说明申请理由", actor=handler)
    if ground == Ground.ART36_6_DUPLICATE:
        earlier = factories.received(agency, handler, RECEIVED - dt.timedelta(days=30))
        services.decide(
            earlier, on=RECEIVED - dt.timedelta(days=20), ground=Ground.ART36_4_NOT_EXIST,
            legal_basis="第三十六条", actor=handler,
        )  # fmt: skip
        kw.setdefault("earlier", earlier)
    if ground == Ground.ART37_PARTIAL_DISCLOSURE:
        kw.setdefault(
            "withheld",
            [
                {
                    "part": "决定书中当事人的身份证号码和住址",
                    "ground": Ground.ART15_THIRD_PARTY,
                    "reason": "涉及个人隐私，第三方不同意公开",
                },
                {"part": "内部审批表", "ground": Ground.ART16_2_PROCESS},
            ],
        )
    services.decide(
        app,
        on=DECIDED,
        ground=ground,
        legal_basis=kw.pop("legal_basis", "《中华人民共和国政府信息公开条例》"),
        summary=kw.pop("summary", "具体情况详见附件。"),
        actor=handler,
        **kw,
    )
    app.refresh_from_db()
    return app


DECIDABLE = [g for g in Ground if g not in PROCEDURAL]
FAMILY_WORDS = {
    "reply_disclosed": "予以公开|已经主动公开",
    "reply_partial": "作区分处理",
    "reply_denied": "不予公开|特别规定",
    "reply_unable": "无法向您提供|不存在|不予提供",
    "reply_not_processed": "不予处理|不作为政府信息公开申请处理|不予重复处理",
}


@pytest.mark.parametrize("ground", DECIDABLE, ids=[g.value for g in DECIDABLE])
def test_every_ground_renders_its_family_letter(office, ground):
    import re

    agency, handler, _ = office
    app = decided(agency, handler, ground)
    letter = letters.issue_reply_letter(app, actor=handler)
    text = docx_text(letter)
    assert "{{" not in text and "}}" not in text
    family = letter_texts.family(ground)
    event = app.events.get(kind=Event.Kind.LETTER_ISSUED)
    assert event.data["template_kind"] == family
    assert event.data["number"] == letter.number == "抚司公开〔2026〕1号"
    for expected in (
        "抚顺市司法局",
        "政府信息公开申请答复书",
        "抚司公开〔2026〕1号",
        "张三：",
        app.tracking_code,
        "2026年11月2日",  # receipt
        "“2024年本机关作出的行政许可决定”",
        "2026年11月20日",  # letter date = decision date
        letter_texts.GROUND_TEXT[ground].finding.replace("已告知", "已于2026年11月4日告知"),
        "具体情况详见附件。",
        "如对本答复不服，可以自收到本答复之日起六十日内向抚顺市人民政府或者上一级司法行政部门"
        "申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。",
        "联系电话：024-52222222",
    ):
        assert expected in text, expected
    assert re.search(FAMILY_WORDS[family], text)
    article = letter_texts.GROUND_TEXT[ground].article
    if article:  # the article is cited even though the handler's legal basis did not name it
        assert f"根据《中华人民共和国政府信息公开条例》{article}的规定，" in text
    # the remedy notice is the last paragraph of the body
    assert text.index("申请行政复议") < text.index("特此告知")


def test_partial_disclosure_lists_each_withheld_part_with_its_article(office):
    agency, handler, _ = office
    app = decided(
        agency,
        handler,
        Ground.ART37_PARTIAL_DISCLOSURE,
        legal_basis="根据《中华人民共和国政府信息公开条例》第三十七条的规定",
    )
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert (
        "根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关向您提供可以公开的部分"
        in text
    )
    lines = text.splitlines()
    assert (
        "1．决定书中当事人的身份证号码和住址：涉及商业秘密、个人隐私等，公开会对第三方合法权益"
        "造成损害（涉及个人隐私，第三方不同意公开），依据《中华人民共和国政府信息公开条例》"
        "第十五条不予公开。"
    ) in lines
    assert (
        "2．内部审批表：属于过程性信息，依据《中华人民共和国政府信息公开条例》第十六条第二款不予公开。"
        in lines
    )


def test_denied_letter_names_the_article(office):
    agency, handler, _ = office
    app = decided(
        agency,
        handler,
        Ground.ART14_STATE_SECRET,
        legal_basis="《中华人民共和国政府信息公开条例》第十四条",
        summary="",
    )
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert (
        "经审查，您所申请的政府信息属于依法确定为国家秘密的政府信息。根据《中华人民共和国政府"
        "信息公开条例》第十四条的规定，本机关不予公开。"
    ) in text.splitlines()
    assert "\n\n如对本答复不服" not in text  # the empty summary left no blank paragraph


def test_not_this_agency_names_the_responsible_agency(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_5_NOT_THIS_AGENCY)
    letter = letters.issue_reply_letter(
        app, actor=handler, responsible_agency="抚顺市自然资源局（联系电话：024-57777777）"
    )
    text = docx_text(letter)
    assert (
        "该政府信息由抚顺市自然资源局（联系电话：024-57777777）负责公开，请您向其提出申请。" in text
    )


def test_unclear_after_correction_dates_the_correction_notice(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART30_UNCLEAR)
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert "本机关已于2026年11月4日告知您补正申请内容" in text


OLD_REVIEW_BODIES = ("本级人民政府或上一级主管部门", "本级人民政府或者上一级主管部门")


def test_a_department_reply_names_its_government(office):
    agency, _, _ = office
    bureau = factories.agency(name="抚顺市住房和城乡建设局", parent=agency.parent)
    handler = factories.user(bureau)
    app = decided(bureau, handler, Ground.ART36_4_NOT_EXIST)
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert "六十日内向抚顺市人民政府申请行政复议" in text
    assert "上一级主管部门" not in text


def test_a_vertically_led_agency_reply_names_the_department_above():  # 行政复议法 art. 27
    province = factories.agency(name="国家税务总局辽宁省税务局")
    tax = factories.agency(
        name="国家税务总局抚顺市税务局",
        parent=province,
        review_route=Agency.ReviewRoute.VERTICAL,
        letter_prefix="抚税公开",
    )
    handler = factories.user(tax)
    app = decided(tax, handler, Ground.ART36_4_NOT_EXIST)
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert "六十日内向国家税务总局辽宁省税务局申请行政复议" in text


def test_the_override_is_written_into_the_letter(office):
    agency, handler, _ = office
    agency.review_body = "抚顺市人民政府或者辽宁省司法厅"
    agency.save()
    app = decided(agency, handler, Ground.ART36_4_NOT_EXIST)
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert "六十日内向抚顺市人民政府或者辽宁省司法厅申请行政复议" in text


def test_an_uploaded_template_with_review_body_keeps_working(office):
    """Templates uploaded before {{remedy}} wrote the sentence around {{review_body}}."""
    agency, handler, _ = office
    old_sentence = (
        "如对本答复不服，可以在收到本答复之日起60日内向{{review_body}}申请行政复议，"
        "或者在6个月内向人民法院提起行政诉讼。"
    )
    upload = _upload(_template_with("reply_unable", old_sentence, drop="{{remedy}}"))
    assert letter_templates.validate_template("reply_unable", upload) == []
    LetterTemplate(kind="reply_unable", agency=agency, file=upload).save()
    app = decided(agency, handler, Ground.ART36_4_NOT_EXIST)
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert "60日内向抚顺市人民政府或者上一级司法行政部门申请行政复议" in text
    assert not any(old in text for old in OLD_REVIEW_BODIES)


def test_contact_note_has_what_the_agency_set(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_4_NOT_EXIST)
    text = docx_text(letters.issue_reply_letter(app, actor=handler))
    assert "（联系地址：抚顺市顺城区新华大街10号；联系电话：024-52222222）" in text.splitlines()
    bare = factories.agency(letter_prefix="空公开")
    bare_handler = factories.user(bare)
    app = decided(bare, bare_handler, Ground.ART36_4_NOT_EXIST)
    text = docx_text(letters.issue_reply_letter(app, actor=bare_handler))
    assert "联系" not in text and "（）" not in text
    assert text.splitlines()[-2] == "2026年11月20日"  # the date ends the letter (then the footer)


def test_the_letter_is_stored_and_recorded(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    letter = letters.issue_reply_letter(app, actor=handler)
    assert letter.kind == Letter.Kind.REPLY and letter.issued_on == DECIDED
    assert letter.created_by == handler and letter.file.name.endswith(".docx")
    with letter.file.open("rb") as f:
        data = f.read()
    zipfile.ZipFile(io.BytesIO(data)).testzip()
    event = app.events.get(kind=Event.Kind.LETTER_ISSUED)
    assert event.actor == handler and event.effective_date == DECIDED
    assert event.reason == "政府信息公开申请答复书 抚司公开〔2026〕1号"
    assert event.data["sha256"] == hashlib.sha256(data).hexdigest()
    assert event.data["letter"] == letter.pk
    assert event.data["template"] == "默认模板 reply_disclosed.docx"


def test_generated_docx_is_a4_with_chinese_fonts(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    with letters.issue_reply_letter(app, actor=handler).file.open("rb") as f:
        doc = letter_docx.open_docx(f.read())
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    xml = doc.element.xml
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:eastAsia="方正小标宋简体"' in xml
    title = next(p for p in doc.paragraphs if p.text == "政府信息公开申请答复书")
    assert title.alignment == 1  # centred
    number = next(p for p in doc.paragraphs if p.text == "抚司公开〔2026〕1号")
    assert number.alignment == 2  # right
    table = next(
        p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    ).blob.decode()
    assert "仿宋_GB2312" in table and 'w:altName w:val="仿宋"' in table


def test_only_handlers_of_the_agency_issue_letters(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    stranger = factories.user(factories.agency())
    with pytest.raises(PermissionDenied):
        letters.issue_reply_letter(app, actor=stranger)
    assert not app.letters.exists()


def test_no_reply_letter_before_the_decision(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    with pytest.raises(services.ActionRefused, match="尚未作出答复"):
        letters.issue_reply_letter(app, actor=handler)
    assert not LetterSeries.objects.exists()  # no number was used


def test_a_second_letter_needs_reissue_and_takes_a_new_number(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    first = letters.issue_reply_letter(app, actor=handler)
    with pytest.raises(
        services.ActionRefused, match="已制作政府信息公开申请答复书（抚司公开〔2026〕1号）"
    ):
        letters.issue_reply_letter(app, actor=handler)
    second = letters.issue_reply_letter(app, actor=handler, reissue=True)
    assert (first.number, second.number) == ("抚司公开〔2026〕1号", "抚司公开〔2026〕2号")
    last = app.events.filter(kind=Event.Kind.LETTER_ISSUED).last()
    assert last.data["replaces"] == "抚司公开〔2026〕1号" and "替代" in last.reason


def test_no_letter_after_archiving(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    services.archive(app, actor=handler)
    with pytest.raises(services.ActionRefused, match="已归档"):
        letters.issue_reply_letter(app, actor=handler)


# ------------------------------------------------------------------ notices


def test_correction_notice(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    services.request_correction(
        app,
        on=D(2026, 11, 4),
        items="1．请写明所需文件的名称或文号；\n2．请写明文件的形成时间。",
        actor=handler,
    )
    letter = letters.issue_letter(app, Letter.Kind.CORRECTION, actor=handler)
    text = docx_text(letter)
    assert "{{" not in text
    assert letter.number == "抚司公开〔2026〕1号" and letter.issued_on == D(2026, 11, 4)
    lines = text.splitlines()
    assert "政府信息公开申请补正告知书" in lines
    assert "1．请写明所需文件的名称或文号；" in lines and "2．请写明文件的形成时间。" in lines
    assert "第三十条" in text
    assert "请您在15个工作日内，即2026年11月25日前，向本机关提交补正后的申请。" in text
    assert "2026年11月4日" in lines


def test_extension_notice_gives_the_new_due_date(office):
    agency, handler, head = office
    app = factories.received(agency, handler, RECEIVED)
    services.extend(
        app,
        on=D(2026, 11, 25),
        days=10,
        reason="申请公开的信息数量较多，需要调阅档案",
        approved_by=head,
        actor=handler,
    )
    app.refresh_from_db()
    letter = letters.issue_letter(app, Letter.Kind.EXTENSION, actor=handler)
    text = docx_text(letter)
    assert "{{" not in text
    assert "政府信息公开申请延期答复告知书" in text and "第三十三条第二款" in text
    assert "因申请公开的信息数量较多，需要调阅档案，本机关不能在规定期限内作出答复。" in text
    due = app.due_date
    assert (
        f"答复期限延长10个工作日，本机关将于{due.year}年{due.month}月{due.day}日前作出答复。"
        in text
    )


def test_fee_notice_fills_the_table(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    notice = services.issue_fee_notice(
        app, on=D(2026, 11, 10), method="per_volume", pages=120, actor=handler
    )
    letter = letters.issue_letter(app, Letter.Kind.FEE_NOTICE, actor=handler)
    with letter.file.open("rb") as f:
        doc = letter_docx.open_docx(f.read())
    cells = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    pay_by = f"{notice.pay_by.year}年{notice.pay_by.month}月{notice.pay_by.day}日"
    assert cells == {
        "计收方式": "按量计收",
        "计费数量": "120页",
        "收费金额": "人民币1100.00元",
        "缴费期限": f"{pay_by}前",
    }
    text = docx_text(letter)
    assert "{{" not in text and "国办函〔2020〕109号" in text and "第四十二条" in text
    assert "不计算在答复期限内" in text


def test_notice_without_its_act_is_refused(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    for kind, words in (
        (Letter.Kind.CORRECTION, "没有告知补正"),
        (Letter.Kind.EXTENSION, "没有延长"),
        (Letter.Kind.FEE_NOTICE, "没有发出收费通知"),
    ):
        with pytest.raises(services.ActionRefused, match=words):
            letters.issue_letter(app, kind, actor=handler)
    with pytest.raises(services.ActionRefused, match="文书类型"):
        letters.issue_letter(app, "no-such-letter", actor=handler)
    with pytest.raises(services.ActionRefused, match="没有征求意见"):
        letters.issue_letter(app, Letter.Kind.CONSULTATION, actor=handler)


# ------------------------------------------------------------------ run-safe filling


def _split_run_docx() -> bytes:
    from docx import Document

    doc = Document()
    p = doc.add_paragraph()
    first = p.add_run("致{{appl")
    first.bold = True
    p.add_run("icant_")
    p.add_run("name}}")
    tail = p.add_run("：您好")
    tail.italic = True
    cell = doc.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].add_run("编号：{{ document")
    cell.paragraphs[0].add_run("_number }}")
    doc.sections[0].header.paragraphs[0].add_run("{{agency_")
    doc.sections[0].header.paragraphs[0].add_run("name}}")
    doc.add_paragraph("联系电话：{{office_phone}}")
    doc.add_paragraph("{{withheld}}").paragraph_format.first_line_indent = 203200
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_placeholder_split_over_runs_is_replaced():
    data = letter_docx.fill(
        _split_run_docx(),
        {
            "applicant_name": "李四",
            "document_number": "测公开〔2026〕3号",
            "agency_name": "示范市司法局",
            "office_phone": "",
            "withheld": "1．甲\n2．乙",
        },
    )
    doc = letter_docx.open_docx(data)
    p = doc.paragraphs[0]
    assert p.text == "致李四：您好"
    # the value sits in the run where the placeholder started, with that run's formatting
    assert [(r.text, r.bold, r.italic) for r in p.runs] == [
        ("致李四", True, None),
        ("：您好", None, True),
    ]
    assert doc.tables[0].rows[0].cells[0].text == "编号：测公开〔2026〕3号"
    assert doc.sections[0].header.paragraphs[0].text == "示范市司法局"
    texts = [p.text for p in doc.paragraphs]
    assert "联系电话：" not in texts  # a label with an empty value is dropped
    assert texts[-2:] == ["1．甲", "2．乙"]  # one paragraph per line, same indent
    assert {p.paragraph_format.first_line_indent for p in doc.paragraphs[-2:]} == {203200}
    assert "{{" not in letter_docx.text_of(data)


def test_placeholders_are_found_across_runs():
    names, broken = letter_docx.placeholders(_split_run_docx())
    assert names == {"applicant_name", "document_number", "agency_name", "office_phone", "withheld"}
    assert broken == []


def test_fill_refuses_an_unknown_placeholder():
    with pytest.raises(KeyError, match="applicant_name"):
        letter_docx.fill(_split_run_docx(), {"document_number": "x"})


# ------------------------------------------------------------------ numbering


def test_numbers_are_sequential_per_agency_and_year(office):
    agency, _, _ = office
    other = factories.agency(letter_prefix="示公开")
    got = [letters.next_document_number(agency, 2026) for _ in range(3)]
    assert got == ["抚司公开〔2026〕1号", "抚司公开〔2026〕2号", "抚司公开〔2026〕3号"]
    assert letters.next_document_number(other, 2026) == "示公开〔2026〕1号"
    assert letters.next_document_number(agency, 2027) == "抚司公开〔2027〕1号"
    assert letters.next_document_number(agency, 2026) == "抚司公开〔2026〕4号"


def test_a_number_is_never_given_again(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    letters.issue_reply_letter(app, actor=handler).delete()
    second = decided(agency, handler, Ground.ART36_4_NOT_EXIST)
    assert letters.issue_reply_letter(second, actor=handler).number == "抚司公开〔2026〕2号"


def test_letters_of_all_kinds_share_the_agency_series(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    services.request_correction(app, on=D(2026, 11, 4), items="请写明文件名称", actor=handler)
    services.receive_correction(app, on=D(2026, 11, 9), actor=handler)
    correction = letters.issue_letter(app, Letter.Kind.CORRECTION, actor=handler)
    services.decide(
        app, on=DECIDED, ground=Ground.ART36_4_NOT_EXIST, legal_basis="第三十六条", actor=handler
    )
    reply = letters.issue_reply_letter(app, actor=handler)
    assert (correction.number, reply.number) == ("抚司公开〔2026〕1号", "抚司公开〔2026〕2号")


def test_missing_letter_prefix_is_refused(office):
    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED)
    agency.letter_prefix = ""
    agency.save()
    app.refresh_from_db()
    with pytest.raises(services.ActionRefused, match="尚未设置文书代字"):
        letters.next_document_number(agency, 2026)
    with pytest.raises(services.ActionRefused, match="文书代字"):
        letters.issue_reply_letter(app, actor=handler)
    assert not app.letters.exists()
    assert not app.events.filter(kind=Event.Kind.LETTER_ISSUED).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_never_repeats():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("threads on an in-memory SQLite database share one connection's locks")
    agency = factories.agency(letter_prefix="并发")
    got: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            for _ in range(5):
                with transaction.atomic():
                    number = letters.next_document_number(agency, 2026)
                with lock:
                    got.append(number)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(got) == sorted(f"并发〔2026〕{n}号" for n in range(1, 31))


# ------------------------------------------------------------------ templates


def _template_with(kind: str, extra: str = "", drop: str = "") -> bytes:
    from docx import Document

    doc = Document(io.BytesIO(letter_templates.shipped_template(kind)))
    if extra:
        doc.add_paragraph(extra)
    if drop:
        for p in doc.paragraphs:
            if drop in p.text:
                for r in p.runs:
                    r.text = r.text.replace(drop, "")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _upload(data: bytes, name: str = "模板.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_shipped_templates_are_valid_and_current():
    for kind in letter_templates.TEMPLATE_KINDS:
        data = letter_templates.shipped_template(kind)
        assert letter_templates.validate_template(kind, _upload(data)) == [], kind
        built = letter_wording.build_template(kind)
        assert letter_docx.text_of(built) == letter_docx.text_of(data), (
            f"{kind}.docx is out of date: python -m xxgk.applications.letter_wording"
        )


def test_an_agency_template_overrides_the_default(office):
    agency, handler, _ = office
    other = factories.agency(letter_prefix="他公开")
    other_handler = factories.user(other)
    LetterTemplate(
        kind="reply_disclosed",
        agency=agency,
        file=_upload(_template_with("reply_disclosed", "（本机关专用模板）")),
    ).save()
    LetterTemplate(
        kind="reply_disclosed",
        agency=None,
        file=_upload(_template_with("reply_disclosed", "（部署默认模板）")),
    ).save()
    LetterTemplate(
        kind="reply_disclosed",
        agency=agency,
        active=False,
        file=_upload(_template_with("reply_disclosed", "（停用的模板）")),
    ).save()
    own = letters.issue_reply_letter(
        decided(agency, handler, Ground.ART36_2_CAN_BE_DISCLOSED), actor=handler
    )
    theirs = letters.issue_reply_letter(
        decided(other, other_handler, Ground.ART36_2_CAN_BE_DISCLOSED), actor=other_handler
    )
    assert "（本机关专用模板）" in docx_text(own)
    assert "（停用的模板）" not in docx_text(own)
    assert "（部署默认模板）" in docx_text(theirs)
    # other families still come from the shipped templates
    denied = letters.issue_reply_letter(
        decided(agency, handler, Ground.ART14_STATE_SECRET), actor=handler
    )
    assert "模板）" not in docx_text(denied)
    assert (
        Event.objects.filter(data__number=own.number).get().data["template"].startswith("文书模板#")
    )


def _errors(kind: str, upload) -> str:
    tpl = LetterTemplate(kind=kind, file=upload)
    with pytest.raises(ValidationError) as err:
        tpl.full_clean()
    return " ".join(err.value.message_dict["file"])


def test_bad_uploads_are_refused_in_chinese(settings):
    assert "应为 Word 文档（.docx）" in _errors("correction", _upload(b"x", "模板.doc"))
    assert "不是有效的 Word 文档" in _errors("correction", _upload(b"plain text", "模板.docx"))
    assert "缺少救济途径，应有占位符 {{remedy}}" in _errors(
        "reply_denied", _upload(_template_with("reply_denied", drop="{{remedy}}"))
    )
    assert "不能识别的占位符：{{applicant_nmae}}" in _errors(
        "reply_denied", _upload(_template_with("reply_denied", "{{applicant_nmae}}"))
    )
    assert "不完整的占位符" in _errors(
        "reply_denied", _upload(_template_with("reply_denied", "日期：{{date"))
    )
    assert "缺少必需的占位符：{{withheld}}" in _errors(
        "reply_partial", _upload(letter_templates.shipped_template("reply_denied"))
    )
    settings.XXGK_LETTER_TEMPLATE_MAX_BYTES = 1000
    assert "模板文件过大" in _errors(
        "correction", _upload(letter_templates.shipped_template("correction"))
    )


def test_a_macro_document_is_refused():
    data = letter_templates.shipped_template("correction")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"document.main+xml", b"document.macroEnabled.main+xml"
                ).replace(b"wordprocessingml.document.macroEnabled", b"word.document.macroEnabled")
            z.writestr(item, body)
    assert "含宏" in _errors("correction", _upload(out.getvalue()))


def test_admin_upload_shows_the_errors(admin_client):
    response = admin_client.post(
        "/admin/applications/lettertemplate/add/",
        {"kind": "extension", "active": "on", "file": _upload(b"not a docx", "a.docx")},
    )
    assert response.status_code == 200
    assert "不是有效的 Word 文档" in response.content.decode()
    assert not LetterTemplate.objects.exists()
    ok = admin_client.post(
        "/admin/applications/lettertemplate/add/",
        {
            "kind": "extension",
            "active": "on",
            "file": _upload(letter_templates.shipped_template("extension")),
        },
    )
    assert ok.status_code == 302 and LetterTemplate.objects.count() == 1
    page = admin_client.get("/admin/applications/lettertemplate/add/").content.decode()
    assert "{{new_due_date}}" in page
    default = admin_client.get("/admin/applications/lettertemplate/default/extension.docx")
    assert default.status_code == 200 and default.content == letter_templates.shipped_template(
        "extension"
    )


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice not installed")
def test_a_reply_letter_converts_to_pdf(office):
    import pypdfium2 as pdfium

    agency, handler, _ = office
    app = decided(agency, handler, Ground.ART36_4_NOT_EXIST)
    with letters.issue_reply_letter(app, actor=handler).file.open("rb") as f:
        pdf = letter_docx.to_pdf(f.read())
    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    squeezed = "".join(text.split())
    assert "政府信息公开申请答复书" in squeezed and "抚司公开〔2026〕1号" in squeezed

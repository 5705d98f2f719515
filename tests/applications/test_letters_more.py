"""Every letter a case needs besides the reply (issue 11): 受理回执, 征求意见函, the notice to a
third party of a decision to disclose, 终止办理告知书 (no correction, fee unpaid, withdrawn), the
art. 35 request for reasons and notice of a reasonable period, 送达回证 — each from the step it
notifies, numbered in the agency's series, refused before that step, listed on the case page,
and each shipped template opening in LibreOffice."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from xxgk.applications import letter_docx, letter_templates, letters, services
from xxgk.applications.grounds import Ground
from xxgk.applications.models import Letter

from . import factories
from .test_letters import RECEIVED, docx_text

pytestmark = pytest.mark.django_db
D = dt.date


def make(app, kind, handler) -> tuple[Letter, str]:
    letter = letters.issue_letter(app, kind, actor=handler)
    text = docx_text(letter)
    assert "{{" not in text, text
    return letter, text


def test_receipt_states_the_day_the_clock_starts_and_the_answer_date(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    letter, text = make(app, Letter.Kind.RECEIPT, handler)
    assert "受理回执" in text and "2026年11月2日" in text and "第三十一条" in text
    assert "当面提交的，以提交之日为收到申请之日" in text
    assert "2026年11月30日前" in text  # 20 working days from 2 November 2026
    assert app.tracking_code in text
    assert letter.number.startswith("抚司公开〔2026〕")


def test_consultation_letter_to_a_third_party_gives_its_15_days(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    services.start_consultation(
        app, on=D(2026, 11, 5), party="示范化工有限公司", kind="third_party", actor=handler
    )
    _, text = make(app, Letter.Kind.CONSULTATION, handler)
    assert "示范化工有限公司：" in text and "第三十二条" in text and "15个工作日" in text


def test_disclosure_over_an_objection_tells_the_third_party_what_and_why(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    services.start_consultation(
        app, on=D(2026, 11, 5), party="示范化工有限公司", kind="third_party", actor=handler
    )
    with pytest.raises(services.ActionRefused, match="尚未决定公开"):
        letters.issue_letter(app, Letter.Kind.DISCLOSURE_NOTICE, actor=handler)
    services.end_consultation(app, on=D(2026, 11, 10), outcome="第三方不同意公开", actor=handler)
    services.decide(
        app, on=D(2026, 11, 20), ground=Ground.ART36_2_CAN_BE_DISCLOSED,
        legal_basis="第三十二条", summary="该企业2025年排污许可执行报告", actor=handler,
    )  # fmt: skip
    _, text = make(app, Letter.Kind.DISCLOSURE_NOTICE, handler)
    assert "示范化工有限公司：" in text and "第三十二条" in text
    assert "该企业2025年排污许可执行报告" in text and "公共利益" in text
    assert "行政复议" in text  # the decision can be challenged


def test_termination_notices_say_why_the_case_ended(office):
    agency, handler, head = office
    withdrawn = factories.received(agency, handler, RECEIVED)
    services.withdraw(withdrawn, on=D(2026, 11, 6), reason="申请人书面撤回", actor=handler)
    _, text = make(withdrawn, Letter.Kind.TERMINATION, handler)
    assert "您于2026年11月6日撤回了该申请" in text and "终止办理" in text

    unpaid = factories.received(agency, handler, RECEIVED)
    services.issue_fee_notice(
        unpaid, on=D(2026, 11, 4), method="per_volume", pages=150, actor=handler
    )
    unpaid.refresh_from_db()
    services.close_fee_unpaid(
        unpaid, on=unpaid.fee_notice.pay_by + dt.timedelta(days=3), actor=handler
    )
    _, text = make(unpaid, Letter.Kind.TERMINATION, handler)
    assert "逾期未缴纳信息处理费" in text and "国办函〔2020〕109号" in text
    assert "本告知书" in text and "本答复" not in text


def test_art35_request_for_reasons_and_reasonable_period(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    with pytest.raises(services.ActionRefused, match="没有要求申请人说明理由"):
        letters.issue_letter(app, Letter.Kind.REASONS_REQUEST, actor=handler)
    services.request_reasons(
        app, on=D(2026, 11, 4), items="请说明申请100件信息的用途", actor=handler
    )
    _, text = make(app, Letter.Kind.REASONS_REQUEST, handler)
    assert "第三十五条" in text and "请说明申请100件信息的用途" in text
    services.set_reasonable_period(
        app,
        on=D(2026, 11, 9),
        until=D(2027, 1, 29),
        reason="申请的信息分散在多个年度",
        actor=handler,
    )
    _, text = make(app, Letter.Kind.REASONABLE_PERIOD, handler)
    assert "2027年1月29日" in text and "申请的信息分散在多个年度" in text


def test_proof_of_service_names_the_letter_served(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED, address="示范市示范区示范路1号")
    with pytest.raises(services.ActionRefused, match="还没有制作文书"):
        letters.issue_letter(app, Letter.Kind.SERVICE_RECEIPT, actor=handler)
    receipt = letters.issue_letter(app, Letter.Kind.RECEIPT, actor=handler)
    _, text = make(app, Letter.Kind.SERVICE_RECEIPT, handler)
    assert "送达回证" in text and receipt.number in text and "受理回执" in text
    assert "示范市示范区示范路1号" in text and "签收" in text


def test_letters_are_numbered_in_one_series_and_named_without_the_tracking_code(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    first = letters.issue_letter(app, Letter.Kind.RECEIPT, actor=handler)
    second = letters.issue_letter(app, Letter.Kind.SERVICE_RECEIPT, actor=handler)
    serials = [int(x.number.rsplit("〕", 1)[1].rstrip("号")) for x in (first, second)]
    assert serials[1] == serials[0] + 1
    for letter in (first, second):
        assert app.tracking_code not in letter.file.name
        assert app.applicant_name not in letter.file.name
    with pytest.raises(services.ActionRefused, match="已制作"):
        letters.issue_letter(app, Letter.Kind.RECEIPT, actor=handler)


def test_case_page_lists_the_letters_and_offers_the_notices(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    client = Client()
    client.force_login(handler)
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert 'value="receipt"' in page  # offered: its step has happened
    assert 'value="termination"' not in page
    response = client.post(
        f"/staff/applications/{app.pk}/notice-letter/",
        {"notice-letter-kind": "receipt"},
        follow=True,
    )
    assert response.status_code == 200
    letter = app.letters.get(kind=Letter.Kind.RECEIPT)
    assert f"/staff/applications/{app.pk}/letters/{letter.pk}/" in response.content.decode()
    download = client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}/")
    assert download.status_code == 200
    assert app.tracking_code not in download["Content-Disposition"]


def test_tracking_page_shows_the_receipt(office):
    agency, handler, _ = office
    app = factories.received(agency, handler, RECEIVED)
    page = Client().get(f"/track/{app.tracking_code}/").content.decode()
    assert "受理回执" in page and "2026-11-02" in page and "2026-11-30" in page


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice missing"
)
def test_every_shipped_template_filled_opens_in_libreoffice(tmp_path):
    docs = []
    for kind in letter_templates.TEMPLATE_KINDS:
        data = letter_docx.fill(
            letter_templates.shipped_template(kind), letter_templates.sample_context(kind)
        )
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(data)
        docs.append(path)
    office_bin = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [
            office_bin,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, docs),
        ],
        capture_output=True,
        timeout=300,
        check=False,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    made = {p.stem for p in Path(tmp_path / "pdf").glob("*.pdf")}
    assert made == set(letter_templates.TEMPLATE_KINDS)
    for kind in made:
        assert (tmp_path / "pdf" / f"{kind}.pdf").read_bytes()[:5] == b"%PDF-"

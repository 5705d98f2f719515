"""The public report PDF is rendered once per published version (issue 12, item 6): repeated
anonymous requests read the stored rendering; ETag and Last-Modified let a reader's browser ask
"has it changed?" and get 304; a corrected version is rendered afresh."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.reports.test_views import office, publish  # noqa: F401  (the fixture)
from xxgk.reports import downloads, services

pytestmark = pytest.mark.django_db
PDF = "/gk/sfj/annual-reports/2024/report.pdf"


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def test_a_published_pdf_is_rendered_once(office, monkeypatch):  # noqa: F811
    agency, handler, head = office
    report = publish(agency, handler, head)
    calls = []
    real = downloads.pdf_bytes
    monkeypatch.setattr(downloads, "pdf_bytes", lambda r: calls.append(1) or real(r))
    first = Client().get(PDF)
    assert first.status_code == 200 and first.content[:5] == b"%PDF-"
    for _ in range(3):
        again = Client().get(PDF)
        assert again.status_code == 200 and again.content == first.content
    assert len(calls) == 1
    assert first["ETag"] and first["Last-Modified"]
    # the reader's browser asks again: nothing to send
    assert Client().get(PDF, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = Client().get(PDF, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # a correction is a new version: rendered afresh, with another ETag
    report = services.reopen_for_correction(report, note="更正表三", actor=head)
    services.approve(report, actor=head)
    services.publish(report, actor=head)
    corrected = Client().get(PDF, HTTP_IF_NONE_MATCH=first["ETag"])
    assert corrected.status_code == 200 and corrected["ETag"] != first["ETag"]
    assert len(calls) == 2

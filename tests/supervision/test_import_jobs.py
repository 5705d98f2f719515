"""Uploads of many reports (and scans to OCR) are imported in the background: a job per
upload, each file's result recorded as it goes, and a worker that stops mid-way loses nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.applications import factories
from tests.supervision.jobs import run_worker
from tests.supervision.test_supervision import _renumber, _sections, report
from xxgk.accounts.models import Membership
from xxgk.agencies.models import Agency
from xxgk.reports.models import AnnualReport
from xxgk.supervision import queries as supervision
from xxgk.supervision import services
from xxgk.supervision.models import ImportJob, ImportJobFile, SimilarityRun

pytestmark = pytest.mark.django_db

FIXTURES = Path("../shared/fixtures/reports")


@pytest.fixture
def city():
    gov = factories.agency(code="city", name="示范市人民政府", kind=Agency.Kind.GOVERNMENT)
    office = factories.agency(
        code="city-gkb", name="示范市政务公开办", parent=gov, kind=Agency.Kind.SUPERVISING_OFFICE
    )
    kw = factories.agency(code="sh-kw", name="上海市科委", parent=gov)
    fs = factories.agency(code="fs-sfj", name="抚顺市司法局", parent=gov)
    supervisor = factories.user(office, role=Membership.Role.SUPERVISOR, username="gkb")
    Membership.objects.create(user=supervisor, agency=gov, role=Membership.Role.SUPERVISOR)
    return supervisor, kw, fs


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (FIXTURES / name).read_bytes())


def test_an_upload_of_several_files_is_a_job_the_worker_imports(
    city, client, django_capture_on_commit_callbacks
):
    supervisor, kw, fs = city
    client.force_login(supervisor)
    files = [
        upload("kewei-2024.md"),
        upload("fushun-justice-2020.txt"),
        upload("broken.pdf", b"%PDF-1.4 not a pdf"),
        upload("notes.txt", "会议纪要：今天天气很好。".encode()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/supervision/import/", {"file": files, "year": ""})
    assert page.status_code == 302, page.content.decode()[:1500]
    job = ImportJob.objects.get()
    assert page["Location"] == f"/supervision/import/jobs/{job.pk}/"
    assert DBTaskResult.objects.count() == 1 and job.files.count() == 4
    # nothing is imported by the web request itself: the page shows the queue
    queued = client.get(page["Location"]).content.decode()
    assert "排队中" in queued and 'data-poll="' in queued and "job.js" in queued
    assert not AnnualReport.objects.exists()

    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.finished_at
    results = {f.name: (f.status, f.message) for f in job.files.all()}
    assert results["kewei-2024.md"][0] == "imported"
    assert results["fushun-justice-2020.txt"][0] == "imported"
    assert results["broken.pdf"][0] == "refused" and "PDF" in results["broken.pdf"][1]
    assert "不是政府信息公开工作年度报告" in results["notes.txt"][1]
    assert {(r.agency.code, r.year) for r in AnnualReport.objects.all()} == {
        ("sh-kw", 2024),
        ("fs-sfj", 2020),
    }
    done = client.get(page["Location"]).content.decode()
    assert "已完成" in done and "data-poll" not in done and "已导入 2，未导入 2" in done
    fragment = client.get(page["Location"] + "?part=progress").content.decode()
    assert fragment.lstrip().startswith('<div id="job-progress"') and "<html" not in fragment
    listing = client.get("/supervision/import/").content.decode()
    assert f"/supervision/import/jobs/{job.pk}/" in listing


def test_a_worker_stopped_mid_job_loses_nothing(city, settings):
    supervisor, kw, fs = city
    job = services.queue_import(
        [upload("kewei-2024.md"), upload("fushun-justice-2020.txt"), upload("city-2025-t3.html")],
        actor=supervisor,
    )
    # a worker imported the first file, started the second and died: no progress since
    allowed = supervision.supervised_agency_ids(supervisor)
    services._import_row(services._claim(job), allowed, supervisor)
    second = job.files.get(position=2)
    long_ago = timezone.now() - dt.timedelta(minutes=settings.XXGK_JOB_STALE_MINUTES + 1)
    ImportJobFile.objects.filter(pk=second.pk).update(status="running", started_at=long_ago)
    ImportJob.objects.filter(pk=job.pk).update(status="running", updated_at=long_ago)
    DBTaskResult.objects.all().delete()  # the task died with its worker

    run_worker()  # a new worker: queues the stale job again and finishes it
    job.refresh_from_db()
    assert job.status == "done"
    statuses = dict(job.files.values_list("position", "status"))
    assert statuses[1] == "imported" and statuses[2] == "imported"
    assert statuses[3] == "refused"  # 测试市 is not an agency here: said, not lost
    assert AnnualReport.objects.filter(agency=kw).count() == 1  # the first file once only


def test_a_job_is_seen_by_its_uploader_only(city, client):
    supervisor, kw, fs = city
    job = services.queue_import([upload("kewei-2024.md")], actor=supervisor)
    other_office = factories.agency(
        code="o-gkb", name="他市政务公开办", kind=Agency.Kind.SUPERVISING_OFFICE
    )
    other = factories.user(other_office, role=Membership.Role.SUPERVISOR, username="other")
    client.force_login(other)
    assert client.get(f"/supervision/import/jobs/{job.pk}/").status_code in (403, 404)
    client.logout()
    assert client.get(f"/supervision/import/jobs/{job.pk}/").status_code == 302


def test_too_many_files_are_refused_in_one_line(city, client, settings):
    supervisor, *_ = city
    client.force_login(supervisor)
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1000
    many = [upload(f"r{i}.txt", b"x") for i in range(services.MAX_FILES_PER_JOB + 1)]
    page = client.post("/supervision/import/", {"file": many})
    assert page.status_code == 200 and "一次最多导入" in page.content.decode()
    assert not ImportJob.objects.exists()


# ------------------------------------------------------------------ similarity in the background


def test_a_large_cluster_is_compared_in_the_background(
    city, client, settings, django_capture_on_commit_callbacks
):
    settings.XXGK_SIMILARITY_INLINE_MAX = 1  # this cluster counts as large
    supervisor, kw, fs = city
    kewei = _sections("kewei-2024.md")
    report(kw, 2023, published=dt.date(2024, 1, 20), sections=kewei)
    report(kw, 2024, published=dt.date(2025, 1, 20), sections=_renumber(kewei))  # copied
    report(fs, 2024, published=dt.date(2025, 1, 20), sections=_sections("huaian-2024.pdf"))
    client.force_login(supervisor)
    url = "/supervision/2024/similarity/"
    first = client.get(url).content.decode()
    assert "开始比较" in first and "疑似雷同" not in first  # nothing computed in the request
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
        client.post(url)  # asked twice while pending: one run
    assert SimilarityRun.objects.count() == 1
    pending = client.get(url).content.decode()
    assert "正在后台比较" in pending and "data-poll" in pending and "job.js" in pending
    run_worker()
    done = client.get(url).content.decode()
    assert "疑似雷同" in done and "在后台比较所得" in done and "data-poll" not in done
    assert done.index("上海市科委") < done.index("抚顺市司法局")  # the copy first
    progress = client.get(url + "?part=progress").content.decode()
    assert progress.lstrip().startswith('<div id="similarity-progress"')
    # a report published since makes the result stale
    report(fs, 2023, published=dt.date(2024, 1, 20), sections=_sections("huaian-2024.pdf"))
    assert "可能已过时" in client.get(url).content.decode()


def test_an_imported_report_with_unread_cells_is_never_shown_as_passed(city, client):
    """The cells its reader could not read stay unread in every later check of it."""
    import random

    from tests.annual.glue import glue
    from xxgk.annual.jsonio import loads
    from xxgk.annual.render import render
    from xxgk.reports import queries as reports

    supervisor, kw, fs = city
    want = loads((FIXTURES / "fushun-justice-2020.expected.json").read_bytes())
    crawled = glue(render(want, "html"), random.Random(0)).encode("utf-8")
    stored = services.import_report(crawled, "crawl.txt", actor=supervisor, allowed={fs.pk})
    unread = reports.unread_cells(stored)
    assert unread
    ids = {f.check_id for f in reports.findings(stored)}
    assert "UNREAD_CELL" in ids
    assert reports.finding_counts(stored)["unread"] == len(unread)
    client.force_login(supervisor)
    page = client.get("/supervision/2020/").content.decode()
    assert f"未能读取 {len(unread)}" in page

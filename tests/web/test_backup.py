"""A backup restores: every record and stored file comes back into an empty database, the
search finds what it found, passwords still work; a damaged or foreign file, a backup from a
newer schema and a database that already has data are refused with a clear message, and
nothing is written."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory

from tests.applications import factories
from tests.catalog.sites import draft, site  # noqa: F401 (the fixture)
from xxgk import backup
from xxgk.accounts.models import User
from xxgk.applications.models import Application
from xxgk.catalog import search, services, uploads
from xxgk.catalog.models import Attachment, Item

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def records(site):  # noqa: F811 (the fixture imported above)
    """A published item with an attachment, an application, a few users."""
    item = draft(site, title="扬尘治理通知", body="<p>关于秸秆禁烧和扬尘治理。</p>")
    uploads.add_attachment(item, SimpleUploadedFile("方案.pdf", PDF), actor=site.editor)
    services.submit_for_review(item, actor=site.editor)
    services.approve(item, opinion="不涉密", actor=site.reviewer, on=dt.date(2025, 3, 10))
    handler = factories.user(site.bureau, username="handler")
    factories.received(site.bureau, handler, dt.date(2025, 3, 3))
    return item


def empty_everything(settings) -> None:
    """As a new database and storage would be (flush leaves SQLite's FTS5 table alone)."""
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("DELETE FROM catalog_item_fts")
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def test_a_backup_restores_records_files_search_and_passwords(records, tmp_path, settings):
    path = tmp_path / "b.zip"
    before = backup.counts()
    attachment = Attachment.objects.get()
    names = (attachment.file.name, attachment.name)
    summary = backup.write(path)
    assert summary.files == 1 and summary.counts == before
    empty_everything(settings)
    assert Item.objects.count() == 0 and not default_storage.exists(names[0])

    restored = backup.restore(path)
    assert restored.counts == before == backup.counts()
    item = Item.objects.get(pk=records.pk)
    assert item.title == "扬尘治理通知" and item.is_public
    assert list(search.Matches(Item.objects.public(), "秸秆", cap=10)[0:10]) == [item]
    a = Attachment.objects.get()
    assert (a.file.name, a.name) == names and a.file.read() == PDF
    assert Application.objects.get().applicant_name
    assert Client().login(
        request=RequestFactory().post("/"), username="handler", password="pw-Secret-123"
    )
    new = draft_after_restore(records)
    assert new.pk > item.pk  # ids go on after the restored ones


def draft_after_restore(item):
    editor = User.objects.get(username="editor")
    data = services.ItemInput(
        title="恢复后的新稿",
        formed_on=dt.date(2025, 4, 1),
        column_id=item.column_id,
        body="<p>新</p>",
    )
    return services.create_draft(item.agency, data=data, actor=editor)


def test_restore_refuses_a_database_with_data_and_changes_nothing(records, tmp_path):
    path = tmp_path / "b.zip"
    backup.write(path)
    before = backup.counts()
    with pytest.raises(backup.BackupError, match="目标数据库已有数据"):
        backup.restore(path)
    assert backup.counts() == before


def damage(path: Path, member: str, change) -> Path:
    out = path.with_name(f"damaged-{len(list(path.parent.glob('damaged-*')))}.zip")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, change(data) if info.filename == member else data)
    return out


def resigned(path: Path) -> Path:
    """The backup with its manifest signed again (as the version that wrote it would have)."""
    with zipfile.ZipFile(path) as zf:
        manifest = zf.read("manifest.json")
    return damage(path, backup.SIGNATURE, lambda _: backup.signature(manifest).encode())


def test_damaged_foreign_and_newer_backups_are_refused_before_anything_is_written(
    records, tmp_path, settings
):
    path = tmp_path / "b.zip"
    backup.write(path)
    file_name = Attachment.objects.get().file.name
    empty_everything(settings)

    def flip(data: bytes) -> bytes:
        return data[:-2] + bytes([data[-2] ^ 1]) + data[-1:]

    def newer(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["migrations"]["catalog"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    cases = [
        (damage(path, "data.jsonl", flip), "已损坏：记录数据的校验值不符"),
        (damage(path, f"media/{file_name}", flip), "已损坏：文件"),
        (damage(path, "manifest.json", newer), "签名不符"),  # an edited manifest: refused
        (resigned(damage(path, "manifest.json", newer)), "更新的 xxgk 版本"),
        (damage(path, "manifest.json", lambda d: b"{not json"), "缺少或无法读取 manifest.json"),
    ]
    not_zip = tmp_path / "report.zip"
    not_zip.write_bytes(b"this is not a zip file")
    cases.append((not_zip, "不是 xxgk 备份文件"))
    cases.append((tmp_path / "nowhere.zip", "找不到备份文件"))
    for bad, message in cases:
        with pytest.raises(backup.BackupError, match=message):
            backup.restore(bad)
        assert backup.counts()["catalog.item"] == 0
        assert not default_storage.exists(file_name)


def test_the_commands_print_counts_and_clear_errors(records, tmp_path, settings):
    path = tmp_path / "b.zip"
    out = StringIO()
    call_command("backup", output=str(path), stdout=out)
    assert "catalog.item" in out.getvalue() and path.exists()
    with pytest.raises(CommandError, match="已存在"):
        call_command("backup", output=str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="目标数据库已有数据"):
        call_command("restore", str(path), stdout=StringIO())
    empty_everything(settings)
    out = StringIO()
    call_command("restore", str(path), stdout=out)
    assert "row counts equal the backup's manifest" in out.getvalue()
    assert Item.objects.filter(pk=records.pk).exists()


SEED = """
import datetime as dt, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.applications import factories
from xxgk.catalog import services
from xxgk.catalog.models import Column, Section
bureau = factories.agency(code="sfj", name="示范市司法局")
section = Section.objects.create(agency=bureau, name="法定主动公开内容", slug="fd")
column = Column.objects.create(agency=bureau, section=section, name="政策文件", slug="zcwj")
editor = factories.user(bureau, role="editor", username="editor")
reviewer = factories.user(bureau, role="reviewer", username="reviewer")
data = services.ItemInput(title="法律援助工作通知", formed_on=dt.date(2025, 3, 3),
                          column_id=column.pk, body="<p>法律援助值班律师。</p>")
item = services.create_draft(bureau, data=data, actor=editor)
services.submit_for_review(item, actor=editor)
services.approve(item, opinion="不涉密", actor=reviewer, on=dt.date(2025, 3, 10))
factories.received(bureau, factories.user(bureau, username="handler"), dt.date(2025, 3, 3))
"""

CHECK = """
import django
django.setup()
from xxgk.catalog import search
from xxgk.catalog.models import Item
print(Item.objects.count(), [i.title for i in search.Matches(Item.objects.public(), "援助", 5)[0:5]])
"""


def test_a_laptop_backup_restores_into_postgresql(tmp_path):
    """SQLite on a laptop to PostgreSQL for a cluster: the same records and search."""
    import os
    import subprocess
    import sys
    import uuid

    psycopg = pytest.importorskip("psycopg")
    server = "postgres://postgres@127.0.0.1:5432"
    name = f"xxgk_restore_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    root = Path(__file__).resolve().parents[2]
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "XXGK_"))}
    base.update(DJANGO_SETTINGS_MODULE="xxgk.settings", PYTHONPATH=str(root))
    laptop = {**base, "DATABASE_URL": f"sqlite:///{tmp_path / 'laptop.sqlite3'}",
              "XXGK_MEDIA_ROOT": str(tmp_path / "laptop-files")}  # fmt: skip
    cluster = {**base, "DATABASE_URL": f"{server}/{name}",
               "XXGK_MEDIA_ROOT": str(tmp_path / "cluster-files")}  # fmt: skip
    xxgk = [sys.executable, "-m", "django"]

    def run(args, env):
        done = subprocess.run(args, env=env, cwd=root, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    try:
        run([sys.executable, "-c", SEED], laptop)
        run([*xxgk, "backup", "--output", str(tmp_path / "b.zip")], laptop)
        out = run([*xxgk, "restore", str(tmp_path / "b.zip")], cluster)
        assert "row counts equal the backup's manifest" in out
        assert run([sys.executable, "-c", CHECK], cluster).strip() == "1 ['法律援助工作通知']"
        assert run([sys.executable, "-c", CHECK], laptop).strip() == "1 ['法律援助工作通知']"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

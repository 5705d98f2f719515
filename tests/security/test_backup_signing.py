"""Backups that cannot be forged (issue 12, item 10): a backup with edited records and a
recomputed checksum is refused; the file is readable by its owner only; a traversal name is a
message, not a traceback; old keys still restore after a rotation."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.catalog.sites import site  # noqa: F401  (the fixture records uses)
from tests.web.test_backup import damage, empty_everything, records, resigned  # noqa: F401
from xxgk import backup

pytestmark = pytest.mark.django_db(transaction=True)


def forged(path: Path) -> Path:
    """The probe's forgery: a user made superuser in data.jsonl, data_sha256 recomputed."""
    with zipfile.ZipFile(path) as zf:
        lines = zf.read("data.jsonl").decode().splitlines()
    edited = []
    for line in lines:
        record = json.loads(line)
        if record["model"] == "accounts.user":
            record["fields"]["is_superuser"] = True
        edited.append(json.dumps(record, ensure_ascii=False))
    data = ("\n".join(edited) + "\n").encode()
    out = damage(path, "data.jsonl", lambda _: data)

    def manifest(raw: bytes) -> bytes:
        m = json.loads(raw)
        m["data_sha256"] = hashlib.sha256(data).hexdigest()
        return json.dumps(m).encode()

    return damage(out, "manifest.json", manifest)


def test_a_forged_backup_with_a_recomputed_checksum_is_refused(records, tmp_path, settings):  # noqa: F811
    path = tmp_path / "b.zip"
    backup.write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    bad = forged(path)
    empty_everything(settings)
    with pytest.raises(backup.BackupError, match="签名不符"):
        backup.restore(bad)
    with pytest.raises(CommandError, match="签名不符"):
        call_command("restore", "--unsigned", str(bad), stdout=StringIO())  # never a wrong one
    assert backup.counts()["accounts.user"] == 0


def test_unsigned_backups_need_the_operators_word(records, tmp_path, settings):  # noqa: F811
    path = tmp_path / "b.zip"
    backup.write(path)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "u.zip", "w") as dst:
        for info in src.infolist():
            if info.filename != backup.SIGNATURE:
                dst.writestr(info, src.read(info))
    empty_everything(settings)
    with pytest.raises(backup.BackupError, match="没有签名"):
        backup.restore(tmp_path / "u.zip")
    assert backup.restore(tmp_path / "u.zip", unsigned=True).counts["catalog.item"] == 1


def test_old_keys_restore_after_a_rotation(records, tmp_path, settings):  # noqa: F811
    settings.XXGK_BACKUP_KEY = "old-key-" + "x" * 40
    path = tmp_path / "b.zip"
    backup.write(path)
    empty_everything(settings)
    settings.XXGK_BACKUP_KEY = "new-key-" + "y" * 40
    with pytest.raises(backup.BackupError, match="签名不符"):
        backup.restore(path)
    settings.XXGK_BACKUP_OLD_KEYS = ["old-key-" + "x" * 40]
    assert backup.restore(path).counts["catalog.item"] == 1


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/../../b", "c:\\\\x"])
def test_traversal_names_are_refused_with_a_message(records, tmp_path, settings, name):  # noqa: F811
    path = tmp_path / "b.zip"
    backup.write(path)

    def evil(raw: bytes) -> bytes:
        m = json.loads(raw)
        m["files"][name] = "0" * 64
        return json.dumps(m).encode()

    bad = resigned(damage(path, "manifest.json", evil))
    empty_everything(settings)
    with pytest.raises(CommandError, match="文件名不安全"):
        call_command("restore", str(bad), stdout=StringIO())

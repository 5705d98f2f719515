"""Backups that restore: one ZIP file with every record (Django's JSON Lines serialisation,
portable between SQLite and PostgreSQL) and every stored file (attachments, letters, letter
templates, imported reports), and a manifest with the schema, row counts and SHA-256 sums.

`xxgk backup` writes it; `xxgk restore FILE` checks every sum first, then loads it into an
empty database (migrated to this version's schema) and the file storage, rebuilds the search
index and compares the row counts with the manifest. Sessions are not kept (everyone signs
in again); content types and permissions are rebuilt by `migrate` and referred to by name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "xxgk-backup/1"
SIGNATURE = "manifest.sig"  # HMAC-SHA256 of manifest.json's bytes, hex (issue 12, item 10)
EXCLUDED = ("contenttypes", "auth.permission", "sessions")
CHUNK = 1 << 20
# Models that moved to another app (their tables did not): a backup written before the move
# names their rows, counts, content types and permissions under the old label, and is read
# under the new one (docs/decisions.md, 2026-12-02).
MOVED_MODELS = {
    "catalog.agency": "agencies.agency",
    "applications.holidayschedule": "holidays.holidayschedule",
    "reports.complaint": "supervision.complaint",
}


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why, in Chinese."""


def _keys() -> list[bytes]:
    """The signing key first, then older keys restores still accept (key rotation).
    `XXGK_BACKUP_KEY` (docs/deploy.md); without it, a key derived from SECRET_KEY."""
    current = (
        settings.XXGK_BACKUP_KEY
        or hmac.new(
            settings.SECRET_KEY.encode(), b"xxgk-backup-signing", hashlib.sha256
        ).hexdigest()
    )
    return [k.encode() for k in (current, *settings.XXGK_BACKUP_OLD_KEYS) if k]


def signature(manifest: bytes, key: bytes | None = None) -> str:
    """The manifest's signature: it holds every checksum, so it vouches for the whole file."""
    return hmac.new(key or _keys()[0], manifest, hashlib.sha256).hexdigest()


def _check_signature(zf: zipfile.ZipFile, *, unsigned: bool) -> None:
    try:
        given = zf.read(SIGNATURE).decode("ascii", "replace").strip()
    except KeyError:
        if unsigned:
            return  # the operator said so (`restore --unsigned`, e.g. a backup made before 1.x)
        raise BackupError(
            "备份没有签名，无法确认未被篡改；如确为本系统早期版本的备份，"
            "请使用 xxgk restore --unsigned 恢复"
        ) from None
    manifest = zf.read("manifest.json")
    if not any(hmac.compare_digest(given, signature(manifest, key)) for key in _keys()):
        raise BackupError(
            "备份签名不符：文件被修改过，或者是用另一个密钥（XXGK_BACKUP_KEY）备份的；不予恢复"
        )


def _safe_name(name: str) -> str:
    """A stored file's name from a manifest: relative, inside the storage (no traversal)."""
    if (
        not isinstance(name, str)
        or not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or "\x00" in name
        or any(part in ("", ".", "..") for part in name.split("/"))
        or ":" in name.split("/")[0]
    ):
        raise BackupError(f"备份中的文件名不安全，不予恢复：{str(name)[:80]!r}")
    return name


def _private_file(path: Path):
    """A file only its owner can read: a backup holds every ID number and password hash."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file was there before
    return os.fdopen(fd, "wb")


def _models() -> list[type[models.Model]]:
    """The models whose rows a backup holds."""
    out = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in ("contenttypes", "sessions"):
            continue
        if meta.label_lower == "auth.permission":
            continue
        out.append(model)
    return out


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def _file_names() -> list[str]:
    names: set[str] = set()
    for model in _models():
        for f in model._meta.get_fields():
            if isinstance(f, models.FileField):
                names.update(n for n in model._default_manager.values_list(f.name, flat=True) if n)
    return sorted(names)


def _sha256(fileobj) -> str:
    h = hashlib.sha256()
    while chunk := fileobj.read(CHUNK):
        h.update(chunk)
    return h.hexdigest()


def _migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


@dataclass
class Summary:
    path: Path
    counts: dict[str, int]
    files: int
    missing: list[str] = field(default_factory=list)
    bytes: int = 0


def write(path: Path, progress: Callable[[str], None] = lambda _: None) -> Summary:
    """Write a backup of the database and the stored files to `path` (a .zip)."""
    from xxgk import __version__

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    work = Path(tempfile.mkdtemp(prefix="xxgk-backup-"))
    try:
        data = work / "data.jsonl"
        progress("records")
        with transaction.atomic():  # one consistent snapshot (PostgreSQL: repeatable read)
            if connection.vendor == "postgresql":
                with connection.cursor() as cur:
                    cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            row_counts = counts()
            call_command(
                "dumpdata",
                exclude=list(EXCLUDED),
                natural_foreign=True,
                format="jsonl",
                output=str(data),
                verbosity=0,
            )
            names = _file_names()
        files: dict[str, str] = {}
        missing: list[str] = []
        tmp = path.with_name(path.name + ".part")
        with (
            _private_file(tmp) as raw,
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf,
        ):
            zf.write(data, "data.jsonl")
            progress("files")
            for name in names:
                if not default_storage.exists(name):
                    missing.append(name)
                    continue
                with default_storage.open(name, "rb") as src, zf.open(f"media/{name}", "w") as dst:
                    h = hashlib.sha256()
                    while chunk := src.read(CHUNK):
                        h.update(chunk)
                        dst.write(chunk)
                files[name] = h.hexdigest()
            with data.open("rb") as fh:
                data_sha = _sha256(fh)
            manifest = {
                "format": FORMAT,
                "xxgk": __version__,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "database": connection.vendor,
                "migrations": _migrations(),
                "counts": row_counts,
                "data_sha256": data_sha,
                "files": files,
                "missing_files": missing,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            zf.writestr("manifest.json", manifest_bytes)
            zf.writestr(SIGNATURE, signature(manifest_bytes))
        tmp.replace(path)  # never a half-written file under the final name
        return Summary(path, row_counts, len(files), missing, path.stat().st_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _open(path: Path) -> tuple[zipfile.ZipFile, dict]:
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"找不到备份文件：{path}") from None
    except (zipfile.BadZipFile, OSError) as e:
        raise BackupError(f"不是 xxgk 备份文件（无法作为 ZIP 读取）：{e}") from None
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError):
        zf.close()
        raise BackupError("不是 xxgk 备份文件：缺少或无法读取 manifest.json") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        zf.close()
        raise BackupError(
            f"不支持的备份格式：{manifest.get('format') if isinstance(manifest, dict) else '?'}"
        )
    return zf, manifest


def _verify(zf: zipfile.ZipFile, manifest: dict) -> None:
    """Every sum of the manifest, before anything is written."""
    try:
        with zf.open("data.jsonl") as fh:
            if _sha256(fh) != manifest["data_sha256"]:
                raise BackupError("备份文件已损坏：记录数据的校验值不符")
        for name, digest in manifest["files"].items():
            with zf.open(f"media/{name}") as fh:
                if _sha256(fh) != digest:
                    raise BackupError(f"备份文件已损坏：文件 {name} 的校验值不符")
    except KeyError as e:
        raise BackupError(f"备份文件不完整：缺少 {e}") from None
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise BackupError(f"备份文件已损坏：{e}") from None


def _check_schema(manifest: dict) -> None:
    from django.db.migrations.loader import MigrationLoader

    known = {key for key in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "备份来自更新的 xxgk 版本（本版本没有这些数据库迁移："
            + "、".join(unknown[:5])
            + "）：请先升级 xxgk 再恢复"
        )


def _require_empty() -> None:
    taken = {label: n for label, n in counts().items() if n}
    if taken:
        listed = "、".join(f"{label}（{n}）" for label, n in list(taken.items())[:5])
        raise BackupError(
            f"目标数据库已有数据：{listed}。恢复只写入空数据库，不覆盖现有记录；"
            "请新建一个空数据库（设置 DATABASE_URL）后再恢复"
        )


def _moved(app_label: str, model: str) -> list[str]:
    return MOVED_MODELS.get(f"{app_label}.{model}", f"{app_label}.{model}").split(".")


def translate_record(record: dict) -> dict:
    """A record of an older backup as this version names it: its model, and the natural keys
    of content types ([app, model]) and permissions ([codename, app, model]) it refers to."""
    record["model"] = MOVED_MODELS.get(record.get("model", ""), record.get("model", ""))
    fields = record.get("fields") or {}
    content_type = fields.get("content_type")
    if isinstance(content_type, list) and len(content_type) == 2:
        fields["content_type"] = _moved(*content_type)
    for name in ("permissions", "user_permissions"):
        keys = fields.get(name)
        if isinstance(keys, list):
            fields[name] = [
                [key[0], *_moved(key[1], key[2])]
                if isinstance(key, list) and len(key) == 3
                else key
                for key in keys
            ]
    return record


def _copy_records(zf: zipfile.ZipFile, target: Path) -> None:
    """data.jsonl out of the (verified) backup, each record as this version names it."""
    with zf.open("data.jsonl") as src, target.open("w", encoding="utf-8") as dst:
        for line in io.TextIOWrapper(src, encoding="utf-8"):
            if line.strip():
                record = translate_record(json.loads(line))
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")


def restore(
    path: Path, progress: Callable[[str], None] = lambda _: None, *, unsigned: bool = False
) -> Summary:
    """Restore a backup into this (empty) database and the file storage: its signature first
    (`unsigned` accepts a backup without one, never a wrong one), then every checksum."""
    zf, manifest = _open(path)
    with zf:
        progress("verify")
        _check_signature(zf, unsigned=unsigned)
        if not isinstance(manifest.get("files"), dict):
            raise BackupError("不是 xxgk 备份文件：manifest.json 缺少文件清单")
        for name in manifest["files"]:
            _safe_name(name)
        _verify(zf, manifest)
        _check_schema(manifest)
        progress("migrate")
        call_command("migrate", interactive=False, verbosity=0)
        _require_empty()
        for name in manifest["files"]:
            if default_storage.exists(name):
                raise BackupError(f"文件存储中已有同名文件：{name}；请使用空的文件存储恢复")
        work = Path(tempfile.mkdtemp(prefix="xxgk-restore-"))
        written: list[str] = []
        try:
            data = work / "data.jsonl"
            _copy_records(zf, data)
            progress("records")
            with transaction.atomic():
                try:
                    call_command("loaddata", str(data), verbosity=0)
                except (DeserializationError, DatabaseError) as e:
                    raise BackupError(f"备份中的记录无法载入本数据库：{e}") from None
                progress("files")
                for name in manifest["files"]:
                    with zf.open(f"media/{name}") as src:
                        saved = default_storage.save(name, File(src, name=name))
                    written.append(saved)
                    if saved != name:
                        raise BackupError(f"文件未能按原名保存：{name}")
                _rebuild_search_index()
                restored = counts()
                expected = {MOVED_MODELS.get(k, k): v for k, v in manifest["counts"].items()}
                wrong = {
                    k: (v, restored.get(k)) for k, v in expected.items() if restored.get(k) != v
                }
                if wrong:
                    raise BackupError(
                        "恢复后记录数与备份不符："
                        + "、".join(f"{k} 应为 {a}，实为 {b}" for k, (a, b) in wrong.items())
                    )
        except BaseException:
            for name in written:  # the records were rolled back: so are the files
                default_storage.delete(name)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
    cache.clear()  # cached pages, counts and findings of whatever was here before
    return Summary(path, restored, len(manifest["files"]), list(manifest.get("missing_files", [])))


def _rebuild_search_index() -> None:
    """SQLite's FTS5 table is not a model: fill it from the restored search texts
    (PostgreSQL's search vector is a generated column, computed as the rows are inserted)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        cur.execute("DELETE FROM catalog_item_fts")
        cur.execute(
            "INSERT INTO catalog_item_fts(rowid, search_text) "
            "SELECT id, search_text FROM catalog_item WHERE search_text != ''"
        )


def print_counts(console, title: str, row_counts: dict[str, int]) -> None:
    """The non-empty tables and their rows, as the commands show them (rich)."""
    from rich.table import Table

    table = Table("records", "n", title=title)
    for label, n in row_counts.items():
        if n:
            table.add_row(label, f"{n:,}")
    console.print(table)

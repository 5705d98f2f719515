"""An upgrade loses nothing: a site made at commit eeff3ed (before the models of agencies,
holiday schedules and complaints moved to apps of their own, and the public pages to `portal`)
migrates to this version with every row kept and answers every page as it did, and a backup
written at eeff3ed restores into a new SQLite or PostgreSQL database.

The fixtures next to this file were made by make_fixtures.py (its docstring says how):
the demo database (xz), its stored files (tar.xz), the backup, and the pages with the status
each user got at eeff3ed. Everything runs in subprocesses (`python -m xxgk.cli`, walk.py) on
files in tmp_path, never on the test database.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
import zipfile
from pathlib import Path

import pytest

from tests.web.helpers import SETTINGS_VARIABLES

HERE = Path(__file__).resolve().parent
LABEL = "main-eeff3ed"
DATABASE = HERE / f"{LABEL}-demo.sqlite3.xz"
MEDIA = HERE / f"{LABEL}-media.tar.xz"
BACKUP = HERE / f"{LABEL}-backup.zip"
PAGES = HERE / f"{LABEL}-pages.json"
WALK = HERE / "walk.py"

# The admin pages of the models that move to new apps. A recorded request marked "moves" is
# asked again at the new path when its old path answers 404 after the upgrade (and answered
# something else before); while the models have not moved, nothing is mapped.
MOVED_ADMIN = {
    "/admin/catalog/agency/": "/admin/agencies/agency/",
    "/admin/applications/holidayschedule/": "/admin/holidays/holidayschedule/",
    "/admin/reports/complaint/": "/admin/supervision/complaint/",
}
# The same models' labels in a backup's manifest (old label -> new label); a label that is
# still a model of this version is taken as it is.
MOVED_LABELS = {
    "catalog.agency": "agencies.agency",
    "applications.holidayschedule": "holidays.holidayschedule",
    "reports.complaint": "supervision.complaint",
}
# Django's bookkeeping tables: `migrate` adds the new migrations, content types and
# permissions of new apps. Their rows may grow, never shrink; every other table keeps its count.
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}


COUNTS = """
import json, django
django.setup()
from django.apps import apps
print(json.dumps({m._meta.label_lower: m._default_manager.count() for m in apps.get_models()
                  if m._meta.managed and not m._meta.proxy}))
"""


def site_env(folder: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="xxgk.settings",
        DATABASE_URL=database_url or f"sqlite:///{folder / 'db.sqlite3'}",
        XXGK_DATA_DIR=str(folder),
        XXGK_MEDIA_ROOT=str(folder / "media"),
        DEBUG="0",
    )
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args[1:]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def xxgk(*args: str, env: dict[str, str]) -> str:
    return run([sys.executable, "-m", "xxgk.cli", *args], env)


def table_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


# Redirects this version sends elsewhere on purpose (old target -> new target): a signed-in
# person at the login page goes to their own landing page (issue 13: each role where its
# work is) instead of the work list for everyone.
CHANGED_REDIRECTS = {"/staff/applications/": "/accounts/landing/"}


# Requests this version refuses on purpose: a case's letters and case file name the applicant,
# so only the receiving agency's handlers and head may download them (issue 12, item 8).
NOT_HANDLERS = {"editor", "reviewer", "gkb"}
PERSONAL_FILES = re.compile(r"^/staff/applications/\d+/(archive\.zip|letters/\d+/)$")


def refused_on_purpose(want: dict, have: dict) -> bool:
    return (
        want["user"] in NOT_HANDLERS
        and bool(PERSONAL_FILES.match(want["path"]))
        and have["status"] == 403
    )


def normal_location(location: str | None, path: str = "") -> str | None:
    """Redirects compared without the year (/supervision/ goes to last year's page) and with
    the moved admin paths under their new names."""
    if location is None:
        return None
    if path == "/accounts/login/":
        location = CHANGED_REDIRECTS.get(location, location)
    for old, new in MOVED_ADMIN.items():
        location = location.replace(old, new)
    return re.sub(r"(?<!\d)(19|20)\d\d(?!\d)", "YYYY", location)


def walk(requests: list[dict], env: dict[str, str], folder: Path, name: str) -> list[dict]:
    paths = folder / f"{name}-requests.json"
    paths.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    out = folder / f"{name}-results.json"
    done = subprocess.run(
        [sys.executable, str(WALK), str(paths), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    print(done.stderr.strip().splitlines()[-1])  # "walked N requests in S s"
    return json.loads(out.read_text(encoding="utf-8"))["results"]


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    """The eeff3ed demo site in a new folder: its database and its stored files."""
    folder = tmp_path / "site"
    (folder / "media").mkdir(parents=True)
    with lzma.open(DATABASE) as src, (folder / "db.sqlite3").open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    if MEDIA.exists():
        with tarfile.open(MEDIA) as tar:
            tar.extractall(folder / "media", filter="data")
    return folder


def test_the_old_database_migrates_keeps_its_rows_and_answers_every_page_the_same(old_site):
    db = old_site / "db.sqlite3"
    env = site_env(old_site)
    before = table_counts(db)
    xxgk("migrate", "--noinput", env=env)
    after = table_counts(db)

    lost = sorted(set(before) - set(after))
    assert not lost, f"tables gone after migrate: {lost}"
    changed = {
        t: (n, after[t])
        for t, n in before.items()
        if (after[t] < n if t in BOOKKEEPING else after[t] != n)
    }
    assert not changed, f"row counts changed by migrate (before, after): {changed}"

    recorded = json.loads(PAGES.read_text(encoding="utf-8"))["requests"]
    got = walk([{"user": r["user"], "path": r["path"]} for r in recorded], env, old_site, "old")

    moved = []  # (index, request at the new path)
    for i, (want, have) in enumerate(zip(recorded, got, strict=True)):
        if want.get("moves") and want["status"] != 404 and have["status"] == 404:
            path = want["path"]
            for old, new in MOVED_ADMIN.items():
                path = path.replace(old, new)
            if path != want["path"]:
                moved.append((i, {"user": want["user"], "path": path}))
    if moved:
        again = walk([r for _i, r in moved], env, old_site, "moved")
        for (i, _r), have in zip(moved, again, strict=True):
            got[i] = have

    wrong = []
    for want, have in zip(recorded, got, strict=True):
        status_differs = have["status"] != want["status"]
        location_differs = normal_location(have["location"]) != normal_location(
            want["location"], want["path"]
        )
        if refused_on_purpose(want, have):
            continue
        if status_differs or location_differs:
            wrong.append(
                f"{want['user'] or 'anonymous'} {want['path']}: "
                f"was {want['status']} {want['location'] or ''}, "
                f"now {have['status']} {have['location'] or ''} ({have['path']})"
            )
    assert not wrong, f"{len(wrong)} of {len(recorded)} pages answer differently:\n" + "\n".join(
        wrong[:80]
    )


def check_restore(folder: Path, env: dict[str, str]) -> None:
    """`xxgk restore` of the eeff3ed backup succeeds; rows and stored files are the backup's."""
    xxgk("restore", "--unsigned", str(BACKUP), env=env)  # made before backups were signed
    with zipfile.ZipFile(BACKUP) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    counts = json.loads(run([sys.executable, "-c", COUNTS], env))
    wrong = {}
    for label, n in manifest["counts"].items():
        now = label if label in counts else MOVED_LABELS.get(label, label)
        if counts.get(now) != n:
            wrong[label] = (n, now, counts.get(now))
    assert not wrong, f"restored counts differ from the manifest (manifest, model, now): {wrong}"
    assert sum(manifest["counts"].values()) > 10_000  # the whole demo, not an empty shell
    assert manifest["files"], "the backup holds the stored files of the demo"
    for name, digest in manifest["files"].items():
        stored = folder / "media" / name
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest, name


def test_the_old_backup_restores_into_a_new_sqlite_database(tmp_path):
    folder = tmp_path / "restored"
    (folder / "media").mkdir(parents=True)
    check_restore(folder, site_env(folder))


def test_the_old_backup_restores_into_a_new_postgresql_database(tmp_path):
    psycopg = pytest.importorskip("psycopg")
    server = "postgres://postgres@127.0.0.1:5432"
    name = f"xxgk_upgrade_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    folder = tmp_path / "restored"
    (folder / "media").mkdir(parents=True)
    try:
        check_restore(folder, site_env(folder, f"{server}/{name}"))
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

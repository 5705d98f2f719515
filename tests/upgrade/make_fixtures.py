"""Make the fixtures of the upgrade tests (test_upgrade.py) from the code of one commit.

The fixtures hold what a site running that commit has: a database made by `xxgk migrate` and
`xxgk demo`, its stored files, a backup made by `xxgk backup`, and the status of every kind
of page for anonymous visitors and every demo user. test_upgrade.py checks that a later
version migrates that database, answers the same pages with the same statuses, and restores
that backup.

How the committed fixtures were made (commit eeff3ed, on 2026-12-02, Python 3.12, SQLite):

    git clone -q /work/main /tmp/xxgk-base && git -C /tmp/xxgk-base checkout -q eeff3ed
    cd /work/main
    PYTHONPATH=/tmp/xxgk-base/src .venv/bin/python tests/upgrade/make_fixtures.py \\
        --label main-eeff3ed --work /tmp/xxgk-fixtures --expect-src /tmp/xxgk-base/src

(about two minutes on two cores; it prints the sizes of what it wrote).

To regenerate them at another commit C, check C out in a separate clone, put that clone's
`src` first on PYTHONPATH as above (the script prints which xxgk it imported and refuses one
outside --expect-src when that is given) and pass --label main-<C>. The installed packages
of the venv must suit C. Nothing is written outside --work and --out (default: this folder).
A second run makes equivalent fixtures, not identical bytes: the demo is dated relative to
the day it runs, and tracking codes and stored file names are random. The statuses do not
depend on the day (checked by walking the committed database with the clock moved 45, 400
and 800 days ahead: no difference).

Every step runs in a fresh process of the code on PYTHONPATH, with DATABASE_URL, XXGK_DATA_DIR
and XXGK_MEDIA_ROOT in --work and DEBUG=0:

1. `xxgk migrate` and `xxgk demo` (the full demo: agencies, users, ~360 applications, ~2,300
   items, disputes, published annual reports) into a new SQLite database.
2. Extras (`extras` below), because the demo has no rows of some models whose pages and data
   matter to an upgrade: one holiday schedule (`xxgk load_holidays`, year 2099, so that no
   deadline of the demo changes), two complaints (one answered by gkb), two letters of
   demo-sfj (a reply letter and a correction notice, stored .docx files) and one published
   item of demo-city with a PDF attachment (editor drafts, reviewer approves). All through
   the commit's own services.
3. `xxgk backup --output <label>-backup.zip`.
4. The database (WAL checkpointed, so the one file is complete) compressed with xz -9e:
   <label>-demo.sqlite3.xz; the stored files as <label>-media.tar.xz (letters and the
   attachment: the pages that serve them answer 200 only with the files present).
5. The requests (`paths` below): concrete paths for every route of the URL map
   (django.urls.get_resolver(); each route's parameters filled from real rows, read with SQL
   from the tables, whose names the refactor keeps), and for every admin model registered
   (changelist, add, change of one row; "moves": true for the models whose admin URLs move:
   catalog.agency, applications.holidayschedule, reports.complaint; the last has no admin at
   this commit, so its would-be changelist is recorded as the 404 it is). Public pages are
   asked by anonymous, admin, editor, szf-handler, sfj-head and gkb; staff pages (including
   /supervision/ and /admin/) by anonymous and every user, so other agencies' 403s are
   recorded too. The published reports' DOCX files (a second or more each) are asked by
   anonymous only, and one PDF (several seconds) once. Routes without a walked path are
   listed under "not_walked" with the reason.
6. walk.py twice on a copy made from the compressed files (as the tests do); the statuses
   (and redirect locations) must agree, else the script stops. The first run is written to
   <label>-pages.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import lzma
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETTINGS_VARIABLES = (
    "XXGK_ENV",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "XXGK_DATA_DIR",
    "XXGK_MEDIA_ROOT",
    "XXGK_STATIC_ROOT",
    "XXGK_S3_BUCKET",
    "XXGK_PORTAL_PAGE_SECONDS",
    "DJANGO_SETTINGS_MODULE",
)

# Users: who asks for which pages.
PUBLIC_USERS = [None, "admin", "editor", "szf-handler", "sfj-head", "gkb"]
# Admin URLs that the refactor moves (old model label -> new app label).
MOVING_MODELS = {
    "catalog.agency": "agencies",
    "applications.holidayschedule": "holidays",
    "reports.complaint": "supervision",
}
NOT_FOUND = "/no-such-page-xxgk/"
SEARCH_WORD = "通知"

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
HOLIDAYS_YAML = """\
2099:
  source: upgrade-test fixture (not a real schedule)
  holidays: [2099-01-01, 2099-01-02]
  workdays: [2099-01-03]
"""


def env_for(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="xxgk.settings",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        XXGK_DATA_DIR=str(work),
        XXGK_MEDIA_ROOT=str(work / "media"),
        DEBUG="0",
    )
    return env


def run(args: list[str], env: dict[str, str], **kw) -> str:
    print("$", " ".join(args[1:] if args[0] == sys.executable else args), file=sys.stderr)
    done = subprocess.run(args, env=env, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit(
            f"failed ({done.returncode}): {args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return done.stdout


def xxgk_cmd(*args: str, env: dict[str, str]) -> str:
    return run([sys.executable, "-m", "xxgk.cli", *args], env)


def step(name: str, env: dict[str, str], *args: str) -> str:
    return run([sys.executable, str(Path(__file__).resolve()), "_step", name, *args], env)


# ------------------------------------------------------------------ step 2: extras


def extras() -> dict:
    """Rows the demo lacks, made through the services of this commit. The imports are those of
    eeff3ed: at a commit where these modules moved (e.g. Complaint to `supervision`), adjust
    them; the rest of the script reads tables and the URL map only."""
    import django

    django.setup()
    import tempfile

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.utils import timezone

    from xxgk.applications import letters
    from xxgk.applications.models import Application, Letter, Status
    from xxgk.catalog import services, uploads
    from xxgk.catalog.models import Agency, Column
    from xxgk.reports import complaints

    users = {u.username: u for u in get_user_model().objects.all()}
    made: dict[str, object] = {}

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2099.yaml"
        path.write_text(HOLIDAYS_YAML, encoding="utf-8")
        call_command("load_holidays", str(path), verbosity=0)
    made["holiday_schedules"] = [2099]

    sfj, zjj, city = (Agency.objects.get(code=c) for c in ("demo-sfj", "demo-zjj", "demo-city"))
    one = complaints.file_complaint(
        sfj,
        name="张明",
        contact="13800001234",
        text="示范市司法局网站“政策文件”栏目长期未更新，2025年的规范性文件没有公开。",
        ip="203.0.113.7",
    )
    two = complaints.file_complaint(
        zjj,
        name="李华",
        contact="lihua@example.invalid",
        text="申请公开保障性住房分配结果，超过法定期限未收到答复。",
        ip="203.0.113.8",
    )
    complaints.answer_complaint(
        two.complaint,
        answer="经核查，该申请已于法定期限内答复，答复书已通过邮寄送达。",
        actor=users["gkb"],
    )
    made["complaints"] = [one.code, two.code]

    handler = users["sfj-handler"]
    issued = []
    concluded = Application.objects.filter(
        agency=sfj, status=Status.CONCLUDED, archived_at__isnull=True, decision__isnull=False
    ).order_by("pk")
    for app in concluded:
        try:
            issued.append(letters.issue_reply_letter(app, actor=handler))
            break
        except letters.ActionRefused:
            continue
    waiting = Application.objects.filter(agency=sfj, status=Status.AWAITING_CORRECTION)
    for app in waiting.order_by("pk"):
        try:
            issued.append(letters.issue_letter(app, Letter.Kind.CORRECTION, actor=handler))
            break
        except letters.ActionRefused:
            continue
    made["letters"] = [(x.application_id, x.pk, x.number, x.file.name) for x in issued]

    column = Column.objects.filter(agency=city).order_by("section__order", "order", "pk").first()
    data = services.ItemInput(
        title="示范市2026年政务公开工作要点",
        formed_on=timezone.localdate(),
        column_id=column.pk,
        body="<p>全文见附件。</p>",
    )
    item = services.create_draft(city, data=data, actor=users["editor"])
    attachment = uploads.add_attachment(
        item, SimpleUploadedFile("工作要点.pdf", PDF), actor=users["editor"]
    )
    services.submit_for_review(item, actor=users["editor"])
    services.review(item, approve=True, opinion="不涉密，同意公开", actor=users["reviewer"])
    made["attachment"] = (item.pk, attachment.pk, attachment.file.name)
    return made


# ------------------------------------------------------------------ step 5: the requests


def _route_text(pattern) -> str:
    return str(pattern)


def flatten(resolver=None, prefix: str = "") -> list[tuple[str, object]]:
    """Every route of the URL map as (route text, its URLPattern), includes expanded."""
    from django.urls import URLResolver, get_resolver

    resolver = resolver or get_resolver()
    out = []
    for p in resolver.url_patterns:
        text = prefix + _route_text(p.pattern)
        if isinstance(p, URLResolver):
            out.extend(flatten(p, text))
        else:
            out.append((text, p))
    return out


def _rows(sql: str, *params) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _fill(route: str, values: dict[str, object]) -> str:
    import re

    def sub(m: re.Match) -> str:
        return str(values[m.group(2)])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", sub, route)


def paths() -> dict:
    """The requests: (user, path, "moves") for every route, filled from the database."""
    import django

    django.setup()
    from django.contrib import admin
    from django.urls import reverse

    codes = [c for (c,) in _rows("SELECT code FROM catalog_agency ORDER BY id")]
    agency_id = dict(_rows("SELECT code, id FROM catalog_agency"))
    users = [u for (u,) in _rows("SELECT username FROM accounts_user ORDER BY id")]
    all_users = [None, *users]

    def col(sql: str, *params) -> list:
        return [r[0] for r in _rows(sql, *params)]

    # ---- the values of each route parameter, from real rows
    columns = {
        code: col(
            "SELECT c.slug FROM catalog_column c JOIN catalog_section s ON s.id = c.section_id "
            'WHERE c.agency_id = %s ORDER BY s."order", c."order", c.id LIMIT 2',
            agency_id[code],
        )
        for code in codes
    }
    items = []  # (code, pk, status)
    for code in codes:
        for status, n in (("published", 2), ("draft", 1), ("in_review", 1), ("withdrawn", 1)):
            for pk in col(
                "SELECT id FROM catalog_item WHERE agency_id = %s AND status = %s "
                "ORDER BY id LIMIT %s",
                agency_id[code],
                status,
                n,
            ):
                items.append((code, pk, status))
    attachments = _rows(
        "SELECT a.id, i.id, g.code FROM catalog_attachment a JOIN catalog_item i "
        "ON i.id = a.item_id JOIN catalog_agency g ON g.id = i.agency_id ORDER BY a.id"
    )
    for _apk, ipk, code in attachments:
        if (code, ipk, "published") not in items:
            items.append((code, ipk, "published"))
    reports = _rows(
        "SELECT r.id, g.code, r.year FROM reports_annualreport r JOIN catalog_agency g "
        "ON g.id = r.agency_id WHERE r.status = 'published' ORDER BY r.id"
    )
    all_reports = col("SELECT id FROM reports_annualreport ORDER BY id")
    cases = []  # one case of each status in each agency
    for code in codes:
        cases += col(
            "SELECT MIN(id) FROM applications_application WHERE agency_id = %s "
            "GROUP BY status ORDER BY MIN(id)",
            agency_id[code],
        )
    concluded = [
        col(
            "SELECT id FROM applications_application WHERE agency_id = %s "
            "AND status = 'concluded' ORDER BY id LIMIT 1",
            agency_id[code],
        )
        for code in codes
    ]
    concluded = [c[0] for c in concluded if c]
    open_case = col(
        "SELECT id FROM applications_application WHERE status != 'concluded' ORDER BY id LIMIT 1"
    )
    tracking = col(
        "SELECT tracking_code FROM applications_application WHERE id IN (%s, %s)",
        concluded[0],
        open_case[0],
    )
    letters = _rows("SELECT application_id, id FROM applications_letter ORDER BY id")
    disputes = []
    for code in codes:
        disputes += col(
            "SELECT id FROM disputes_case WHERE agency_id = %s ORDER BY id LIMIT 1",
            agency_id[code],
        )
    complaints = _rows("SELECT id, code FROM reports_complaint ORDER BY id")
    report_years = sorted({y for _pk, _c, y in reports})
    figure_years = col("SELECT DISTINCT year FROM catalog_annualfigures ORDER BY year")
    departments = [c for _pk, c, _y in reports]

    # ---- each route: (group, [paths]); group "public", "staff" or a list of users
    fill: dict[str, tuple[object, list[str]]] = {}

    def add(route: str, group, values_list: list[dict], query: str = "") -> None:
        got = fill.setdefault(route, (group, []))
        got[1].extend(_fill(route, v) + query for v in values_list)

    a = [{"agency_code": c} for c in codes]
    add("", "public", [{}])
    add("", "public", [{}], "?lang=en")
    add("accounts/login/", "public", [{}])
    add("accounts/logout/", "public", [{}])
    add("gk/<slug:agency_code>/", "public", a)
    add("gk/<slug:agency_code>/", "public", [{"agency_code": "no-such-agency"}])
    add("gk/<slug:agency_code>/guide/", "public", a)
    add("gk/<slug:agency_code>/annual-reports/", "public", a)
    column_routes = (
        "gk/<slug:agency_code>/<slug:column_slug>/",
        "gk/<slug:agency_code>/<slug:column_slug>/feed.atom",
    )
    for route in column_routes:
        add(
            route,
            "public",
            [{"agency_code": c, "column_slug": s} for c in codes for s in columns[c]],
        )
    add(
        "gk/<slug:agency_code>/<slug:column_slug>/",
        "public",
        [{"agency_code": codes[0], "column_slug": columns[codes[0]][0]}],
        "?page=2",
    )
    add(
        "gk/<slug:agency_code>/<slug:column_slug>/",
        "public",
        [{"agency_code": codes[0], "column_slug": "no-such-column"}],
    )
    add(
        "gk/<slug:agency_code>/items/<int:pk>/",
        "public",
        [{"agency_code": c, "pk": pk} for c, pk, _s in items],
    )
    add(
        "gk/<slug:agency_code>/items/<int:pk>/attachments/<int:attachment_pk>/",
        "public",
        [{"agency_code": c, "pk": ipk, "attachment_pk": apk} for apk, ipk, c in attachments],
    )
    add("search/", "public", [{}], f"?q={SEARCH_WORD}")
    add("search/", "public", [{}], f"?q={SEARCH_WORD}&agency={codes[2]}")
    add("search/", "public", [{}], f"?q={SEARCH_WORD}&page=2")
    add("search/", "public", [{}])
    add("sitemap.xml", "public", [{}])
    add(
        "gk/<slug:agency_code>/annual-reports/<int:year>/",
        "public",
        [{"agency_code": c, "year": y} for _pk, c, y in reports]
        + [{"agency_code": codes[0], "year": report_years[-1]}],
    )
    add(
        "gk/<slug:agency_code>/annual-reports/<int:year>/",
        "public",
        [{"agency_code": reports[0][1], "year": reports[0][2]}],
        "?version=1",
    )
    download = "gk/<slug:agency_code>/annual-reports/<int:year>/report.<str:fmt>"
    # DOCX and PDF take a second or more each: once per report (PDF: once), anonymous
    add(download, [None], [{"agency_code": c, "year": y, "fmt": "docx"} for _pk, c, y in reports])
    add(download, "public", [{"agency_code": reports[0][1], "year": reports[0][2], "fmt": "xlsx"}])
    add(download, [None], [{"agency_code": reports[0][1], "year": reports[0][2], "fmt": "pdf"}])
    add("apply/", "public", [{}])
    add("apply/<slug:agency_code>/", "public", a)
    add("apply/<slug:agency_code>/submitted/", "public", [{"agency_code": departments[0]}])
    add("track/", "public", [{}])
    add(
        "track/<str:code>/",
        "public",
        [{"code": t} for t in tracking] + [{"code": "ZZZZ-ZZZZ-ZZZZ"}],
    )
    add("complaints/new/", "public", [{}])
    add("complaints/filed/", "public", [{}])
    add("complaints/<str:code>/", "public", [{"code": c} for _pk, c in complaints])
    add("complaints/<str:code>/", "public", [{"code": "NOSUCHCODE99"}])

    s = "staff/applications/"
    add(s, "staff", [{}])
    add(s, "staff", [{}], "?status=in_progress")
    add(s, "staff", [{}], f"?agency={departments[0]}")
    add(s + "new/", "staff", [{}])
    add(s + "ledger.xlsx", "staff", [{}], f"?year={report_years[-1]}")
    add(s + "<int:pk>/", "staff", [{"pk": pk} for pk in cases] + [{"pk": 999999}])
    add(s + "<int:pk>/archive.zip", "staff", [{"pk": pk} for pk in concluded + open_case])
    add(
        s + "<int:pk>/letters/<int:letter_pk>/",
        "staff",
        [{"pk": app, "letter_pk": pk} for app, pk in letters],
    )
    add(s + "<int:pk>/<slug:action>/", "staff", [{"pk": cases[0], "action": "decide"}])

    s = "staff/"
    add(s + "items/", "staff", [{}])
    add(s + "items/", "staff", [{}], "?status=in_review")
    add(s + "items/", "staff", [{}], f"?agency={codes[0]}&page=2")
    add(s + "items/new/", "staff", [{}])
    # a draft, an item in review and a withdrawn one, two published: in different agencies
    wanted = [(codes[0], "draft"), (codes[3], "in_review"), (codes[4], "withdrawn")]
    wanted += [(codes[0], "published"), (codes[2], "published")]
    staff_items = [next(pk for c, pk, st in items if (c, st) == w) for w in wanted]
    for route in ("items/<int:pk>/", "items/<int:pk>/edit/", "items/<int:pk>/revise/"):
        add(s + route, "staff", [{"pk": pk} for pk in staff_items])
    add(
        s + "items/<int:pk>/attachments/<int:attachment_pk>/",
        "staff",
        [{"pk": ipk, "attachment_pk": apk} for apk, ipk, _c in attachments],
    )
    add(s + "items/<int:pk>/<slug:action>/", "staff", [{"pk": staff_items[0], "action": "submit"}])
    add(s + "figures/", "staff", [{}])
    add(s + "figures/import/", "staff", [{}])
    add(s + "figures/<int:year>/", "staff", [{"year": y} for y in figure_years[-1:]])
    add(s + "figures/<int:year>/", "staff", [{"year": figure_years[-1]}], f"?agency={codes[2]}")

    s = "staff/reports/"
    add(s, "staff", [{}])
    add(s + "<int:pk>/", "staff", [{"pk": pk} for pk in all_reports])
    add(s + "<int:pk>/report.<str:fmt>", "staff", [{"pk": pk, "fmt": "json"} for pk in all_reports])
    add(s + "<int:pk>/report.<str:fmt>", "staff", [{"pk": all_reports[0], "fmt": "docx"}])
    add(s + "<int:pk>/<slug:action>/", "staff", [{"pk": all_reports[0], "action": "approve"}])

    s = "staff/disputes/"
    add(s, "staff", [{}])
    add(s, "staff", [{}], f"?year={report_years[-1]}")
    add(s + "new/", "staff", [{}])
    add(s + "<int:pk>/", "staff", [{"pk": pk} for pk in disputes])

    s = "supervision/"
    add(s, "staff", [{}])
    add(s + "<int:year>/", "staff", [{"year": y} for y in (report_years[-1] - 1, report_years[-1])])
    add(s + "<int:year>/", "staff", [{"year": report_years[-1]}], "?basis=draft")
    add(s + "<int:year>/similarity/", "staff", [{"year": report_years[-1]}])
    add(
        s + "<int:year>/similarity/<slug:a_code>/<slug:b_code>/<int:year_b>/",
        "staff",
        [
            {
                "year": report_years[-1],
                "a_code": departments[0],
                "b_code": departments[1],
                "year_b": report_years[-1],
            }
        ],
    )
    add(s + "complaints/", "staff", [{}])
    add(s + "complaints/<int:pk>/", "staff", [{"pk": pk} for pk, _c in complaints])
    add(s + "import/", "staff", [{}])

    # ---- the URL map: which routes got paths, which not and why
    routes = flatten()
    walked, not_walked = [], []
    for route, _pattern in routes:
        if route.startswith("admin/"):
            continue
        if route in fill:
            walked.append(route)
        elif route.startswith("i18n/"):
            not_walked.append({"route": route, "why": "POST only (set_language)"})
        else:
            not_walked.append({"route": route, "why": "no path given in make_fixtures.paths"})
    unknown = sorted(set(fill) - {r for r, _p in routes})
    if unknown:
        sys.exit(f"routes given paths but not in the URL map: {unknown}")

    # ---- the admin: index, each app's index, each model's changelist, add and one change page
    admin_paths: list[tuple[str, bool]] = [(reverse("admin:index"), False)]
    app_labels = sorted({m._meta.app_label for m in admin.site._registry})
    admin_paths += [(reverse("admin:app_list", args=[label]), False) for label in app_labels]
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label_lower):
        meta = model._meta
        moves = meta.label_lower in MOVING_MODELS
        base = f"admin:{meta.app_label}_{meta.model_name}"
        admin_paths.append((reverse(f"{base}_changelist"), moves))
        admin_paths.append((reverse(f"{base}_add"), moves))
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            admin_paths.append((reverse(f"{base}_change", args=[first]), moves))
    for label in MOVING_MODELS:  # a moving model without an admin: its would-be changelist
        app_label, model_name = label.split(".")
        path = f"/admin/{app_label}/{model_name}/"
        if path not in {p for p, _m in admin_paths}:
            admin_paths.append((path, True))

    requests = []

    def ask(group, path: str, moves: bool = False) -> None:
        who = PUBLIC_USERS if group == "public" else all_users if group == "staff" else group
        for user in who:
            entry = {"user": user, "path": path}
            if moves:
                entry["moves"] = True
            requests.append(entry)

    ask("public", NOT_FOUND)
    for route in walked:
        group, route_paths = fill[route]
        for path in route_paths:
            ask(group, path)
    for path, moves in admin_paths:
        ask("staff", path, moves)
    return {
        "users": all_users,
        "public_users": PUBLIC_USERS,
        "routes_walked": len(walked),
        "not_walked": not_walked,
        "requests": requests,
    }


# ------------------------------------------------------------------ packing and walking


def checkpoint(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        extra = db.with_name(db.name + suffix)
        if extra.exists() and extra.stat().st_size:
            sys.exit(f"{extra} is not empty after the checkpoint")
        extra.unlink(missing_ok=True)


def compress(src: Path, dst: Path) -> None:
    with src.open("rb") as fi, lzma.open(dst, "wb", preset=9 | lzma.PRESET_EXTREME) as fo:
        shutil.copyfileobj(fi, fo, 1 << 20)


def pack_media(media: Path, dst: Path) -> int:
    files = sorted(p for p in media.rglob("*") if p.is_file())

    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(dst, "w:xz", preset=9 | lzma.PRESET_EXTREME) as tar:
        for p in files:
            tar.add(p, arcname=str(p.relative_to(media)), filter=clean)
    return len(files)


def unpack(db_xz: Path, media_tar: Path | None, work: Path) -> None:
    """What the tests do: the database and the stored files in a new folder."""
    work.mkdir(parents=True)
    with lzma.open(db_xz) as fi, (work / "db.sqlite3").open("wb") as fo:
        shutil.copyfileobj(fi, fo, 1 << 20)
    (work / "media").mkdir()
    if media_tar is not None:
        with tarfile.open(media_tar) as tar:
            tar.extractall(work / "media", filter="data")


def commit_of(src: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(src), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="file name prefix, e.g. main-eeff3ed")
    parser.add_argument("--work", type=Path, required=True, help="a new scratch folder")
    parser.add_argument("--out", type=Path, default=HERE, help="where the fixtures go")
    parser.add_argument("--expect-src", type=Path, help="refuse an xxgk imported from elsewhere")
    args = parser.parse_args(argv)
    import xxgk

    src = Path(xxgk.__file__).resolve().parent
    print(f"xxgk from {src} (commit {commit_of(src)})", file=sys.stderr)
    if args.expect_src and not src.is_relative_to(args.expect_src.resolve()):
        sys.exit(f"xxgk imported from {src}, not from {args.expect_src}")
    if args.work.exists():
        sys.exit(f"{args.work} exists: give a new scratch folder")
    build = args.work / "build"
    (build / "media").mkdir(parents=True)
    env = env_for(build)
    started = time.perf_counter()

    xxgk_cmd("migrate", "--noinput", "-v0", env=env)
    xxgk_cmd("demo", env=env)
    made = json.loads(step("extras", env))
    print(f"extras: {made}", file=sys.stderr)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    backup = out / f"{args.label}-backup.zip"
    backup.unlink(missing_ok=True)
    xxgk_cmd("backup", "--output", str(backup), env=env)

    db = build / "db.sqlite3"
    checkpoint(db)
    db_xz = out / f"{args.label}-demo.sqlite3.xz"
    compress(db, db_xz)
    media_tar: Path | None = out / f"{args.label}-media.tar.xz"
    if not pack_media(build / "media", media_tar):
        media_tar.unlink()
        media_tar = None

    plan = json.loads(step("paths", env))
    walk_dir = args.work / "walk"
    unpack(db_xz, media_tar, walk_dir)
    walk_env = env_for(walk_dir)
    request_file = args.work / "requests.json"
    request_file.write_text(json.dumps(plan["requests"], ensure_ascii=False), encoding="utf-8")
    runs = []
    for n in (1, 2):
        out_file = args.work / f"walk-{n}.json"
        run(
            [sys.executable, str(HERE / "walk.py"), str(request_file), "-o", str(out_file)],
            walk_env,
        )
        runs.append(json.loads(out_file.read_text(encoding="utf-8")))
    first, second = (r["results"] for r in runs)
    differ = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    if differ:
        sys.exit(f"{len(differ)} requests answered differently on a second walk: {differ[:10]}")

    requests = []
    for asked, got in zip(plan["requests"], first, strict=True):
        entry = {**asked, "status": got["status"], "location": got["location"]}
        requests.append(entry)
    pages = {
        "about": (
            "Statuses of the pages of the demo database in "
            f"{db_xz.name} at commit {commit_of(src)}, recorded by make_fixtures.py "
            "(see its docstring); checked by test_upgrade.py."
        ),
        "commit": commit_of(src),
        "made_on": dt.date.today().isoformat(),
        "database": db_xz.name,
        "media": media_tar.name if media_tar else None,
        "backup": backup.name,
        "extras": made,
        "users": plan["users"],
        "public_users": plan["public_users"],
        "routes_walked": plan["routes_walked"],
        "not_walked": plan["not_walked"],
        "walk_seconds": [r["seconds"] for r in runs],
        "requests": requests,
    }
    text = json.dumps(
        {k: v for k, v in pages.items() if k != "requests"}, ensure_ascii=False, indent=1
    )
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in requests)
    (out / f"{args.label}-pages.json").write_text(
        text[:-2] + ',\n "requests": [\n' + lines + "\n ]\n}\n", encoding="utf-8"
    )
    print(f"{len(requests)} requests recorded; made in {time.perf_counter() - started:.0f} s")
    for p in (db_xz, media_tar, backup, out / f"{args.label}-pages.json"):
        if p:
            print(f"{p.name}: {p.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["_step"]:
        import contextlib

        with contextlib.redirect_stdout(sys.stderr):  # what commands print is not the answer
            result = {"extras": extras, "paths": paths}[sys.argv[2]]()
        print(json.dumps(result, ensure_ascii=False, default=str))
        sys.exit(0)
    sys.exit(main())

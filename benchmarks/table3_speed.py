"""Speed of table 三 counted from the records: `applications.queries.table3_counts` for one
agency with 100,000 applications over three years, on SQLite and on PostgreSQL.

Run: .venv/bin/python benchmarks/table3_speed.py [--cases 100000] [--backend sqlite|postgres]
     [--explain] [--postgres postgres://postgres@127.0.0.1:5432/xxgk_bench]

Each database runs in its own child process (Django is configured once per process): SQLite in
a temporary file, PostgreSQL in the database named by --postgres, created and dropped by this
script. The applications are a BENCHMARK FIXTURE inserted with `bulk_create`, not domain code:
real cases are only ever created through `applications.services` (which also writes the event
log; table 三 reads only the application rows, so the fixture leaves the events out). The
fixture is deterministic (fixed seed) and realistic: receipt dates on working days with fewer
cases around the Spring Festival and in the summer, applicant types, channels and grounds in
the demo's proportions, answers after 1–40 working days (a few later), and the cases received
in the last weeks of the span still open. After the insert the tables are ANALYZEd, as
autovacuum would have done in production. Then `table3_counts([agency.pk], year)` runs once to
warm up and five times per year: best and median in milliseconds; target < 500 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/xxgk_bench"
TARGET_MS = 500
RUNS = 5
SEED = 42


# ------------------------------------------------------------------ the fixture


def _fixture_rows(n: int, agency, years: tuple[int, ...]):
    """n unsaved Application objects (deterministic)."""
    from django.utils import timezone

    from xxgk.applications.models import Application, Status
    from xxgk.codes import ALPHABET as TRACKING_ALPHABET
    from xxgk.demo.cases import APPLICANT_TYPES, CHANNELS, GROUND_WEIGHTS
    from xxgk.workdays import WorkCalendar

    rng = random.Random(SEED)
    cal = WorkCalendar()
    days = [
        dt.date(y, 1, 1) + dt.timedelta(i)
        for y in years
        for i in range((dt.date(y + 1, 1, 1) - dt.date(y, 1, 1)).days)
    ]

    def weight(d: dt.date) -> float:
        w = 1.0 if cal.is_workday(d) else 0.08  # online applications also come at weekends
        if d.month == 2:
            w *= 0.6  # Spring Festival
        elif d.month in (7, 8):
            w *= 0.85
        return w * (1 + 0.15 * (d.year - years[0]))  # a little more every year

    receipts = rng.choices(days, weights=[weight(d) for d in days], k=n)
    receipts.sort()
    end = days[-1] + dt.timedelta(10)  # "today" for the fixture: just after the span
    types, type_w = zip(*APPLICANT_TYPES, strict=True)
    channels, channel_w = zip(*CHANNELS, strict=True)
    grounds, ground_w = zip(*GROUND_WEIGHTS.items(), strict=True)
    codes: set[str] = set()
    tz = timezone.get_current_timezone()
    for i, received in enumerate(receipts):
        while True:
            raw = "".join(rng.choices(TRACKING_ALPHABET, k=12))
            code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
            if code not in codes:
                codes.add(code)
                break
        # working days to the answer: most within the 20 allowed, some extended, a few late
        r = rng.random()
        wd = rng.randint(1, 20) if r < 0.85 else rng.randint(21, 40) if r < 0.97 else 45
        concluded = cal.add_workdays(received, wd)
        open_ = concluded > end
        submitted = dt.datetime.combine(received, dt.time(rng.randint(8, 20), rng.randint(0, 59)))
        yield Application(
            agency=agency,
            tracking_code=code,
            applicant_type=rng.choices(types, weights=type_w)[0],
            applicant_name=f"申请人{i}",
            id_number=f"{i:018d}",
            phone="13800000000",
            channel=rng.choices(channels, weights=channel_w)[0],
            description="基准测试用申请",
            submitted_at=submitted.replace(tzinfo=tz),
            receipt_date=received,
            due_date=cal.add_workdays(received, 20),
            concluded_on=None if open_ else concluded,
            status=Status.IN_PROGRESS if open_ else Status.CONCLUDED,
            ground="" if open_ else rng.choices(grounds, weights=ground_w)[0],
        )


def _load(n: int, years: tuple[int, ...]) -> tuple[int, float]:
    from django.db import connection

    from xxgk.agencies.models import Agency
    from xxgk.applications.models import Application

    started = time.perf_counter()
    agency = Agency.objects.create(code="bench", name="基准测试局", letter_prefix="基测公开")
    batch: list = []
    for row in _fixture_rows(n, agency, years):
        batch.append(row)
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return agency.pk, time.perf_counter() - started


# ------------------------------------------------------------------ timing and plans


def _time(agency_id: int, year: int) -> list[float]:
    from xxgk.applications.queries import table3_counts

    table3_counts([agency_id], year)  # warm up (template, connection, caches)
    out = []
    for _ in range(RUNS):
        t = time.perf_counter()
        table3_counts([agency_id], year)
        out.append((time.perf_counter() - t) * 1000)
    return out


def _plans(agency_id: int, year: int) -> list[dict]:
    """The SQL of table3_counts and each statement's plan (EXPLAIN ANALYZE on PostgreSQL,
    EXPLAIN QUERY PLAN on SQLite)."""
    from django.db import connection

    from xxgk.applications.queries import table3_counts

    captured: list[tuple[str, tuple]] = []

    def grab(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(grab):
        table3_counts([agency_id], year)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    plans = []
    with connection.cursor() as cur:
        for sql, params in captured:
            cur.execute(prefix + sql, params)
            rows = cur.fetchall()
            lines = [" ".join(str(c) for c in r[-1:]) for r in rows]
            plans.append({"sql": sql, "plan": lines})
    return plans


# ------------------------------------------------------------------ one database (child)


def _child(backend: str, cases: int, postgres_url: str, explain: bool) -> dict:
    tmp = tempfile.mkdtemp(prefix="xxgk-bench-")
    if backend == "sqlite":
        url = f"sqlite:///{tmp}/bench.sqlite3"
    else:
        url = postgres_url
        _postgres_admin(url, create=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "xxgk.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["XXGK_DATA_DIR"] = tmp
    os.environ["XXGK_DB_CONN_MAX_AGE"] = "0"
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0, interactive=False)
        this = dt.date.today().year
        years = (this - 3, this - 2, this - 1)
        agency_id, load_s = _load(cases, years)
        result = {
            "backend": backend,
            "server": connection.vendor
            + " "
            + ".".join(str(x) for x in connection.Database.sqlite_version_info)
            if backend == "sqlite"
            else f"postgresql {connection.pg_version // 10000}.{connection.pg_version % 10000}",
            "cases": cases,
            "load_s": load_s,
            "years": {},
        }
        for year in years:
            ms = _time(agency_id, year)
            result["years"][year] = {"best": min(ms), "median": statistics.median(ms)}
        slow = any(y["best"] > TARGET_MS for y in result["years"].values())
        if explain or slow:
            result["plans"] = _plans(agency_id, years[1])
        connection.close()
        return result
    finally:
        if backend == "postgres":
            _postgres_admin(url, create=False)
        shutil.rmtree(tmp, ignore_errors=True)


def _postgres_admin(url: str, *, create: bool) -> None:
    """Create (fresh) or drop the benchmark database, connected to the server's `postgres`."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# ------------------------------------------------------------------ driver


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--postgres", default=DEFAULT_POSTGRES, help="URL of a database to create")
    ap.add_argument("--explain", action="store_true", help="print the query plans")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        print(json.dumps(_child(args.backend, args.cases, args.postgres, args.explain)))
        return 0

    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    print(
        f"table3_counts, one agency, {args.cases:,} applications over 3 years "
        f"(best / median of {RUNS}, target < {TARGET_MS} ms)"
    )
    worst = 0.0
    for backend in backends:
        cmd = [sys.executable, __file__, "--child", "--backend", backend]
        cmd += ["--cases", str(args.cases), "--postgres", args.postgres]
        cmd += ["--explain"] if args.explain else []
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            print(f"{backend}: failed\n{done.stderr[-3000:]}", file=sys.stderr)
            return 1
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"\n{r['server']}: fixture loaded in {r['load_s']:.1f} s")
        for year, t in r["years"].items():
            worst = max(worst, t["best"])
            print(f"  {year}: best {t['best']:7.1f} ms   median {t['median']:7.1f} ms")
        for p in r.get("plans", []):
            print(f"\n  {p['sql']}")
            for line in p["plan"]:
                print(f"    {line}")
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"\nslowest best time {worst:.1f} ms: {verdict} the {TARGET_MS} ms target")
    return 0 if worst < TARGET_MS else 2


if __name__ == "__main__":
    sys.exit(main())

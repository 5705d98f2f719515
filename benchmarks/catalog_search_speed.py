"""Speed of the portal's search over a large catalog on PostgreSQL (target: p95 < 100 ms).

Run: .venv/bin/python benchmarks/catalog_search_speed.py [--items 1000000] [--keep] [--reuse]
     [--searches 200] [--explain] [--postgres postgres://postgres@127.0.0.1:5432/xxgk_bench_catalog]

The database named by --postgres is created, migrated and filled by
`xxgk synthetic_catalog --items N` (benchmark data: bulk inserts, see that command), then
ANALYZEd, and dropped at the end unless --keep (--reuse runs on a kept database as it is).

Each search does what `portal.searching.search_view` evaluates for a query without
filters: `search.Matches` (the count, up to SEARCH_COUNT_CAP, by the plan the terms'
frequencies choose) and its first page of 20 newest first, then the highlighted hits. That is
the "query" time. The "view" time is the whole view through Django's RequestFactory (it also
reads the years for the filter, the agencies, columns and topics, and renders the template);
the target is checked on the view. The queries mix common and rare, one- and two-word
searches; each is searched once (a cold-ish cache for the rare ones, as on a real portal); a
statement running longer than --timeout seconds is cancelled and counted at that time. With
--explain, or when the p95 misses the target, the plans of the slowest searches are printed
(EXPLAIN ANALYZE, BUFFERS).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/xxgk_bench_catalog"
TARGET_MS = 100
SEED = 1

COMMON = ("工作", "管理", "服务", "建设", "发展", "监督", "安全", "检查", "群众", "政策")
COMMON_PAIRS = ("工作 管理", "安全 检查", "政策 宣传", "群众 满意", "服务 建设", "行政 复议")
SUBJECTS = (
    "排污许可", "物业管理", "法律援助", "河湖长制", "殡葬管理", "特种设备", "耕地保护",
    "文物保护", "消防安全", "不动产登记", "老旧小区改造", "社会信用体系",
)  # fmt: skip


def queries(n: int, seed: int = SEED) -> list[tuple[str, str]]:
    """(kind, query): common and rare words, one and two words, in a fixed mix."""
    from xxgk.demo.synthetic import rare_names

    rng = random.Random(seed)
    rare = rare_names(SEED)[:5000]
    kinds = (
        ("common word", 0.20, lambda: rng.choice(COMMON)),
        ("two common words", 0.15, lambda: rng.choice(COMMON_PAIRS)),
        ("subject word", 0.20, lambda: rng.choice(SUBJECTS)),
        ("subject + common", 0.10, lambda: f"{rng.choice(SUBJECTS)} {rng.choice(COMMON)}"),
        ("rare name", 0.20, lambda: rng.choice(rare)),
        ("rare + common", 0.10, lambda: f"{rng.choice(rare)} {rng.choice(COMMON)}"),
        ("two rare names", 0.05, lambda: f"{rng.choice(rare)} {rng.choice(rare)}"),
    )
    out = []
    for name, share, make in kinds:
        out += [(name, make()) for _ in range(round(n * share))]
    rng.shuffle(out)
    return out[:n]


# ------------------------------------------------------------------ database


def postgres_admin(url: str, *, create: bool) -> None:
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


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "xxgk.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"  # as in production (DEBUG also keeps every query in memory)
    os.environ.setdefault("XXGK_DATA_DIR", str(ROOT / "var" / "bench"))
    import django

    django.setup()


def fill(items: int) -> float:
    """Migrate and fill the (empty) database; returns the seconds it took."""
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("synthetic_catalog", items=items, seed=SEED)
    with connection.cursor() as cur:
        cur.execute("SET statement_timeout = 0")  # minutes on a million rows
        cur.execute("VACUUM ANALYZE catalog_item")  # as autovacuum would have done
        cur.execute("RESET statement_timeout")
    return time.perf_counter() - started


# ------------------------------------------------------------------ timing


def run_query(q: str) -> int:
    """What search_view evaluates for q: the count and the first page, then the hits."""
    from django.core.paginator import Paginator

    from xxgk.catalog import search
    from xxgk.catalog.models import Item
    from xxgk.portal import searching

    matches = search.Matches(Item.objects.public(), q, searching.SEARCH_COUNT_CAP)
    page = Paginator(matches, searching.SEARCH_PAGE_SIZE).get_page(1)
    [searching._hit(i, q) for i in page]
    return page.paginator.count


def run_view(q: str) -> int:
    from django.test import RequestFactory

    from xxgk.portal import searching

    response = searching.search_view(RequestFactory().get("/search/", {"q": q}))
    return len(response.content)


def timed(fn, q: str) -> tuple[float, int | None]:
    """Milliseconds and result of fn(q); None when statement_timeout cancelled it."""
    from django.db import OperationalError

    t = time.perf_counter()
    try:
        result = fn(q)
    except OperationalError as e:
        if "statement timeout" not in str(e):
            raise
        result = None
    return (time.perf_counter() - t) * 1000, result


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def explain(q: str, fn=run_query) -> list[tuple[str, list[str]]]:
    """EXPLAIN (ANALYZE, BUFFERS) of every statement fn (run_query) sends for q."""
    from django.db import connection

    captured: list[tuple[str, tuple]] = []

    def grab(execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(("SET ", "RESET ")):  # planner settings
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(grab):
        try:
            fn(q)
        except Exception:  # cancelled: the statements sent so far, and the one cancelled
            pass
    from django.db import OperationalError

    out = []
    for sql, params in captured:
        with connection.cursor() as cur:
            try:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                out.append((sql, [r[0] for r in cur.fetchall()]))
            except OperationalError:  # too slow to run: the plan without timings
                cur.execute("EXPLAIN " + sql, params)
                out.append((sql + "  [EXPLAIN only: cancelled]", [r[0] for r in cur.fetchall()]))
    return out


def report(rows: list[tuple[str, str, int, float, float]], only: str = "") -> tuple[float, float]:
    def line(label: str, ms: list[float]) -> str:
        return (
            f"  {label:18} n={len(ms):3}  p50 {statistics.median(ms):7.1f}  "
            f"p95 {percentile(ms, 95):7.1f}  max {max(ms):7.1f} ms"
        )

    for column, index in (("query (count + page + hits)", 3), ("whole view (render)", 4)):
        if only and column != only:
            continue
        print(f"\n{column}:")
        print(line("all", [r[index] for r in rows]))
        for kind in dict.fromkeys(r[0] for r in rows):
            print(line(kind, [r[index] for r in rows if r[0] == kind]))
    q = [r[3] for r in rows]
    return percentile(q, 95), percentile([r[4] for r in rows], 95)


def print_plans(rows, fn) -> None:
    """The plans of the slowest search of each of the three slowest kinds."""
    shown: list = []
    for r in sorted(rows, key=lambda r: -r[3]):
        if r[0] not in {s[0] for s in shown} and len(shown) < 3:
            shown.append(r)
    for kind, q, count, ms, _ in shown:
        matches = f"{count:,} matches" if count >= 0 else "cancelled"
        print(f"\n=== {fn.__name__}: {kind} {q!r}: {matches}, {ms:.0f} ms")
        for sql, plan in explain(q, fn):
            print(f"\n  {sql[:300]}")
            for line in plan:
                print(f"    {line}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--searches", type=int, default=200)
    ap.add_argument("--postgres", default=DEFAULT_POSTGRES, help="URL of a database to create")
    ap.add_argument("--keep", action="store_true", help="keep the database (for --reuse, HTTP)")
    ap.add_argument("--reuse", action="store_true", help="use the kept database as it is")
    ap.add_argument("--explain", action="store_true", help="print the plans of the slowest")
    ap.add_argument(
        "--timeout", type=float, default=10, help="seconds after which a query is cancelled"
    )
    args = ap.parse_args()

    if not args.reuse:
        postgres_admin(args.postgres, create=True)
    setup_django(args.postgres)
    from django.db import connection

    from xxgk.catalog.models import Item
    from xxgk.portal import searching

    try:
        if not args.reuse:
            load_s = fill(args.items)
            print(
                f"\nsynthetic catalog: {args.items:,} items loaded and analysed in {load_s:.0f} s"
            )
        n_items = Item.objects.count()
        with connection.cursor() as cur:
            cur.execute("SELECT version()")
            server = cur.fetchone()[0].split(" on ")[0]
            cur.execute("SELECT pg_size_pretty(pg_total_relation_size('catalog_item'))")
            size = cur.fetchone()[0]
            cur.execute("SHOW work_mem")
            work_mem = cur.fetchone()[0]
        print(f"{server}, work_mem {work_mem}; catalog_item: {n_items:,} rows, {size}")
        if not args.searches:
            return 0
        with connection.cursor() as cur:  # a search that runs away is cut (and counted so)
            cur.execute("SET statement_timeout = %s", [int(args.timeout * 1000)])
        run_query("柳杉村")  # warm up: connection, jieba, templates
        run_view("柳杉村")
        rows = []
        for kind, q in queries(args.searches):
            t_query, count = timed(run_query, q)
            t_view = timed(run_view, q)[0] if count is not None else t_query
            rows.append((kind, q, -1 if count is None else count, t_query, t_view))
            if count is None:
                print(f"  {q!r}: cancelled after {args.timeout:.0f} s")
        print(f"\n{len(rows)} searches (matches per kind, median):")
        for kind in dict.fromkeys(r[0] for r in rows):
            counts = [r[2] for r in rows if r[0] == kind]
            examples = ", ".join(dict.fromkeys(r[1] for r in rows if r[0] == kind))
            done = [c for c in counts if c >= 0]
            median = f"{statistics.median(done):>9,.0f}" if done else f"{'—':>9}"
            print(f"  {kind:18} {median}   e.g. {examples[:60]}")
        p95_query, p95_view = report(rows)
        years_ms = timed(lambda q: len(searching.public_years()), "")[0]
        print(f"\nyears of the filter (public_years): {years_ms:.1f} ms")
        verdict = "within" if p95_view < TARGET_MS else "OVER"
        print(
            f"\nsearch p95: {p95_view:.1f} ms for the whole view ({p95_query:.1f} ms the query): "
            f"{verdict} the {TARGET_MS} ms target"
        )
        if args.explain or p95_view >= TARGET_MS:
            print_plans(rows, run_query)
        return 0 if p95_view < TARGET_MS else 2
    finally:
        connection.close()
        if not args.keep:
            postgres_admin(args.postgres, create=False)


if __name__ == "__main__":
    sys.exit(main())

"""Requests per second of the portal's column list and item pages over a large catalog, served
by gunicorn in production settings on PostgreSQL (target: >= 300 req/s on this machine).

Run: .venv/bin/python benchmarks/catalog_http_speed.py [--seconds 20] [--connections 16]
     [--workers 4] [--postgres postgres://postgres@127.0.0.1:5432/xxgk_bench_catalog]
     [--items 1000000] [--keep]

The database is the one `catalog_search_speed.py --keep` leaves; when it does not exist it is
created and filled with `xxgk synthetic_catalog --items N` first (and dropped at the end
unless --keep). Static files are collected into a temporary directory, then
`gunicorn xxgk.wsgi -w 4 -b 127.0.0.1:8123` runs with XXGK_ENV=production (DEBUG off,
hashed static files), plain HTTP on loopback (XXGK_SSL_REDIRECT=false), ALLOWED_HOSTS=127.0.0.1
a throw-away SECRET_KEY, and the Redis cache of --redis (emptied first) as a cluster's app
servers share it. The load comes from wrk (`apt-get install wrk`), or from a small
Python load generator when wrk is missing: a few seconds of warm-up, then --seconds per page
kind, cycling over 20 column lists (first page) or 200 item pages of the busiest agencies —
the pages readers ask for most, which the portal's page cache (portal.pagecache) serves after
the first request; the target is checked on these two runs. A third run reads --spread item
pages scattered over the whole catalog, about once each: pages the cache does not hold, so
each is rendered (the database, the counts cache and the templates), for the figure a cold
page costs.
Every answer must be 200. gunicorn is stopped at the end, whatever happens. The load
generator shares the machine's cores with gunicorn and PostgreSQL.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalog_search_speed import DEFAULT_POSTGRES, postgres_admin  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HOST, PORT = "127.0.0.1", 8123
TARGET_RPS = 300


# ------------------------------------------------------------------ the database


def database_exists(url: str) -> bool:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not row:
        return False
    with psycopg.connect(url) as conn:
        exists = conn.execute("SELECT to_regclass('catalog_item') IS NOT NULL").fetchone()[0]
        return bool(
            exists and conn.execute("SELECT EXISTS (SELECT 1 FROM catalog_item)").fetchone()[0]
        )


def create_database(url: str, items: int) -> None:
    postgres_admin(url, create=True)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0"}
    subprocess.run([ROOT / ".venv/bin/xxgk", "migrate", "--noinput"], env=env, check=True)
    subprocess.run(
        [ROOT / ".venv/bin/xxgk", "synthetic_catalog", "--items", str(items)], env=env, check=True
    )
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE catalog_item")


def pick_paths(url: str, spread: int = 0) -> tuple[list[str], list[str], list[str]]:
    """20 column lists and 200 item pages, from the agencies with the most items; and
    `spread` item pages picked at random from all the public items."""
    import psycopg

    with psycopg.connect(url) as conn:
        columns = conn.execute(
            """SELECT a.code, c.slug FROM catalog_column c JOIN catalog_agency a ON a.id = c.agency_id
               WHERE EXISTS (SELECT 1 FROM catalog_item i WHERE i.column_id = c.id)
               ORDER BY (SELECT count(*) FROM catalog_item i WHERE i.column_id = c.id) DESC
               LIMIT 20"""
        ).fetchall()
        items = conn.execute(
            """SELECT a.code, i.id FROM catalog_item i JOIN catalog_agency a ON a.id = i.agency_id
               WHERE i.status = 'published' AND i.mode = 'proactive'
               ORDER BY i.id DESC LIMIT 200"""
        ).fetchall()
        scattered = conn.execute(
            """SELECT a.code, i.id FROM catalog_item i TABLESAMPLE SYSTEM (5) REPEATABLE (1)
               JOIN catalog_agency a ON a.id = i.agency_id
               WHERE i.status = 'published' AND i.mode = 'proactive' LIMIT %s""",
            [spread],
        ).fetchall()
    return (
        [f"/gk/{a}/{c}/" for a, c in columns],
        [f"/gk/{a}/items/{pk}/" for a, pk in items],
        [f"/gk/{a}/items/{pk}/" for a, pk in scattered],
    )


# ------------------------------------------------------------------ gunicorn


def server_env(url: str, static_root: str, redis_url: str = "") -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XXGK_", "DJANGO_")) and k not in ("DEBUG", "REDIS_URL")
    }
    env.update(
        XXGK_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=url,
        XXGK_SSL_REDIRECT="false",  # plain HTTP on loopback: no redirect to HTTPS
        XXGK_STATIC_ROOT=static_root,
        XXGK_DATA_DIR=static_root,
        XXGK_LOG_LEVEL="WARNING",
    )
    if redis_url:  # the cache the app servers of a cluster share (docs/deploy.md)
        import redis

        redis.Redis.from_url(redis_url).flushdb()  # no counts left from an earlier database
        env["REDIS_URL"] = redis_url
    return env


def start_gunicorn(env: dict[str, str], workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [ROOT / ".venv/bin/gunicorn", "xxgk.wsgi", "-w", str(workers), "-b", f"{HOST}:{PORT}"],
        env=env,
        cwd=ROOT,
        start_new_session=True,  # its own process group: stopped with its workers
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {proc.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def stop_gunicorn(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def check_pages(paths: list[str]) -> None:
    for path in paths:
        with urllib.request.urlopen(f"http://{HOST}:{PORT}{path}", timeout=30) as r:
            if r.status != 200:
                raise RuntimeError(f"{path}: HTTP {r.status}")


# ------------------------------------------------------------------ load


def run_wrk(paths: list[str], seconds: float, connections: int) -> dict:
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    quoted = ", ".join(f'"{p}"' for p in paths)
    script.write(
        f"paths = {{{quoted}}}\n"
        "i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1])\n'
        "end\n"
    )
    script.close()
    try:
        done = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "--timeout", "10s",
             "-s", script.name, f"http://{HOST}:{PORT}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    finally:
        os.unlink(script.name)
    out = done.stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "bad": int(non_2xx.group(1)) if non_2xx else 0,
        "errors": errors.group(1) if errors else "",
    }
    for p, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        result[f"p{p}"] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return result


def run_python(paths: list[str], seconds: float, connections: int) -> dict:
    """A bounded load generator: `connections` threads with keep-alive, for `seconds`."""
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection(HOST, PORT, timeout=10)
        mine, i = [], offset
        while time.monotonic() < stop_at:
            t = time.perf_counter()
            conn.request("GET", paths[i % len(paths)])
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - t) * 1000)
            if response.status != 200:
                with lock:
                    bad[0] += 1
            i += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k * 7,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "requests": len(latencies),
        "bad": bad[0],
        "errors": "",
        "p50": q[49],
        "p75": q[74],
        "p90": q[89],
        "p99": q[98],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--postgres", default=DEFAULT_POSTGRES)
    ap.add_argument("--items", type=int, default=1_000_000, help="only when the database is new")
    ap.add_argument("--keep", action="store_true", help="keep a database this script created")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--python-load", action="store_true", help="do not use wrk")
    ap.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/9",
        help="the shared cache (a database number of its own: it is emptied); '' for none",
    )
    ap.add_argument(
        "--spread",
        type=int,
        default=20_000,
        help="distinct item pages of the last run, read once or so each: pages the cache "
        "does not hold, rendered every time",
    )
    args = ap.parse_args()

    created = False
    if not database_exists(args.postgres):
        print(f"creating the benchmark database with {args.items:,} synthetic items …")
        create_database(args.postgres, args.items)
        created = True
    load = run_python if args.python_load or not shutil.which("wrk") else run_wrk
    static_root = tempfile.mkdtemp(prefix="xxgk-http-bench-")
    proc = None
    worst = float("inf")
    try:
        env = server_env(args.postgres, static_root, args.redis)
        subprocess.run(
            [ROOT / ".venv/bin/xxgk", "collectstatic", "--noinput", "-v0"], env=env, check=True
        )
        columns, items, scattered = pick_paths(args.postgres, args.spread)
        proc = start_gunicorn(env, args.workers)
        check_pages(columns[:3] + items[:3])
        tool = "wrk" if load is run_wrk else "python threads"
        print(
            f"gunicorn -w {args.workers} on {HOST}:{PORT} (XXGK_ENV=production); load: {tool}, "
            f"{args.connections} connections, {args.seconds:.0f} s per page kind, "
            f"{os.cpu_count()} cores shared"
        )
        runs = (
            ("column list", columns, True),
            ("item page", items, True),
            (f"item page, {len(scattered):,} distinct (rendered, not cached)", scattered, False),
        )
        for name, paths, counted in runs:
            if counted:
                load(paths, 3, args.connections)  # warm-up: workers, connections, templates
            r = load(paths, args.seconds, args.connections)
            if counted:
                worst = min(worst, r["rps"])
            print(
                f"  {name}: {r['rps']:.1f} req/s  ({r['requests']:,} requests; latency "
                f"p50 {r.get('p50', 0):.1f}  p75 {r.get('p75', 0):.1f}  p90 {r.get('p90', 0):.1f}  "
                f"p99 {r.get('p99', 0):.1f} ms)"
                + (f"  NON-200: {r['bad']}" if r["bad"] else "")
                + (f"  socket errors: {r['errors']}" if r["errors"] else "")
            )
            if r["bad"]:
                worst = 0
    finally:
        if proc is not None:
            stop_gunicorn(proc)
        shutil.rmtree(static_root, ignore_errors=True)
        if created and not args.keep:
            postgres_admin(args.postgres, create=False)
    verdict = "within" if worst >= TARGET_RPS else "BELOW"
    print(f"lowest {worst:.0f} req/s: {verdict} the {TARGET_RPS} req/s target")
    return 0 if worst >= TARGET_RPS else 2


if __name__ == "__main__":
    sys.exit(main())

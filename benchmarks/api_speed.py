"""Latency of the catalog list endpoint of the API (/api/v1/items) over a large catalog on
PostgreSQL (target: p95 < 100 ms at 1,000,000 items).

Run: .venv/bin/python benchmarks/api_speed.py [--items 1000000] [--requests 600] [--reuse]
     [--keep] [--postgres postgres://postgres@127.0.0.1:5432/xxgk_bench_catalog]

The database is `catalog_search_speed.py`'s (the synthetic catalog of `xxgk synthetic_catalog`):
created and filled unless --reuse (then used as `catalog_search_speed.py --keep` left it), and
dropped at the end unless --keep. Each request goes through the whole Django stack in this
process (Django's test client: middleware, the rate limit on a local cache, the ETag of the
body), one at a time, in production settings (DEBUG off). The mix is what an API reader asks:
the first page, pages anywhere in the catalog (a cursor taken from a random item), each filter
(agency, column, topic, genre, validity, year) alone and two together, and 200-item pages; a
text query (the portal's search) is timed apart. Every answer must be 200.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalog_search_speed import (  # noqa: E402
    DEFAULT_POSTGRES,
    fill,
    postgres_admin,
    setup_django,
)

TARGET_MS = 100
SEED = 20261203


def requests(n: int) -> list[tuple[str, str]]:
    """(kind, url) in a random order."""
    from xxgk.agencies.models import Agency
    from xxgk.api.queries import encode_cursor
    from xxgk.catalog.models import Column, Item, Topic

    rng = random.Random(SEED)
    agencies = list(Agency.objects.values_list("code", flat=True))
    columns = list(Column.objects.values_list("pk", flat=True))
    topics = list(Topic.objects.values_list("pk", flat=True))
    public = Item.objects.public()
    top = public.order_by("-pk").values_list("pk", flat=True).first() or 1
    anchors = list(
        public.filter(pk__in=[rng.randint(1, top) for _ in range(n)]).values_list(
            "published_on", "pk"
        )
    )
    years = [2019, 2020, 2021, 2022, 2023, 2024, 2025]

    def cursor() -> str:
        on, pk = rng.choice(anchors)
        return f"cursor={encode_cursor(on, pk)}"

    kinds = [
        ("first page", lambda: ""),
        ("page anywhere", cursor),
        ("agency", lambda: f"agency={rng.choice(agencies)}"),
        ("agency, deep", lambda: f"agency={rng.choice(agencies)}&{cursor()}"),
        ("column", lambda: f"column={rng.choice(columns)}"),
        ("topic", lambda: f"topic={rng.choice(topics)}"),
        ("genre", lambda: f"genre={rng.choice(['normative', 'document', 'news', 'rule'])}"),
        ("validity", lambda: f"validity={rng.choice(['valid', 'repealed'])}"),
        ("year", lambda: f"year={rng.choice(years)}"),
        ("agency + year", lambda: f"agency={rng.choice(agencies)}&year={rng.choice(years)}"),
        ("200 a page", lambda: f"limit=200&{cursor()}"),
    ]
    out = [(name, "/api/v1/items?" + make()) for _ in range(n // len(kinds) + 1)
           for name, make in kinds]  # fmt: skip
    rng.shuffle(out)
    return out[:n]


def timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    took = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.content[:200]!r}")
    return took


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=600)
    ap.add_argument("--postgres", default=DEFAULT_POSTGRES)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--reuse", action="store_true")
    args = ap.parse_args()
    if not args.reuse:
        postgres_admin(args.postgres, create=True)
    setup_django(args.postgres)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from xxgk.catalog.models import Item

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from xxgk.api import main as api_main

    api_main.API_LIMIT = api_main.Limit("api", 10**9, 60)  # one client: no rate limit here
    try:
        if not args.reuse:
            print(f"synthetic catalog: {args.items:,} items in {fill(args.items):.0f} s")
        print(
            f"catalog_item: {Item.objects.count():,} rows, {Item.objects.public().count():,} public"
        )
        client = Client()
        mix = requests(args.requests)
        for _, url in mix[:20]:  # warm-up: connection, plans, templates
            timed(client, url)
        rows = [(kind, timed(client, url)) for kind, url in mix]
        searches = [timed(client, f"/api/v1/items?q={q}") for q in
                    ["公开", "通知", "环境 监测", "规划", "预算", "安全生产", "招标", "养老"] * 5]  # fmt: skip
        print(f"\n{len(rows)} list requests (ms):   median     p95     max")
        for kind in dict.fromkeys(k for k, _ in rows):
            ms = [t for k, t in rows if k == kind]
            print(f"  {kind:18} {statistics.median(ms):8.1f} {p95(ms):7.1f} {max(ms):7.1f}")
        overall = [t for _, t in rows]
        print(f"  {'text query (q)':18} {statistics.median(searches):8.1f} {p95(searches):7.1f} "
              f"{max(searches):7.1f}")  # fmt: skip
        verdict = "within" if p95(overall) < TARGET_MS else "OVER"
        print(
            f"\n/api/v1/items p95: {p95(overall):.1f} ms over {len(rows)} requests "
            f"(median {statistics.median(overall):.1f}): {verdict} the {TARGET_MS} ms target"
        )
        return 0 if p95(overall) < TARGET_MS else 2
    finally:
        connection.close()
        if not args.keep:
            postgres_admin(args.postgres, create=False)


if __name__ == "__main__":
    sys.exit(main())

"""`xxgk synthetic_catalog --items 1000000 [--agencies 20] [--seed 1]`: a large synthetic
catalog for BENCHMARKS (search and page speed), not domain data.

The items, made by `xxgk.demo.synthetic`, are inserted with `bulk_create` in batches,
bypassing `catalog.services`: they have no versions, reviews or events, and no author. Never
run it on a real site (refused when XXGK_ENV=production) — run it on an empty benchmark
database.

The texts of a batch are made in a thread while the database writes the previous one; the
first items' `search_text` is checked against a direct `search.index_text` call. On SQLite the
FTS5 rows are inserted too (see `search.index_item`).
"""

from __future__ import annotations

import contextlib
import importlib
import queue
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from xxgk.catalog import search
from xxgk.catalog.models import IndexSeries, Item
from xxgk.demo import synthetic
from xxgk.holidays.calendar import work_calendar

CHECKED = 200  # items whose search_text is compared with a direct index_text call


@contextlib.contextmanager
def without_search_index():
    """On PostgreSQL, the GIN index of migration 0005 is dropped during the load and built
    again at the end (with more memory for the build): maintaining it row by row would make
    the load several times slower."""
    if not search.is_postgres():
        yield
        return
    migration = importlib.import_module("xxgk.catalog.migrations.0005_search_vector")
    with connection.cursor() as cur:
        cur.execute("DROP INDEX IF EXISTS catalog_item_search_vector")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            if (
                connection.in_atomic_block
            ):  # e.g. a test: deferred FK checks must fire before CREATE INDEX
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET maintenance_work_mem = '512MB'")
            # a million rows' GIN index takes minutes: past the app's statement timeout
            # (XXGK_DB_STATEMENT_TIMEOUT_MS), which is for requests, not for a bulk load
            cur.execute("SET statement_timeout = 0")
        with connection.schema_editor() as editor:
            migration.create_search_index(editor)
        with connection.cursor() as cur:
            cur.execute("RESET maintenance_work_mem")
            cur.execute("RESET statement_timeout")


class Command(BaseCommand):
    help = (
        "Fill the database with a large synthetic catalog for benchmarks (bulk inserts that "
        "bypass the services: benchmark data, not domain data). Use an empty benchmark database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=1_000_000)
        parser.add_argument("--agencies", type=int, default=20, help="1 government + departments")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000, help="rows per bulk_create")

    def handle(self, *args, **opts):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        if settings.PRODUCTION:
            raise CommandError("synthetic_catalog refuses to run with XXGK_ENV=production")
        n, batch_size = opts["items"], opts["batch"]
        if not 2 <= opts["agencies"] <= len(synthetic.DEPARTMENTS) + 1:
            raise CommandError(f"--agencies: between 2 and {len(synthetic.DEPARTMENTS) + 1}")
        started = time.perf_counter()
        with transaction.atomic():
            if Item.objects.filter(agency__code__startswith=synthetic.CODE_PREFIX).exists():
                raise CommandError(
                    "this database already holds a synthetic catalog: "
                    "use a fresh benchmark database"
                )
            places = synthetic.places(opts["agencies"])
        gen = synthetic.Generator(opts["seed"], places, timezone.localdate(), work_calendar())
        batches: queue.Queue = queue.Queue(maxsize=3)
        sizes = [min(batch_size, n - i) for i in range(0, n, batch_size)]
        stop = threading.Event()

        def produce() -> None:  # texts are made while the database writes the previous batch
            for size in sizes:
                if stop.is_set():
                    return
                batches.put([gen.item() for _ in range(size)])

        producer = threading.Thread(target=produce, daemon=True)
        producer.start()
        done = 0
        progress = Progress(
            TextColumn("[bold]synthetic items"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        with without_search_index(), progress:
            task = progress.add_task("items", total=n)
            try:
                for _ in sizes:
                    rows = batches.get()
                    if done == 0:
                        self._check(rows[:CHECKED])
                    self._insert(rows)
                    reset_queries()  # with DEBUG on, Django keeps every statement sent
                    done += len(rows)
                    progress.update(task, completed=done)
            finally:
                stop.set()
                while producer.is_alive():  # unblock a producer waiting on a full queue
                    with contextlib.suppress(queue.Empty):
                        batches.get(timeout=0.1)
            if search.is_postgres():
                progress.console.print("building the search index (GIN) …")
        with transaction.atomic():
            for (agency_id, year), last in gen.serials.items():
                IndexSeries.objects.update_or_create(
                    agency_id=agency_id, year=year, defaults={"last_serial": last}
                )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{n:,} synthetic items in {len(places)} agencies in {elapsed:.0f} s "
            f"({n / elapsed:,.0f} items/s; {len(gen.index_text.cache):,} distinct CJK runs segmented)"
        )

    @staticmethod
    @transaction.atomic
    def _insert(rows: list[Item]) -> None:
        created = Item.objects.bulk_create(rows)
        if not search.is_postgres():  # the FTS5 rows search.index_item writes
            with connection.cursor() as cur:
                cur.executemany(
                    "INSERT INTO catalog_item_fts(rowid, search_text) VALUES (%s, %s)",
                    [(i.pk, i.search_text) for i in created],
                )

    def _check(self, rows: list[Item]) -> None:
        """The cached search_text is exactly what search.index_text gives."""
        for row in rows:
            direct = search.index_text(row.title, row.body, f"{row.document_number} {row.summary}")
            if row.search_text != direct:
                raise CommandError(f"search_text differs from search.index_text for {row.title!r}")

"""Documents per second for the report parser, per format, on one core, with peak memory.

Run: .venv/bin/python benchmarks/parse_speed.py [--seconds 5]

Each format runs in its own child process (so its peak RSS is its own): the fixture document is
parsed repeatedly (read → locate → extract → sections → checks) for about `--seconds` seconds.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "reports"
CASES = {
    "text (flattened web page)": FIXTURES / "fushun-justice-2020.txt",
    "text (Markdown from PDF)": FIXTURES / "kewei-2024.md",
    "html": FIXTURES / "city-2025-t3.html",
    "pdf (6 pages)": FIXTURES / "huaian-2024.pdf",
}


def _run(path: str, seconds: float, queue: mp.Queue) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from xxgk.annual.checks import run_checks
    from xxgk.annual.parse import clear_caches, parse_bytes

    data = Path(path).read_bytes()
    parse_bytes(data, name=path)  # warm imports
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        clear_caches()  # every iteration is a cold document, as in a real batch
        run_checks(parse_bytes(data, name=path).report)
        n += 1
    elapsed = time.perf_counter() - start
    queue.put((n / elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args()
    print(f"{'format':28} {'docs/s':>10} {'peak RSS MB':>12}")
    ctx = mp.get_context("spawn")
    for name, path in CASES.items():
        q: mp.Queue = ctx.Queue()
        p = ctx.Process(target=_run, args=(str(path), args.seconds, q))
        p.start()
        rate, rss = q.get()
        p.join()
        print(f"{name:28} {rate:10.1f} {rss:12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

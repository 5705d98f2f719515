"""Documents per second for the report parser, per format, on one core, with peak memory.

Run: .venv/bin/python benchmarks/parse_speed.py [--seconds 5]

Each format runs in its own child process (so its peak RSS is its own): the fixture document is
parsed repeatedly (read → locate → extract → sections → checks) for about `--seconds` seconds.
"cold" clears the label caches before every document; "check" is what `report check` does in
a batch (warm caches, no provenance, the narrative checks too). The glued case is the Fushun
report flattened as a crawler does (cells run together, tests/annual/glue.py). Last, the
wall time of `xxgk report parse` (start-up included), best of five.
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
    "text (glued cells, crawled)": None,
}


def _glued() -> bytes:
    import random

    sys.path.insert(0, str(ROOT / "tests" / "annual"))
    from glue import glue

    from xxgk.annual.jsonio import loads
    from xxgk.annual.render import render

    report = loads((FIXTURES / "fushun-justice-2020.expected.json").read_bytes())
    return glue(render(report, "html"), random.Random(0)).encode("utf-8")


def _run(path: str, seconds: float, queue: mp.Queue) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from xxgk.annual.checks import run_checks
    from xxgk.annual.narrative import narrative_findings
    from xxgk.annual.parse import clear_caches, parse_bytes

    data = Path(path).read_bytes() if path else _glued()
    name = path or "crawl.txt"
    parse_bytes(data, name=name)  # warm imports
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds / 2:
        clear_caches()  # a cold document
        run_checks(parse_bytes(data, name=name).report)
        n += 1
    cold = n / (time.perf_counter() - start)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds / 2:
        report = parse_bytes(data, name=name, provenance=False).report
        run_checks(report)
        narrative_findings(report)
        n += 1
    check = n / (time.perf_counter() - start)
    queue.put((cold, check, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument(
        "--batch",
        type=int,
        default=0,
        help="also check a folder of this many text reports with --jobs 2 (e.g. 10000)",
    )
    args = ap.parse_args()
    print(f"{'format':30} {'cold docs/s':>12} {'check docs/s':>13} {'peak RSS MB':>12}")
    ctx = mp.get_context("spawn")
    for name, path in CASES.items():
        q: mp.Queue = ctx.Queue()
        p = ctx.Process(target=_run, args=(str(path) if path else "", args.seconds, q))
        p.start()
        cold, check, rss = q.get()
        p.join()
        print(f"{name:30} {cold:12.1f} {check:13.1f} {rss:12.1f}")
    import subprocess

    xxgk = Path(sys.executable).with_name("xxgk")
    best = min(
        _wall(
            [
                str(xxgk),
                "report",
                "parse",
                str(CASES["text (flattened web page)"]),
                "-o",
                os.devnull,
            ],
            subprocess,
        )
        for _ in range(5)
    )
    print(f"xxgk report parse (start-up included): {best * 1000:.0f} ms")
    if args.batch:
        _batch(args.batch, xxgk, subprocess)
    return 0


def _batch(n: int, xxgk: Path, subprocess) -> None:
    """`xxgk report check DIR --jobs 2 --csv` over n text reports (copies of the fixtures)."""
    import shutil
    import tempfile

    sources = [CASES["text (flattened web page)"], CASES["text (Markdown from PDF)"]]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(n):
            src = sources[i % len(sources)]
            shutil.copyfile(src, folder / f"{i:05d}{src.suffix}")
        start = time.perf_counter()
        subprocess.run(
            [str(xxgk), "report", "check", str(folder), "--jobs", "2", "--csv",
             str(Path(tmp) / "summary.csv")],
            capture_output=True,
        )  # fmt: skip
        took = time.perf_counter() - start
    print(f"report check of {n} text reports, --jobs 2: {n / took:.0f} docs/s ({took:.1f} s)")


def _wall(cmd: list[str], subprocess) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())

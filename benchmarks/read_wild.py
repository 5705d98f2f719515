"""The figures of the closing note for reports "in the wild": glued page text and a scan.

Run: .venv/bin/python benchmarks/read_wild.py [--no-ocr]

Glued: each visible fixture rendered to HTML and flattened as a crawler does (tests/annual/
glue.py) three ways — no separator at all; a crawler's header and some spaces; many spaces —
then read: cells filled, filled wrongly (must be 0), left unread. Scan: the Huai'an PDF
rasterised at 200 dpi (no text layer) and read by OCR: the same counts per table, and the time.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "reports"
sys.path.insert(0, str(ROOT / "tests" / "annual"))

from glue import glue  # noqa: E402

from xxgk.annual.jsonio import loads  # noqa: E402
from xxgk.annual.parse import parse_bytes  # noqa: E402
from xxgk.annual.render import render  # noqa: E402

NAMES = ["fushun-justice-2020", "huaian-2024", "kewei-2024", "city-2025-t3"]
STYLES = [
    ("no separator", 0.0, False),
    ("header, some spaces", 0.1, True),
    ("many spaces", 0.3, False),
]


def counts(result, want) -> Counter:
    c: Counter = Counter()
    for ref, value in want.cells():
        got = result.report.get(ref)
        if got is None:
            c[(ref.table, "unread" if ref in result.unread else "blank")] += 1
        else:
            c[(ref.table, "exact" if got == value else "WRONG")] += 1
    return c


def show(label: str, c: Counter) -> None:
    parts = []
    for table in ("t2", "t3", "t4"):
        parts.append(
            f"{table} {c[(table, 'exact')]} exact / {c[(table, 'WRONG')]} wrong / "
            f"{c[(table, 'unread')]} unread"
        )
    print(f"{label:42} " + "; ".join(parts))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-ocr", action="store_true")
    args = ap.parse_args()
    for name in NAMES:
        want = loads((FIXTURES / f"{name}.expected.json").read_bytes())
        page = render(want, "html")
        for seed, (style, spaces, header) in enumerate(STYLES):
            text = glue(page, random.Random(seed), header=header, spaces=spaces)
            show(f"glued {name} ({style})", counts(parse_bytes(text.encode(), "c.txt"), want))
    if not args.no_ocr:
        import pypdfium2 as pdfium

        src = pdfium.PdfDocument((FIXTURES / "huaian-2024.pdf").read_bytes())
        images = [src[i].render(scale=200 / 72).to_pil().convert("L") for i in range(len(src))]
        out = io.BytesIO()
        images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200)
        want = loads((FIXTURES / "huaian-2024.expected.json").read_bytes())
        start = time.perf_counter()
        result = parse_bytes(out.getvalue(), name="scan.pdf")
        took = time.perf_counter() - start
        show(f"scan huaian-2024, 200 dpi ({took:.1f} s)", counts(result, want))
    return 0


if __name__ == "__main__":
    sys.exit(main())

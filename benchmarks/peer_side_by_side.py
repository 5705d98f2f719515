"""xxgk's `report check` (parse + every check) beside the public peer parser's parse, in one run.

Run:  .venv/bin/python benchmarks/peer_side_by_side.py [--peer SPEC] [--seconds 3]

The peer (govnianbao, https://github.com/zxj6827111-blip/govnianbao) is not a dependency: it
is installed into a throwaway venv (/tmp/xxgk-peer-venv) from SPEC, by default
`git+https://github.com/zxj6827111-blip/govnianbao` — a local clone's path works too. Both
sides run one document at a time, one core, warm, on the visible fixtures. The peer reads
plain text only and ships no importer ("目前只用标准库"): it gets the text as is (text,
Markdown), the page's text from the standard library's HTMLParser (HTML), and pypdf's text of
every page (PDF), the route its own debug script documents; the time to get that text counts
for it, as reading the file counts for xxgk. `--pdf-text pdfium` gives it PDFium's text
instead (faster than pypdf; xxgk reads PDFs with PDFium too). Last, the PDF check beside
PDFium's own loading of the text pages (issue 14: within 2×), and the start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "reports"
CASES = {
    "text": FIXTURES / "fushun-justice-2020.txt",
    "markdown": FIXTURES / "kewei-2024.md",
    "html": FIXTURES / "city-2025-t3.html",
    "pdf": FIXTURES / "huaian-2024.pdf",
}
PEER_VENV = Path("/tmp/xxgk-peer-venv")
DEFAULT_PEER = "git+https://github.com/zxj6827111-blip/govnianbao"

PEER_CODE = r"""
import json, os, sys, time
from pathlib import Path
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from govnianbao import parse_annual_report_text
kind, path, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
data = Path(path).read_bytes()

pdf_text = sys.argv[4]

def text_of():
    if kind == "html":
        from html.parser import HTMLParser
        parts = []
        class Text(HTMLParser):
            def handle_data(self, d):
                parts.append(d)
        Text().feed(data.decode("utf-8"))
        return "".join(parts)
    if kind == "pdf" and pdf_text == "pdfium":
        import pypdfium2 as pdfium
        doc = pdfium.PdfDocument(data)
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in doc)
        finally:
            doc.close()
    if kind == "pdf":
        import io
        from pypdf import PdfReader
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")

parse_annual_report_text(text_of())
n, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    parse_annual_report_text(text_of())
    n += 1
print(json.dumps(n / (time.perf_counter() - start)))
"""

OURS_CODE = r"""
import json, os, sys, time
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from xxgk.annual.audit import audit
path, seconds = sys.argv[1], float(sys.argv[2])
audit(path, provenance=False)
n, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    audit(path, provenance=False)  # read + parse + tables' checks + narrative + sections
    n += 1
print(json.dumps(n / (time.perf_counter() - start)))
"""

PDFIUM_CODE = r"""
import json, os, sys, time
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
import pypdfium2 as pdfium
from xxgk.annual.audit import audit
path, seconds, mode = sys.argv[1], float(sys.argv[2]), sys.argv[3]
data = open(path, "rb").read()

def load():
    doc = pdfium.PdfDocument(data)
    for page in doc:
        page.get_textpage().close()
        page.close()
    doc.close()

run = load if mode == "load" else (lambda: audit(path, provenance=False))
run()
n, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    run()
    n += 1
print(json.dumps(n / (time.perf_counter() - start)))
"""


def ensure_peer(spec: str) -> Path:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {PEER_VENV} and installing the peer from {spec}", file=sys.stderr)
        venv.create(PEER_VENV, with_pip=True)
    check = subprocess.run([python, "-c", "import govnianbao"], capture_output=True)
    if check.returncode:
        subprocess.run(
            [python, "-m", "pip", "install", "-q", spec, "pypdf", "pypdfium2"], check=True
        )
    return python


def rate(cmd: list[str]) -> float:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return float(json.loads(out.strip().splitlines()[-1]))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", default=os.environ.get("XXGK_PEER_SPEC", DEFAULT_PEER))
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--pdf-text", choices=("pypdf", "pdfium"), default="pypdf")
    args = ap.parse_args()
    peer_python = ensure_peer(args.peer)
    print(f"{'format':10} {'xxgk check docs/s':>18} {'peer parse docs/s':>18} {'ratio':>7}")
    for kind, path in CASES.items():
        ours = rate([sys.executable, "-c", OURS_CODE, str(path), str(args.seconds)])
        peer = rate(
            [str(peer_python), "-c", PEER_CODE, kind, str(path), str(args.seconds), args.pdf_text]
        )
        print(f"{kind:10} {ours:18.1f} {peer:18.1f} {ours / peer:6.2f}×")
    # the PDF beside PDFium's own work: open it and load every page's text page (target: 2×)
    load, check = (
        rate([sys.executable, "-c", PDFIUM_CODE, str(CASES["pdf"]), str(args.seconds), mode])
        for mode in ("load", "check")
    )
    print(
        f"pdf: pypdfium2 loading its text pages {1000 / load:.1f} ms, xxgk report check "
        f"{1000 / check:.1f} ms — {load / check:.2f}× the loading time"
    )
    # start-up: the whole command, best of five
    xxgk = Path(sys.executable).with_name("xxgk")
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(
            [str(xxgk), "report", "parse", str(CASES["text"]), "-o", os.devnull],
            check=True,
            capture_output=True,
        )
        best = min(best, time.perf_counter() - start)
    print(f"xxgk report parse, start-up included: {best * 1000:.0f} ms (best of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Repeated anonymous requests for a published report: the HTML page against the PDF and DOCX
downloads (issue 12, item 6: the PDF is rendered once per published version and then read).

Run against a site with the demo loaded (`xxgk demo`), e.g.
    XXGK_DATA_DIR=/tmp/site .venv/bin/python benchmarks/report_download_speed.py --n 20
Prints the first request and the median of the following ones, in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from xxgk.reports.models import AnnualReport  # noqa: E402


def timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="requests after the first")
    args = parser.parse_args()
    report = AnnualReport.objects.filter(status="published").order_by("-year").first()
    if report is None:
        raise SystemExit("no published report: load the demo first (xxgk demo)")
    base = f"/gk/{report.agency.code}/annual-reports/{report.year}/"
    client = Client()
    print(f"{report.agency.name} {report.year}, {args.n} repeated anonymous requests each")
    for label, url in (
        ("HTML page", base),
        ("PDF", base + "report.pdf"),
        ("DOCX", base + "report.docx"),
    ):
        first = timed(client, url)
        rest = [timed(client, url) for _ in range(args.n)]
        print(f"{label:10} first {first:8.1f} ms   then median {statistics.median(rest):7.1f} ms")


if __name__ == "__main__":
    main()

"""/data/: the bulk downloads (built by `xxgk open_data`, served as files) with their data
dictionary, and the API's entry in the site's own look."""

from __future__ import annotations

from collections import defaultdict

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime

from . import bulk

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def data_page(request: HttpRequest) -> HttpResponse:
    manifest = bulk.manifest()
    years: dict[tuple[str, int], dict[str, dict]] = defaultdict(dict)
    for f in (manifest or {}).get("files", []):
        years[(f["kind"], f["year"])][f["format"]] = f
    tables = [
        {
            "kind": kind,
            "title": bulk.TITLES[kind],
            "rows": sorted(
                ((year, files) for (k, year), files in years.items() if k == kind),
                key=lambda r: -r[0],
            ),
            "fields": bulk.KINDS[kind],
        }
        for kind in bulk.KINDS
    ]
    generated = parse_datetime(manifest["generated_at"]) if manifest else None
    return render(
        request,
        "api/data.html",
        {"tables": tables, "generated": generated, "built": manifest is not None},
    )


def data_file(request: HttpRequest, name: str) -> FileResponse:
    path = bulk.file_path(name)
    if path is None:
        raise Http404
    fmt = path.suffix.lstrip(".")
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=path.name,
        content_type=CONTENT_TYPES.get(fmt, "text/csv; charset=utf-8"),
    )
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response

"""Renderers of an annual report in the national layout: HTML, DOCX, XLSX (and JSON).

All of them walk the grids of `xxgk.annual.grid`, so the shape of tables 二/三/四 is written
once. python-docx and openpyxl are imported only when a DOCX or XLSX is asked for.
"""

from __future__ import annotations

from xxgk.annual.jsonio import dumps
from xxgk.annual.model import Report

FORMATS = ("html", "docx", "xlsx", "json")

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def render(report: Report, fmt: str) -> bytes:
    """The report as `fmt` ("html" | "docx" | "xlsx" | "json"), encoded (UTF-8 for text)."""
    if fmt == "html":
        from .html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(report)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(report)
    if fmt == "json":
        return dumps(report).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")


__all__ = ["FORMATS", "MEDIA_TYPES", "render"]

"""An annual report as a download (DOCX, PDF or JSON) named after its title, for the staff
workspace and the portal alike."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from xxgk.annual.model import Report
from xxgk.annual.render import MEDIA_TYPES
from xxgk.annual.render import render as render_report
from xxgk.annual.render._common import report_title
from xxgk.annual.render.html import render_html

PDF = "application/pdf"


def filename(report: Report, fmt: str) -> str:
    return f"{report_title(report)}.{fmt}"


def pdf_bytes(report: Report) -> bytes:
    from weasyprint import HTML  # heavy: only when a PDF is asked for

    return HTML(string=render_html(report, standalone=True)).write_pdf()


def report_response(report: Report, fmt: str, *, version: int | None = None) -> HttpResponse:
    if fmt == "pdf":
        body, media_type = pdf_bytes(report), PDF
    elif fmt in ("docx", "json"):
        body, media_type = render_report(report, fmt), MEDIA_TYPES[fmt]
    else:
        raise Http404
    response = HttpResponse(body, content_type=media_type)
    name = filename(report, fmt)
    if version and version > 1:
        name = name.replace(f".{fmt}", _("（第%(n)d版）") % {"n": version} + f".{fmt}")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response

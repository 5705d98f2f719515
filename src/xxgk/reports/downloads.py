"""An annual report as a download (DOCX, PDF or JSON) named after its title, for the staff
workspace and the portal alike."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header, http_date, quote_etag
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


def rendered(report: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        return pdf_bytes(report)
    if fmt in ("docx", "json"):
        return render_report(report, fmt)
    raise Http404


# Bump when the renderers change what they write: stored renderings of the old look are then
# simply not found and made again.
RENDER_REVISION = "2026-12-02"
STORE = "report-renderings"


def rendering_key(version_id: int, data: dict, sections: dict, fmt: str) -> str:
    """Names one rendering of one published version: what it shows and how it is drawn."""
    digest = hashlib.sha256(
        json.dumps([RENDER_REVISION, version_id, data, sections, fmt], sort_keys=True).encode()
    ).hexdigest()
    return digest[:40]


def stored_rendering(key: str, fmt: str, build: Callable[[], bytes]) -> bytes:
    """A published version is never changed, so its PDF and DOCX are rendered once and kept in
    the file storage (shared by every app server); rendering a PDF costs seconds, reading it
    a millisecond. Two first requests at once may both render; the second keeps the first's."""
    name = f"{STORE}/{key}.{fmt}"
    try:
        with default_storage.open(name, "rb") as fh:
            return fh.read()
    except (FileNotFoundError, OSError):
        pass
    body = build()
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(body))
    return body


def report_response(
    report: Report,
    fmt: str,
    *,
    version: int | None = None,
    body: bytes | None = None,
    etag: str = "",
    last_modified=None,
) -> HttpResponse:
    if fmt not in ("pdf", "docx", "json"):
        raise Http404
    media_type = PDF if fmt == "pdf" else MEDIA_TYPES[fmt]
    response = HttpResponse(
        rendered(report, fmt) if body is None else body, content_type=media_type
    )
    if etag:
        response["ETag"] = quote_etag(etag)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    name = filename(report, fmt)
    if version and version > 1:
        name = name.replace(f".{fmt}", _("（第%(n)d版）") % {"n": version} + f".{fmt}")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response

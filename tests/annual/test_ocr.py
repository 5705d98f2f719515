"""A scanned report (the Huai'an fixture rasterised at 200 dpi, no text layer) is read by OCR,
and only the numbers the report's arithmetic confirms stand: none of them wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.annual.jsonio import loads
from xxgk.annual.parse import parse_bytes
from xxgk.annual.readers import ocr

FIXTURES = Path("../shared/fixtures/reports")

pytestmark = pytest.mark.skipif(
    not ocr.available(),
    reason="Tesseract with chi_sim is not installed (scripts/test.sh installs it)",
)


@pytest.fixture(scope="module")
def scanned() -> bytes:
    import io

    import pypdfium2 as pdfium

    src = pdfium.PdfDocument((FIXTURES / "huaian-2024.pdf").read_bytes())
    pages = [src[i].render(scale=200 / 72).to_pil().convert("L") for i in range(len(src))]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=200)
    return out.getvalue()


def test_scan_is_read_by_ocr_and_every_value_kept_is_exact(scanned):
    want = loads((FIXTURES / "huaian-2024.expected.json").read_bytes())
    result = parse_bytes(scanned, name="scan.pdf")
    got = result.report
    wrong = [(str(r), v, got.get(r)) for r, v in want.cells() if got.get(r) not in (None, v)]
    assert wrong == []
    kept = [r for r, v in want.cells() if got.get(r) == v]
    # table 三 is read and confirmed by its rows and columns (134 of 175 cells here)
    assert sum(1 for r in kept if r.table == "t3") >= 120
    assert got.year == 2024
    # whatever was not confirmed is unread, with what OCR saw as its candidate
    assert {r for r, v in got.cells() if v is None} <= result.unread
    assert any(len(result.candidates.get(r, ())) == 1 for r in result.unread)
    messages = " ".join(w.message for w in result.warnings)
    assert "文字识别" in messages and "请核对" in messages
    # table 二 has no equation: an OCR'd number there is never taken as read
    assert all(v is None for r, v in got.cells() if r.table == "t2")


def test_without_tesseract_a_scan_says_what_to_install(scanned, monkeypatch):
    from xxgk.annual.jsonio import ReportInputError

    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ReportInputError, match="tesseract-ocr-chi-sim"):
        parse_bytes(scanned, name="scan.pdf")

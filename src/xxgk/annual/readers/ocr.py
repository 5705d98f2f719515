"""Scanned PDFs (pages that are only images): Tesseract's chi_sim model, through pytesseract.

Each page is rendered by PDFium at `DPI`, Tesseract returns its words with their boxes, and
the words become the same positioned characters the text-layer reader groups into lines, so
the extractor reads a scan as it reads any PDF. Every value read this way is OCR'd: the parser
keeps a table 三 or 四 number only where the report's arithmetic confirms it (see
`xxgk.annual.parse.confirm_ocr`).

Tesseract is a Debian package (tesseract-ocr, tesseract-ocr-chi-sim); without it a scan is
refused with a message saying what to install.
"""

from __future__ import annotations

import shutil
import unicodedata

from xxgk.annual.jsonio import ReportInputError

DPI = 300
LANG = "chi_sim"
MISSING = (
    "该 PDF 没有文字层（扫描件）；文字识别需要 Tesseract："
    "apt-get install tesseract-ocr tesseract-ocr-chi-sim，并 pip install pytesseract"
)


def available() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return LANG in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 — any failure means: not available
        return False


def _long_runs(dark, min_len: int):
    """Where dark pixels lie in a horizontal run at least `min_len` long (table rules)."""
    import numpy as np

    h, w = dark.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    edges = np.diff(padded, axis=1)
    mask = np.zeros_like(dark)
    for y in np.flatnonzero((edges == 1).any(axis=1)):
        starts = np.flatnonzero(edges[y] == 1)
        ends = np.flatnonzero(edges[y] == -1)
        for a, b in zip(starts, ends, strict=True):
            if b - a >= min_len:
                mask[y, a:b] = True
    return mask


def without_rules(image):
    """The page without its table rules: Tesseract reads ruled cells as noise, so lines
    longer than half an inch (longer than any stroke of a character) are whitened."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image)
    dark = pixels < 128
    length = DPI // 2
    rules = _long_runs(dark, length) | _long_runs(dark.T, length).T
    grown = rules.copy()  # one pixel more on each side: the anti-aliased edges
    grown[1:] |= rules[:-1]
    grown[:-1] |= rules[1:]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    out = pixels.copy()
    out[grown] = 255
    return Image.fromarray(out)


def page_words(page) -> list[tuple[str, float, float, float, float]]:
    """(text, x0, x1, y centre, height) in points of the words Tesseract finds on a page."""
    import os

    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one page per core, no thread contention
    scale = DPI / 72
    image = without_rules(page.render(scale=scale, grayscale=True).to_pil())
    data = pytesseract.image_to_data(
        image,
        lang=LANG,
        config="--psm 6 -c preserve_interword_spaces=1",
        output_type=pytesseract.Output.DICT,
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = unicodedata.normalize("NFKC", (text or "").strip())
        if not text or float(data["conf"][i]) < 0:
            continue
        x0 = data["left"][i] / scale
        x1 = (data["left"][i] + data["width"][i]) / scale
        h = data["height"][i] / scale
        y = (data["top"][i] + data["height"][i] / 2) / scale
        words.append((text, x0, x1, y, h))
    return words


def require() -> None:
    if not available():
        raise ReportInputError(MISSING)

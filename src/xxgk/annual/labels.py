"""Label normalisation: reports vary full/half-width punctuation, spaces and quotes."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'}
)
_PUNCT = str.maketrans(
    {
        "、": ",",
        "，": ",",
        "．": ".",
        "。": ".",
        "：": ":",
        "；": ";",
        "〔": "[",
        "〕": "]",
        "【": "[",
        "】": "]",
    }
)


def normalise(text: str) -> str:
    """NFKC, no whitespace, one form of each punctuation mark (YAML label_normalisation)."""
    t = unicodedata.normalize("NFKC", text or "")
    t = t.translate(_QUOTES).translate(_PUNCT)
    return re.sub(r"[\s\u200b\u00a0\u3000|]+", "", t)

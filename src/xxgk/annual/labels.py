"""Label normalisation: reports vary full/half-width punctuation, spaces and quotes."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# one table: quotes and CJK punctuation to one form, whitespace and table pipes removed
_TABLE = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
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
        " ": None,
        "\t": None,
        "\n": None,
        "\r": None,
        "\f": None,
        "\v": None,
        "\u00a0": None,
        "\u3000": None,
        "\u200b": None,
        "\ufeff": None,
        "|": None,
    }
)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """NFKC, no whitespace, one form of each punctuation mark (YAML label_normalisation)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_TABLE)


def squeeze(text: str) -> str:
    """`normalise` for a whole document (not cached): NFKC, no whitespace, one punctuation."""
    return unicodedata.normalize("NFKC", text).translate(_TABLE)

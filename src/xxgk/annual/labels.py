"""Label normalisation: reports vary full/half-width punctuation, spaces and quotes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# a table label followed straight by three or more digits: the mark of glued cells (crawled
# page text); parse looks for it before importing the glued reader
GLUED_HINT = re.compile(r"[\u4e00-\u9fff)）]\d{3,}")


def looks_glued(text: str) -> bool:
    """Three labels or more followed straight by digits: cells that run together."""
    return len(GLUED_HINT.findall(text)) >= 3


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

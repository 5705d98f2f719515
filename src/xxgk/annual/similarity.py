"""Similarity (雷同) of report texts: how much of one report's text stands in another's.

Texts are compared on character shingles after normalisation (no spaces or punctuation, every
number replaced by one mark), so a report that is last year's with the numbers changed still
matches in full. Shingles that most reports share (the national template's own sentences) are
ignored, so two agencies writing on different topics do not match through boilerplate.

`compare(a, b)` gives the share of `a` found in `b` and the shared passages (positions in the
original text, for highlighting); `similar_pairs(texts)` finds every pair above a threshold
among many reports through an inverted index, without comparing all pairs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SHINGLE = 13  # characters: long enough that common phrases do not match by chance
FLAG_SHARE = 0.5  # half of a report's text found elsewhere: flagged
COMMON_DOC_SHARE = 0.2  # a shingle in more than this share of the reports is boilerplate
COMMON_DOC_MAX = 50  # … or in more reports than this (a template copied by many is no evidence)
_KEEP = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]|\d+")


@dataclass(frozen=True)
class Normalised:
    chars: str  # letters and CJK only, every number as "0"
    where: tuple[int, ...]  # for each normalised character, its index in the original text


def normalise(text: str) -> Normalised:
    chars: list[str] = []
    where: list[int] = []
    for m in _KEEP.finditer(text or ""):
        token = m.group(0)
        if token[0].isdigit():
            chars.append("0")
            where.append(m.start())
        else:
            chars.append(token)
            where.append(m.start())
    return Normalised("".join(chars), tuple(where))


def shingles(norm: Normalised, k: int = SHINGLE) -> list[int]:
    s = norm.chars
    return [hash(s[i : i + k]) for i in range(len(s) - k + 1)]


@dataclass(frozen=True)
class Comparison:
    share: float  # of a's normalised text covered by passages also in b
    passages: tuple[tuple[int, int], ...]  # (start, end) in a's original text
    flagged: bool


def _coverage(
    norm: Normalised, hashes: list[int], other: set[int], ignore: set[int], k: int
) -> tuple[float, list[tuple[int, int]]]:
    covered = bytearray(len(norm.chars))
    for i, h in enumerate(hashes):
        if h in other and h not in ignore:
            covered[i : i + k] = b"\x01" * k
    total = len(norm.chars)
    if not total:
        return 0.0, []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < total:
        if covered[i]:
            j = i
            while j < total and covered[j]:
                j += 1
            spans.append((norm.where[i], norm.where[j - 1] + 1))
            i = j
        else:
            i += 1
    return sum(covered) / total, spans


def compare(
    a: str, b: str, *, ignore: set[int] | None = None, k: int = SHINGLE, flag: float = FLAG_SHARE
) -> Comparison:
    na, nb = normalise(a), normalise(b)
    ha = shingles(na, k)
    share, spans = _coverage(na, ha, set(shingles(nb, k)), ignore or set(), k)
    return Comparison(round(share, 4), tuple(spans), share >= flag)


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    share_a: float  # of a's text found in b
    share_b: float  # of b's text found in a

    @property
    def share(self) -> float:
        return max(self.share_a, self.share_b)


def common_shingles(
    texts: Mapping[str, str], k: int = SHINGLE, doc_share: float = COMMON_DOC_SHARE
) -> set[int]:
    """Shingles present in more than `doc_share` of the texts (template boilerplate)."""
    df: Counter[int] = Counter()
    for text in texts.values():
        df.update(set(shingles(normalise(text), k)))
    limit = max(2, min(COMMON_DOC_MAX, int(len(texts) * doc_share)))
    return {h for h, n in df.items() if n > limit}


def similar_pairs(
    texts: Mapping[str, str],
    *,
    flag: float = FLAG_SHARE,
    k: int = SHINGLE,
    doc_share: float = COMMON_DOC_SHARE,
    ignore: set[int] | None = None,
) -> list[Pair]:
    """Every pair of texts sharing at least `flag` of either one's text, best first."""
    keys = list(texts)
    norms = {key: normalise(texts[key]) for key in keys}
    sets = {key: set(shingles(norms[key], k)) for key in keys}
    df: Counter[int] = Counter()
    for s in sets.values():
        df.update(s)
    limit = max(2, min(COMMON_DOC_MAX, int(len(keys) * doc_share)))
    common = {h for h, n in df.items() if n > limit} | (ignore or set())
    postings: dict[int, list[int]] = defaultdict(list)
    for idx, key in enumerate(keys):
        for h in sets[key] - common:
            postings[h].append(idx)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if len(docs) < 2:
            continue
        for x in range(len(docs)):
            for y in range(x + 1, len(docs)):
                shared[(docs[x], docs[y])] += 1
    out: list[Pair] = []
    for (x, y), n in shared.items():
        ka, kb = keys[x], keys[y]
        smaller = min(len(sets[ka] - common), len(sets[kb] - common)) or 1
        if n / smaller < flag * 0.5:  # cannot reach the threshold: skip the exact measure
            continue
        sa, _ = _coverage(norms[ka], shingles(norms[ka], k), sets[kb], common, k)
        sb, _ = _coverage(norms[kb], shingles(norms[kb], k), sets[ka], common, k)
        if max(sa, sb) >= flag:
            out.append(Pair(ka, kb, round(sa, 4), round(sb, 4)))
    return sorted(out, key=lambda p: -p.share)


def highlight_html(text: str, passages: Sequence[tuple[int, int]]) -> str:
    """The text escaped, with the shared passages in <mark>."""
    import html

    out, pos = [], 0
    for start, end in passages:
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)

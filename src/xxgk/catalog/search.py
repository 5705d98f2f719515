"""Chinese full-text search over published items, behind one small interface.

Text is segmented with jieba (search mode) and every pair of adjacent CJK characters is added
as a token too, so any two-character word of the body is found even where jieba groups it
into a longer word. PostgreSQL: `to_tsvector('simple', search_text)` stored in the generated
column `search_vector` with a GIN index (migration 0005); SQLite: an FTS5 table keyed by the
item id. Only published, proactively disclosed items are
indexed; withdrawing an item removes it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import strip_tags

MAX_QUERY_CHARS = 100  # longer queries are cut: a search box is not a document
MAX_TERMS = 8
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9A-Za-z]+")


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def plain_text(body_html: str) -> str:
    return html.unescape(strip_tags(body_html or ""))


def tokens(text: str) -> list[str]:
    """Index tokens: jieba search-mode words, CJK bigrams and single CJK characters of short
    runs, lower-cased ASCII words."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
            continue
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        out.extend(w for w in _jieba().cut_for_search(run) if len(w) > 2)
    out.extend(w.lower() for w in _WORD.findall(text))
    return out


def index_text(title: str, body_html: str, extra: str = "") -> str:
    return " ".join(tokens(f"{title} {extra} {plain_text(body_html)}"))


def query_terms(q: str) -> list[str]:
    """The terms a query must all match: CJK words as bigrams (a one-character query is a
    single term), ASCII words lower-cased; punctuation and anything else dropped."""
    q = (q or "")[:MAX_QUERY_CHARS]
    terms: list[str] = []
    for run in _CJK_RUN.findall(q):
        terms.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    terms.extend(w.lower() for w in _WORD.findall(q))
    seen: dict[str, None] = {}
    for t in terms:
        seen.setdefault(t, None)
    return list(seen)[:MAX_TERMS]


# ------------------------------------------------------------------ backends


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def index_item(item) -> None:
    """(Re)index one item: published and proactive → searchable; otherwise removed."""
    from .models import Item

    text = (
        index_text(item.title, item.body, f"{item.document_number} {item.summary}")
        if item.is_public
        else ""
    )
    Item.objects.filter(pk=item.pk).update(search_text=text)
    item.search_text = text
    if not is_postgres():
        with connection.cursor() as cur:
            cur.execute("DELETE FROM catalog_item_fts WHERE rowid = %s", [item.pk])
            if text:
                cur.execute(
                    "INSERT INTO catalog_item_fts(rowid, search_text) VALUES (%s, %s)",
                    [item.pk, text],
                )


def _fts_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def matching(queryset: QuerySet, q: str) -> QuerySet:
    """`queryset` narrowed to items matching every term of `q` (empty when nothing to search)."""
    terms = query_terms(q)
    if not terms:
        return queryset.none()
    if is_postgres():
        tsquery = " & ".join("'" + t.replace("'", "''") + "'" for t in terms)
        return queryset.extra(
            where=["catalog_item.search_vector @@ to_tsquery('simple', %s)"],
            params=[tsquery],
        )
    match = " AND ".join(_fts_quote(t) for t in terms)
    return queryset.extra(
        where=[
            "catalog_item.id IN (SELECT rowid FROM catalog_item_fts WHERE catalog_item_fts MATCH %s)"
        ],
        params=[match],
    )


@dataclass(frozen=True)
class Hit:
    item: object
    snippet: str  # HTML: escaped text with <mark> around the matches


def highlight(text: str, q: str, width: int = 120) -> str:
    """An escaped excerpt of `text` around the first match, with every match in <mark>."""
    terms = sorted({t for t in query_terms(q) if t}, key=len, reverse=True)
    plain = re.sub(r"\s+", " ", text).strip()
    if not terms:
        return html.escape(plain[:width])
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    m = pattern.search(plain)
    start = max(0, (m.start() - width // 3) if m else 0)
    excerpt = plain[start : start + width]
    out, pos = [], 0
    for mm in pattern.finditer(excerpt):
        out.append(html.escape(excerpt[pos : mm.start()]))
        out.append(f"<mark>{html.escape(mm.group(0))}</mark>")
        pos = mm.end()
    out.append(html.escape(excerpt[pos:]))
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(plain) else ""
    return prefix + "".join(out) + suffix

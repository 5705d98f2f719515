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
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import strip_tags

from .models import Item

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


_TAG = re.compile(r"<[^>]*>")


def display_text(body_html: str) -> str:
    """The text of a sanitised body for a snippet: tags dropped by a pattern, many times
    faster than strip_tags's parser (the body is nh3's well-formed output, and the snippet
    is escaped again)."""
    return html.unescape(_TAG.sub("", body_html or ""))


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


# ------------------------------------------------------------------ ranked results

# PostgreSQL's planner multiplies the frequencies of a query's terms as if independent; the
# bigrams of one word are not (老旧·旧小·小区·区改·改造 occur together), so a frequent word
# looks rare and the plan sorts hundreds of thousands of matches. `Matches` picks the plan
# from the terms' own frequencies (the column's statistics): when every term is in at least
# FREQUENT of the items, the newest items are read in order until cap + 1 match; otherwise
# the GIN index finds the matches, at most cap + 1, and they are sorted here.
FREQUENT = 0.10
SCAN_WINDOW = 20_000  # newest items read at most before the GIN index is used after all
_STATS_SECONDS = 600
_stats: dict = {"at": -1e9, "freqs": {}}


def _term_frequencies() -> dict[str, float]:
    """{lexeme: share of rows} of search_vector's most common elements (ANALYZE), cached."""
    now = time.monotonic()
    if now - _stats["at"] > _STATS_SECONDS:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'catalog_item' AND attname = 'search_vector'"
            )
            row = cur.fetchone()
        elems, freqs = row if row and row[0] else ([], [])
        _stats.update(at=now, freqs=dict(zip(elems, freqs, strict=False)))
    return _stats["freqs"]


@contextmanager
def _plan(**settings: str):
    """PostgreSQL planner settings for the statements inside (session-wide, then reset);
    nothing on SQLite."""
    with connection.cursor() as cur:
        if not is_postgres():
            yield cur
            return
        for name, value in settings.items():
            cur.execute(f"SET {name} = {value}")
        try:
            yield cur
        finally:
            for name in settings:
                cur.execute(f"RESET {name}")


GIN_ONLY = {"enable_seqscan": "off", "enable_indexscan": "off"}


class Matches:
    """The items of `queryset` matching `q`, newest first, counted up to `cap`: `count` is
    min(matches, cap), `capped` whether there were more; slicing gives the items (with agency
    and column). A Paginator takes it as its object list."""

    def __init__(self, queryset: QuerySet, q: str, cap: int, *, order: str = "date"):
        self.queryset = queryset.order_by()
        self.q, self.cap = q, cap
        self.order = order  # "date": newest first; "relevance": title and 文号 matches first
        self.terms = query_terms(q)
        self._ordered: list[int] | None = None  # the ids, newest first, when all are known

    def _where(self) -> QuerySet:
        return matching(self.queryset, self.q)

    @cached_property
    def _found(self) -> int:
        """Matches found (cap + 1 meaning "more than cap"); fills _ordered when it can."""
        if not self.terms:
            return 0
        if not is_postgres():
            return self._where().values("pk")[: self.cap + 1].count()
        freqs = _term_frequencies()
        if min(freqs.get(t, 0.0) for t in self.terms) >= FREQUENT:
            found = self._scan_newest()
            if found is not None:
                return found
        with _plan(**GIN_ONLY):  # whatever the planner estimates
            rows = list(self._where().values_list("pk", "published_on")[: self.cap + 1])
        if len(rows) <= self.cap:
            rows.sort(key=lambda r: (r[1], r[0]), reverse=True)
            self._ordered = [pk for pk, _ in rows]
        return len(rows)

    def _scan_newest(self) -> int | None:
        """The newest cap + 1 matches, reading the (filtered) items newest first; None when
        fewer than that are among the newest SCAN_WINDOW items."""
        newest = (
            self.queryset.order_by("-published_on", "-pk")
            .extra(select={"sv": "catalog_item.search_vector"})
            .values_list("pk", "sv")[:SCAN_WINDOW]
        )
        sql, params = newest.query.sql_with_params()
        tsquery = " & ".join("'" + t.replace("'", "''") + "'" for t in self.terms)
        with _plan(enable_bitmapscan="off") as cur:
            cur.execute(
                f"SELECT t.pk FROM ({sql}) t WHERE t.sv @@ to_tsquery('simple', %s) LIMIT %s",
                [*params, tsquery, self.cap + 1],
            )
            ids = [r[0] for r in cur.fetchall()]
        if len(ids) <= self.cap:
            return None
        self._ordered = ids[: self.cap]
        return len(ids)

    @property
    def count(self) -> int:
        return min(self._found, self.cap)

    @property
    def capped(self) -> bool:
        return self._found > self.cap

    def __len__(self) -> int:
        return self.count

    @cached_property
    def _by_relevance(self) -> list[int]:
        """The shown matches (at most `cap`, the newest) with those whose title has every word
        of the query — or whose 文号 has it — first, then those with some words in the title;
        newest first within each."""
        if self._ordered is not None:
            newest = list(self._ordered)
        else:
            with _plan(**GIN_ONLY):
                newest = list(
                    self._where()
                    .order_by("-published_on", "-pk")
                    .values_list("pk", flat=True)[: self.cap]
                )
        words = [w.casefold() for w in self.q.split() if w]
        rows = dict(
            (pk, (title.casefold(), (number or "").casefold()))
            for pk, title, number in Item.objects.filter(pk__in=newest).values_list(
                "pk", "title", "document_number"
            )
        )

        def rank(pk: int) -> int:
            title, number = rows.get(pk, ("", ""))
            inside = sum(1 for w in words if w in title)
            if words and (inside == len(words) or all(w in number for w in words)):
                return 0
            return 1 if inside else 2

        position = {pk: n for n, pk in enumerate(newest)}
        return sorted(newest, key=lambda pk: (rank(pk), position[pk]))

    def ids_after(self, after: tuple | None, limit: int) -> list[int]:
        """Up to `limit` ids of the (at most `cap`) newest matches that come after `after`
        — (published_on, id) of the last one a reader has — newest first: the API's cursor
        pages over a search, by the same plans as the portal's pages."""
        if not self._found:
            return []
        ids = self._ordered
        if ids is None:
            with _plan(**GIN_ONLY):
                ids = list(
                    self._where()
                    .order_by("-published_on", "-pk")
                    .values_list("pk", flat=True)[: self.cap]
                )
        if after is not None:
            dates = dict(Item.objects.filter(pk__in=ids).values_list("pk", "published_on"))
            ids = [pk for pk in ids if (dates[pk], pk) < after]
        return ids[:limit]

    def __getitem__(self, index: slice) -> list:
        start, stop = index.start or 0, min(index.stop or self.count, self.count)
        if stop <= start:
            return []
        if self.order == "relevance":
            ids = self._by_relevance[start:stop]
        elif self._ordered is not None:
            ids = self._ordered[start:stop]
        else:  # SQLite, or more than cap matches found by the GIN index: sort them all
            with _plan(**GIN_ONLY):
                ids = list(
                    self._where()
                    .order_by("-published_on", "-pk")
                    .values_list("pk", flat=True)[start:stop]
                )
        items = Item.objects.filter(pk__in=ids).select_related("agency", "column")
        by_id = {i.pk: i for i in items}
        return [by_id[pk] for pk in ids if pk in by_id]


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

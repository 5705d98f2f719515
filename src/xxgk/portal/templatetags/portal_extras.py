"""Small display helpers of the portal's templates: codes that break only where they may,
page numbers with gaps, and the query of a list as hidden fields of the page-jump form."""

from __future__ import annotations

from urllib.parse import parse_qsl

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def code_breaks(code: str):
    """A 索引号 such as 11210400MB01000033/2026-00015 may wrap after its "/" only, never
    inside the number."""
    parts = str(code or "").split("/")
    spans = [p + "/" for p in parts[:-1]] + parts[-1:]
    return format_html_join(
        mark_safe("<wbr>"), '<span class="gk-nowrap">{}</span>', ((s,) for s in spans)
    )


@register.filter
def page_window(page, around: int = 2) -> list[int | None]:
    """The page numbers to link: the first, the last, and `around` either side of the current
    one; None where numbers are left out (shown as …)."""
    last, current = page.paginator.num_pages, page.number
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


@register.filter
def query_pairs(query: str) -> list[tuple[str, str]]:
    """The list's own query (search terms, filters) without its page, as name/value pairs."""
    return [(k, v) for k, v in parse_qsl(query or "", keep_blank_values=False) if k != "page"]

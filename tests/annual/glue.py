"""Crawled page text made from a rendered report: what a crawler gets from an HTML page.

`glue(html, rng)` flattens the page as crawlers do: every table row's cells run together
(sometimes a space between two cells, as real pages show), rows on their own lines or run
together too, and the running text kept line by line.
"""

from __future__ import annotations

import random

from lxml import html as lxml_html

BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "caption", "title"}


def glue(
    page: bytes | str,
    rng: random.Random | None = None,
    *,
    header: bool = False,
    spaces: float = 0.1,
) -> str:
    """`spaces`: the chance of a space between two cells (0: no separator at all)."""
    rng = rng or random.Random(0)
    tree = lxml_html.fromstring(page)
    out: list[str] = []
    if header:
        out.append("标题：" + (tree.findtext(".//title") or ""))
        out.append("来源：https://www.example.gov.cn/xxgk/ndbg/  抓取时间：2026-01-20 08:00")
    title = tree.findtext(".//title")
    if title and not header:
        out.append(title)
    for el in tree.iter():
        if el.tag == "table":
            rows = []
            for tr in el.iter("tr"):
                cells = [" ".join(td.text_content().split()) for td in tr if td.tag in ("td", "th")]
                joined = ""
                for i, cell in enumerate(cells):
                    gap = " " if (i and rng.random() < spaces) else ""
                    joined += gap + cell
                rows.append(joined)
            sep = rng.choice(["\n", "", " "])
            out.append(sep.join(rows))
        elif el.tag in BLOCKS and not any(a.tag == "table" for a in el.iterancestors()):
            text = " ".join(el.text_content().split())
            if text:
                out.append(text)
    return "\n".join(out) + "\n"

"""How a published item's body is shown: its 落款 (the issuing agency and the date closing a
document) set on the right, as on paper (GB/T 9704)."""

from __future__ import annotations

import re

import lxml.html

DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
SIGNATURE_CLASS = "gk-signature"


def mark_signature(body: str) -> str:
    """`body` (sanitised HTML) with the closing date paragraph and the short paragraph naming
    the agency above it classed `gk-signature`; unchanged when it does not end with a date."""
    if "日" not in body[-200:]:
        return body
    try:
        parts = lxml.html.fragments_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return body
    paragraphs = [p for p in parts if not isinstance(p, str) and p.tag == "p"]
    if not paragraphs or parts[-1] is not paragraphs[-1]:
        return body
    last = paragraphs[-1]
    if not DATE.match(last.text_content()):
        return body
    marked = [last]
    if len(paragraphs) > 1:
        above = paragraphs[-2]
        text = above.text_content().strip()
        if 0 < len(text) <= 40 and not re.search(r"[。；：，！？]", text):
            marked.append(above)
    for p in marked:
        p.set("class", (p.get("class", "") + " " + SIGNATURE_CLASS).strip())
    return "".join(
        part if isinstance(part, str) else lxml.html.tostring(part, encoding="unicode")
        for part in parts
    )

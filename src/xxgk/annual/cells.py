"""Text bound for a spreadsheet (ledger, report tables, batch CSV), made safe in one place.

Control characters are removed first — a spreadsheet cannot hold them — and only then is the
text checked for a formula trigger (= + - @, tab, CR, and their full-width forms), so that
`\\x01=HYPERLINK(…)` cannot slip past the check and become a formula once cleaned (issue 12).
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def clean(text: str) -> str:
    """`text` without the control characters a spreadsheet cannot store."""
    return CONTROL.sub("", text)


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could read the (cleaned) text as a formula."""
    return text.lstrip(" \u3000").startswith(TRIGGERS)


def csv_text(value: object) -> object:
    """A CSV field: text cleaned, and quoted with a leading apostrophe when it looks like a
    formula (OWASP's advice for CSV injection); numbers and None unchanged."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if formula_like(text) else text

"""Cell text → number, as the spec reads it (YAML `conventions.value_parsing`).

`parse_cell("22（其中修订16件）")` → 22 with the note kept; `"/"`, `"—"`, `"无"` → None (not
applicable); blank → None; anything not clearly one number → None and `unreadable`, never a
guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .model import Value

NA_MARKS = {"/", "-", "—", "／", "无", "--", "——", "－", "–", "\\", "×", "x", "X"}
BLANK_MARKS = {"", "&nbsp;"}
UNITS = ("件", "个", "项", "次", "条", "人次", "宗", "起", "家")
MONEY_UNITS = ("万元", "元")

_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_NOTE = re.compile(r"^(.*?)([（(].*[）)])$")


@dataclass(frozen=True)
class CellValue:
    value: Value
    status: str  # number | blank | na | unreadable
    note: str | None = None  # text around the number, e.g. "（其中修订16件）" or the unit
    text: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "unreadable"


def clean(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "")
    t = t.replace("\u00a0", " ").replace("\u3000", " ").replace("\u200b", "")
    return re.sub(r"\s+", "", t)


def parse_cell(text: str | None, kind: str = "int", unit: str | None = None) -> CellValue:
    """Read one cell. `kind` is the column's numeric kind: int | signed | decimal."""
    raw = text or ""
    if raw.isdigit() and raw.isascii():  # the common case, fast
        return CellValue(int(raw), "number", text=raw)
    t = clean(raw).strip("|")
    if t in BLANK_MARKS:
        return CellValue(None, "blank", text=raw)
    if t in NA_MARKS or set(t) <= {"-", "—", "/", "－", "–"}:
        return CellValue(None, "na", text=raw)
    note = None
    m = _NOTE.match(t)
    if m and m.group(1):
        t, note = m.group(1), m.group(2)
    for u in MONEY_UNITS + UNITS:
        if t.endswith(u) and len(t) > len(u):
            t = t[: -len(u)]
            if u in MONEY_UNITS and unit and u != unit:
                # a different money unit than the column's: refuse to convert silently
                return CellValue(None, "unreadable", note=f"单位为{u}，本栏单位为{unit}", text=raw)
            note = f"{u}{note or ''}" if u not in UNITS else note
            break
    m = _NUMBER.match(t)
    if not m:
        return CellValue(None, "unreadable", note=note, text=raw)
    sign, digits, frac = m.groups()
    digits = digits.replace(",", "")
    if frac:
        if kind != "decimal":
            if set(frac[1:]) == {"0"}:
                frac = None
            else:
                return CellValue(None, "unreadable", note="件数不应有小数", text=raw)
        else:
            try:
                return CellValue(Decimal(f"{sign}{digits}{frac}"), "number", note=note, text=raw)
            except InvalidOperation:
                return CellValue(None, "unreadable", text=raw)
    number = int(digits) * (-1 if sign == "-" else 1)
    return CellValue(number, "number", note=note, text=raw)

"""信息处理费 arithmetic (国办函〔2020〕109号 arts. 3–5), pure functions.

按件 (per item): per applicant, counted over a calendar month: the first 10 applications are
free, the 11th–30th cost 100 元 each, and from the 31st every further band of 10 raises the
rate by 100 元 (31–40: 200, 41–50: 300, …). 按量 (per volume, per application): up to 30
pages free; pages 31–100 at 10 元, 101–200 at 20 元, from 201 at 40 元 (progressive).
"""

from __future__ import annotations

import math
from decimal import Decimal


def per_item_fee(nth_in_month: int) -> Decimal:
    """The fee for an applicant's n-th application of the calendar month (1-based)."""
    if nth_in_month < 1:
        raise ValueError("nth_in_month starts at 1")
    if nth_in_month <= 10:
        return Decimal(0)
    if nth_in_month <= 30:
        return Decimal(100)
    return Decimal(100 * (1 + math.ceil((nth_in_month - 30) / 10)))


def per_volume_fee(pages: int) -> Decimal:
    """The fee for one application's pages, progressive over the tiers."""
    if pages < 0:
        raise ValueError("pages must be >= 0")
    fee = (
        10 * max(0, min(pages, 100) - 30)
        + 20 * max(0, min(pages, 200) - 100)
        + 40 * max(0, pages - 200)
    )
    return Decimal(fee)

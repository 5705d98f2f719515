"""One item of the plan (`Plan`) and the constants that fix the plan: its seed and start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xxgk.catalog.models import Item

SEED = 2023
START = dt.date(2023, 1, 1)

G, K, M = Item.Genre, Item.ContentKind, Item.Mode
Key = tuple[str, dt.date]  # (title, 成文日期) within one agency


@dataclass
class Plan:
    column: str
    title: str
    formed_on: dt.date
    publish_on: dt.date
    body: str
    genre: str = G.OTHER
    content_kind: str = K.CATALOG
    topic: tuple[str, str] | None = None
    document_number: str = ""
    summary: str = ""
    effective_on: dt.date | None = None
    mode: str = M.PROACTIVE
    mode_reason: str = ""
    interprets: tuple[Key, ...] = ()
    # a rule or normative document this one replaces: (its key, 已修改 or 废止)
    supersedes: tuple[Key, str] | None = None
    expires_on: dt.date | None = None  # 有效期 end, if nothing replaces it before
    withdraw: str = ""  # reason, withdrawn a few days after publication
    returned: str = ""  # the review first returns it with this opinion
    revision: tuple[dt.date, str, str] | None = None  # (on, new body, reason)
    counts_as: str = ""  # licensing / penalty / coercion: a decision of table 二
    name: str = ""  # a rule's or normative document's own name (without 《》)

    @property
    def key(self) -> Key:
        return (self.title, self.formed_on)

"""Reads of the agency tree: the order agencies are listed in, and the tree itself."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .models import Agency

# governments first, then the supervising office, the departments and their units
KIND_RANK = {
    Agency.Kind.GOVERNMENT: 0,
    Agency.Kind.SUPERVISING_OFFICE: 1,
    Agency.Kind.DEPARTMENT: 2,
    Agency.Kind.SUB_UNIT: 3,
}


def listing_order(agency: Agency) -> tuple[int, str]:
    """The sort key of agencies in every list: by kind (KIND_RANK), then by code."""
    return (KIND_RANK.get(agency.kind, len(KIND_RANK)), agency.code)


@dataclass
class Node:
    agency: Agency
    children: list[Node] = field(default_factory=list)


def agency_tree(agencies: list[Agency]) -> list[Node]:
    """The agencies as a tree (those whose parent is not among them are roots), each level in
    listing order."""
    nodes = {a.pk: Node(a) for a in agencies}
    roots: list[Node] = []
    for a in agencies:
        parent = nodes.get(a.parent_id) if a.parent_id else None
        (parent.children if parent else roots).append(nodes[a.pk])

    def sort(level: list[Node]) -> None:
        level.sort(key=lambda n: listing_order(n.agency))
        for n in level:
            sort(n.children)

    sort(roots)
    return roots


def closest_codes(code: str, limit: int = 5) -> list[Agency]:
    """The agencies whose code or name is nearest to `code`, for a "did you mean" after a
    mistyped code: codes that contain it or that it contains first, then similar spellings,
    then names that contain it (people type 司法局 where the code is demo-sfj)."""
    code = (code or "").strip().lower()
    agencies = list(Agency.objects.only("code", "name").order_by("code"))
    if not code:
        return agencies[:limit]
    by_code = {a.code.lower(): a for a in agencies}
    picked = [a for c, a in by_code.items() if code in c or c in code]
    picked += [
        by_code[c]
        for c in difflib.get_close_matches(code, list(by_code), n=limit, cutoff=0.5)
        if by_code[c] not in picked
    ]
    picked += [a for a in agencies if code in a.name.lower() and a not in picked]
    return picked[:limit]


def unknown_code_message(code: str) -> str:
    """One line for a code that names no agency, with the closest codes to use instead."""
    near = closest_codes(code)
    hint = "；".join(f"{a.code}（{a.name}）" for a in near)
    text = f"没有代码为 {code} 的机关"
    if hint:
        text += f"。相近的代码：{hint}"
    return text + "。用 xxgk agencies 列出全部机关"

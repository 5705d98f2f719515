"""Reads of the agency tree: the order agencies are listed in, and the tree itself."""

from __future__ import annotations

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

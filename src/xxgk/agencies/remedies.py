"""Who reviews an agency's acts (行政复议机关), and the remedy sentence (救济途径) of a reply.

The rules of the Administrative Reconsideration Law as revised on 1 September 2023 (in force
1 January 2024; 行政复议法), read from the agency tree (docs/decisions.md, 2026-12-02):

- `review_body` filled in: that text, always (the override, for what the tree cannot know).
- route SELF — a State Council department or a provincial government: the agency itself
  (art. 25 (1); art. 24 ¶2).
- route VERTICAL — 海关、金融、外汇管理等实行垂直领导的行政机关、税务和国家安全机关: the
  department one level up (art. 27): its parent when the parent is a department (the tree holds
  the authority above), otherwise the law's own words, 上一级主管部门.
- route JUSTICE — a 司法行政部门 that does the review work of its government: that government
  or the 司法行政部门 one level up (art. 28), the applicant's choice.
- route TREE (the default):
  - a government (including a 派出机关 such as a 街道办事处 under its government): the nearest
    government above it (art. 24 ¶1 (2) and (3)); 上一级人民政府 when the tree has none.
  - a department, the supervising office or a sub-unit (派出机构 acting in its own name, an
    organisation authorised by law and managed by a department, or a unit whose acts are its
    department's): the nearest government above it, that is the government the department
    belongs to (art. 24 ¶1 (1) and (4), ¶4); 本级人民政府 when the tree has none.

Before 2024 a local department's acts could also be reviewed by its department one level up;
the revised law gives them to its government alone, and 上一级主管部门 is right only for art. 27
agencies, so no wording here offers the two as alternatives.
The texts are Chinese on every page: they name authorities and are printed in letters.
"""

from __future__ import annotations

from collections.abc import Iterator

from .models import Agency

SAME_LEVEL_GOVERNMENT = "本级人民政府"
GOVERNMENT_ABOVE = "上一级人民政府"
DEPARTMENT_ABOVE = "上一级主管部门"  # art. 27's words; for vertically led agencies only
JUSTICE_ABOVE = "上一级司法行政部门"  # art. 28's words
OR = "或者"

Kind, Route = Agency.Kind, Agency.ReviewRoute


def _ancestors(agency: Agency) -> Iterator[Agency]:
    """The agencies above, nearest first (a loop in the tree ends the walk)."""
    seen = {agency.pk}
    current = agency.parent if agency.parent_id else None
    while current is not None and current.pk not in seen:
        yield current
        seen.add(current.pk)
        current = current.parent if current.parent_id else None


def _government_above(agency: Agency) -> Agency | None:
    return next((a for a in _ancestors(agency) if a.kind == Kind.GOVERNMENT), None)


def review_bodies(agency: Agency) -> tuple[str, ...]:
    """The review bodies an applicant may choose from (one, or two under art. 28)."""
    override = (agency.review_body or "").strip()
    if override:
        return (override,)
    route = agency.review_route
    if route == Route.SELF:
        return (agency.name,)
    if route == Route.VERTICAL:
        parent = agency.parent if agency.parent_id else None
        if parent is not None and parent.kind == Kind.DEPARTMENT:
            return (parent.name,)
        return (DEPARTMENT_ABOVE,)
    government = _government_above(agency)
    if route == Route.JUSTICE:
        return (government.name if government else SAME_LEVEL_GOVERNMENT, JUSTICE_ABOVE)
    if government is not None:
        return (government.name,)
    return (GOVERNMENT_ABOVE,) if agency.kind == Kind.GOVERNMENT else (SAME_LEVEL_GOVERNMENT,)


def review_body_text(agency: Agency, sep: str = OR) -> str:
    """The review bodies as one phrase: 示范市人民政府或者上一级司法行政部门 (pages in another
    language pass their own word for 或者)."""
    return sep.join(review_bodies(agency))


def remedy_notice(agency: Agency) -> str:
    """The remedy sentence that ends a reply letter: review within sixty days of knowing of the
    act (行政复议法 art. 20) — for a letter, of receiving it —, or an action in court within six
    months (行政诉讼法 art. 46)."""
    return (
        f"如对本答复不服，可以自收到本答复之日起六十日内向{review_body_text(agency)}"
        "申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
    )

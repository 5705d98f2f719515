"""Loading the demo catalog: the portals, topics and memberships, the items reconciled with
the plan through `xxgk.catalog.services`, and the table 二 figures."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.catalog import figures, services
from xxgk.catalog.models import AnnualFigures, Column, Item, Section, Topic
from xxgk.demo import people
from xxgk.holidays.calendar import work_calendar

from .plan import SEED, START, Key, Plan
from .profiles import PROFILES, Profile
from .topics import TOPICS
from .writer import Writer

REVIEW_OPINION = "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意发布"

# table 二 figures beyond the published decisions: 简易程序 penalties, licences not listed
EXTRA_DECISIONS = {
    "szf": (0, 0, 0),
    "sfj": (40, 2, 0),
    "sthjj": (120, 6, 2),
    "zjj": (260, 30, 3),
}
FEES_WAN = {"szf": (0, 0), "sfj": (0, 0), "sthjj": (0, 0), "zjj": (850, 2400)}


@dataclass
class CatalogResult:
    sections_created: int = 0
    columns_created: int = 0
    topics_created: int = 0
    memberships_created: int = 0
    items_created: int = 0
    actions: Counter = field(default_factory=Counter)  # service calls by name
    figures_created: int = 0
    refusals: list[str] = field(default_factory=list)


def index_code(profile: Profile) -> str:
    return profile.credit_code + people.uscc_check_char(profile.credit_code)


def _topics(result: CatalogResult) -> dict[tuple[str, str], Topic]:
    out: dict[tuple[str, str], Topic] = {}
    existing = {(t.parent_id, t.name): t for t in Topic.objects.all()}
    for i, (name, children) in enumerate(TOPICS):
        top = existing.get((None, name))
        if top is None:
            top = Topic.objects.create(name=name, order=i)
            result.topics_created += 1
        out[(name, "")] = top
        out[(name, name)] = top  # a top level without sub-themes (其他)
        for j, child in enumerate(children):
            sub = existing.get((top.pk, child))
            if sub is None:
                sub = Topic.objects.create(name=child, parent=top, order=j)
                result.topics_created += 1
            out[(name, child)] = sub
    return out


def _portal(writer: Writer, result: CatalogResult) -> dict[str, Column]:
    agency = writer.agency
    sections = {s.slug: s for s in Section.objects.filter(agency=agency)}
    columns = {c.slug: c for c in Column.objects.filter(agency=agency)}
    for order, (slug, name, cols) in enumerate(writer.sections()):
        section = sections.get(slug)
        if section is None:
            section = Section.objects.create(agency=agency, name=name, slug=slug, order=order)
            result.sections_created += 1
        for i, col in enumerate(cols):
            if col.slug not in columns:
                columns[col.slug] = Column.objects.create(
                    agency=agency,
                    section=section,
                    name=col.name,
                    slug=col.slug,
                    order=i,
                    description=col.description,
                )
                result.columns_created += 1
    return columns


def _memberships(agency: Agency, editor: User, reviewer: User, result: CatalogResult) -> None:
    for user, role in ((editor, Membership.Role.EDITOR), (reviewer, Membership.Role.REVIEWER)):
        _, made = Membership.objects.get_or_create(user=user, agency=agency, role=role)
        result.memberships_created += made


def _input(
    plan: Plan, agency: Agency, columns, topics, ids: dict[Key, int], body: str | None = None
) -> services.ItemInput:
    return services.ItemInput(
        title=plan.title,
        formed_on=plan.formed_on,
        body=plan.body if body is None else body,
        column_id=columns[plan.column].pk,
        document_number=plan.document_number,
        issuer=agency.name,
        topic_id=topics[plan.topic].pk,
        genre=plan.genre,
        mode=plan.mode,
        mode_reason=plan.mode_reason,
        content_kind=plan.content_kind,
        summary=plan.summary[:200],
        effective_on=plan.effective_on,
        interprets=[ids[k] for k in plan.interprets if k in ids],
    )


def _reconcile(
    writer: Writer,
    plans: list[Plan],
    columns: dict[str, Column],
    topics: dict,
    editor: User,
    reviewer: User,
    today: dt.date,
    result: CatalogResult,
) -> None:
    """Bring the agency's items to where the plan says they are today."""
    agency = writer.agency
    items = {(i.title, i.formed_on): i for i in Item.objects.filter(agency=agency)}
    ids = {k: i.pk for k, i in items.items()}
    S = Item.Status

    def call(name: str, fn: Callable, *args, **kw):
        result.actions[name] += 1
        return fn(*args, **kw)

    for plan in sorted(plans, key=lambda p: (p.publish_on, p.formed_on)):
        if plan.formed_on > today:
            continue
        # drafted on 成文日期, submitted halfway to the publication date, approved on it
        gap = writer.cal.workdays_between(plan.formed_on, plan.publish_on)
        submit_on = writer.cal.add_workdays(plan.formed_on, gap // 2)
        item = items.get(plan.key)
        if item is None:
            data = _input(plan, agency, columns, topics, ids)
            item = call("create_draft", services.create_draft, agency, data=data, actor=editor)
            items[plan.key], ids[plan.key] = item, item.pk
            result.items_created += 1
            if plan.returned and plan.publish_on <= today:  # returned once, then approved
                item = call("submit_for_review", services.submit_for_review, item, actor=editor)
                call("review", services.reject, item, opinion=plan.returned,
                     actor=reviewer, on=plan.publish_on)  # fmt: skip
                item.refresh_from_db()
        if item.status == S.DRAFT and submit_on <= today:
            item = call("submit_for_review", services.submit_for_review, item, actor=editor)
        if item.status == S.IN_REVIEW and plan.publish_on <= today:
            call("review", services.approve, item, opinion=REVIEW_OPINION,
                 actor=reviewer, on=plan.publish_on)  # fmt: skip
            item.refresh_from_db()
        if item.status != S.PUBLISHED:
            continue
        if plan.withdraw and writer.cal.add_workdays(plan.publish_on, 3) <= today:
            item = call("withdraw", services.withdraw, item, reason=plan.withdraw, actor=editor)
            continue
        if plan.revision and plan.revision[0] <= today and item.version == 1:
            on, body, reason = plan.revision
            data = _input(plan, agency, columns, topics, ids, body=body)
            call("revise", services.revise, item, data=data, reason=reason, actor=editor)
            call("review", services.approve, item, opinion=REVIEW_OPINION,
                 actor=reviewer, on=on)  # fmt: skip
        takes_effect = plan.effective_on or plan.publish_on
        if plan.supersedes and takes_effect <= today:
            old_key, validity = plan.supersedes
            old = items.get(old_key)
            if old is not None and old.replaced_by_id != item.pk:
                items[old_key] = call(
                    "set_validity", services.set_validity, old, validity=validity,
                    on=takes_effect, actor=editor, replaced_by=item,
                    reason=f"被《{plan.name}》{'修改' if validity == 'amended' else '废止'}",
                )  # fmt: skip
    for plan in plans:  # 有效期 that ended without a successor
        item = items.get(plan.key)
        if (
            plan.expires_on
            and plan.expires_on <= today
            and item is not None
            and item.validity == Item.Validity.VALID
        ):
            items[plan.key] = call(
                "set_validity", services.set_validity, item, validity=Item.Validity.EXPIRED,
                on=plan.expires_on, actor=editor, reason="有效期届满",
            )  # fmt: skip


def _figures(
    writer: Writer, plans: list[Plan], editor: User, today: dt.date, result: CatalogResult
) -> None:
    """Table 二 figures of the past full years: the published decisions and a few more."""
    key = writer.profile.key
    if key not in EXTRA_DECISIONS:
        return
    have = set(AnnualFigures.objects.filter(agency=writer.agency).values_list("year", flat=True))
    counted = Counter((p.counts_as, p.formed_on.year) for p in plans if p.counts_as)
    extra = EXTRA_DECISIONS[key]
    for year in range(START.year, today.year):
        if year in have:
            continue
        rng = random.Random(f"{SEED}:{key}:figures:{year}")
        lo, hi = FEES_WAN[key]
        fee = Decimal(rng.randint(lo * 100, hi * 100)) / 100 if hi else Decimal(0)
        values = figures.Figures(
            licensing=counted["licensing", year] + rng.randint(extra[0] // 2, extra[0]),
            penalty=counted["penalty", year] + rng.randint(extra[1] // 2, extra[1]),
            coercion=counted["coercion", year] + rng.randint(extra[2] // 2, extra[2]),
            fee_wan=fee,
        )
        figures.save_figures(writer.agency, year, values, actor=editor)
        result.figures_created += 1


def load_catalog(
    agencies: dict[str, Agency],
    users: dict[str, User],
    *,
    today: dt.date | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> CatalogResult:
    """The demo catalog for the demo agencies (by demo key: szf, gkb, sfj, sthjj, zjj)."""
    result = CatalogResult()
    today = today or timezone.localdate()
    cal = work_calendar()
    editor, reviewer = users["editor"], users["reviewer"]
    topics = _topics(result)
    for key, profile in PROFILES.items():
        agency = agencies[key]
        if not agency.index_code:
            agency.index_code = index_code(profile)
            agency.full_clean()
            agency.save(update_fields=["index_code"])
        _memberships(agency, editor, reviewer, result)
        writer = Writer(profile, agency, cal)
        columns = _portal(writer, result)
        plans = writer.write(today)
        try:
            _reconcile(writer, plans, columns, topics, editor, reviewer, today, result)
        except services.ActionRefused as e:  # should not happen: the plan follows the rules
            result.refusals.append(f"{agency.code}: {e}")
        _figures(writer, plans, editor, today, result)
        if progress:
            progress(key, result.items_created)
    return result

"""Every state change of a catalog item: draft → confidentiality review → published →
revised or withdrawn. One function each: checks who and in which state, writes, records the
event, keeps the search index in step. Nothing is published without an approving review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

import nh3
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import permissions
from xxgk.accounts.models import Membership, User
from xxgk.agencies.models import Agency
from xxgk.errors import ActionRefused
from xxgk.holidays.calendar import work_calendar

from . import search
from .models import Column, IndexSeries, Item, ItemEvent, ItemVersion, Review

PUBLISH_WITHIN_WORKDAYS = 20  # art. 26

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "caption",
    "a", "img", "span", "div", "hr", "pre", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


@dataclass(frozen=True)
class ItemInput:
    """What an editor writes: the item's content and catalog metadata."""

    title: str
    formed_on: dt.date
    body: str = ""
    column_id: int | None = None
    document_number: str = ""
    issuer: str = ""
    topic_id: int | None = None
    genre: str = Item.Genre.OTHER_DOCUMENT
    mode: str = Item.Mode.PROACTIVE
    mode_reason: str = ""
    content_kind: str = Item.ContentKind.CATALOG
    summary: str = ""
    validity: str = ""
    effective_on: dt.date | None = None
    interprets: list[int] = field(default_factory=list)
    clarifies_id: int | None = None


def _same_site_images(tag: str, attribute: str, value: str) -> str | None:
    """An image comes from this site only (a path, not another host): the CSP would block an
    outside one anyway, and the stored HTML should not keep a tracker's address."""
    if tag == "img" and attribute == "src":
        text = value.strip()
        if not text.startswith("/") or text.startswith("//") or "\\" in text:
            return None
    return value


def sanitise(body: str) -> str:
    """Rich text without scripts, event handlers, styles, javascript: links or images from
    other sites."""
    return nh3.clean(
        body or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_same_site_images,
    )


# ------------------------------------------------------------------ who may do what


def _require(user: User | None, agency_id: int, role: str, what: str) -> None:
    if not permissions.has_role(user, agency_id, role):
        raise PermissionDenied(f"您没有本机关的{what}权限")


# ------------------------------------------------------------------ helpers


def _event(item: Item, kind: str, actor: User | None, reason: str = "", **data) -> ItemEvent:
    return ItemEvent.objects.create(item=item, kind=kind, actor=actor, reason=reason, data=data)


def _lock(item: Item) -> Item:
    return Item.objects.select_for_update().get(pk=item.pk)


# Every field an editor writes (ItemInput's), besides the title, the body and the interpreted
# items: what `_apply` sets, what each version records and what an approved revision publishes —
# one list, so that none of the three can forget a field.
VERSIONED_FIELDS = tuple(
    f.name for f in fields(ItemInput) if f.name not in ("title", "body", "interprets")
)
DATE_FIELDS = frozenset({"formed_on", "effective_on"})


def _apply(item: Item, data: ItemInput) -> None:
    if not data.title.strip():
        raise ActionRefused("标题不能为空")
    if data.mode != Item.Mode.PROACTIVE and not data.mode_reason.strip():
        raise ActionRefused("依申请公开或不予公开的信息须写明理由")
    if data.column_id is not None and not (
        Column.objects.filter(pk=data.column_id, agency_id=item.agency_id).exists()
    ):
        raise ActionRefused("栏目不属于本机关")
    item.title = data.title
    item.body = sanitise(data.body)
    for name in VERSIONED_FIELDS:
        value = getattr(data, name)
        if name == "column_id" and value is None:
            continue  # the column stays
        setattr(item, name, value)
    if item.genre in (Item.Genre.RULE, Item.Genre.NORMATIVE) and not item.validity:
        item.validity = Item.Validity.VALID


def _metadata(item: Item, interprets: list[int]) -> dict:
    meta = {name: getattr(item, name) for name in VERSIONED_FIELDS}
    for name in DATE_FIELDS:
        meta[name] = meta[name].isoformat() if meta[name] else None
    meta["interprets"] = sorted(interprets)
    return meta


def _restore(item: Item, version: ItemVersion) -> None:
    """The item's public fields become the version's (an approved revision)."""
    item.title, item.body = version.title, version.body
    meta = version.metadata
    for name in VERSIONED_FIELDS:
        if name not in meta:  # versions recorded before the field was kept
            continue
        value = meta[name]
        if name in DATE_FIELDS and value:
            value = dt.date.fromisoformat(value)
        setattr(item, name, value)
    item.version = version.number
    item.save()
    if "interprets" in meta:
        item.interprets.set(
            Item.objects.filter(pk__in=meta["interprets"], agency_id=item.agency_id)
        )


def _snapshot(
    item: Item, number: int, state: str, actor: User | None, interprets: list[int] | None = None
) -> ItemVersion:
    if interprets is None:
        interprets = list(item.interprets.values_list("pk", flat=True))
    version, _ = ItemVersion.objects.update_or_create(
        item=item,
        number=number,
        defaults={
            "title": item.title,
            "body": item.body,
            "metadata": _metadata(item, interprets),
            "state": state,
            "created_by": actor,
        },
    )
    return version


def next_index_number(agency: Agency, on: dt.date) -> str:
    """The agency's next 索引号 for `on`'s year: serials are never reused (locked series)."""
    series, _ = IndexSeries.objects.select_for_update().get_or_create(agency=agency, year=on.year)
    series.last_serial += 1
    series.save(update_fields=["last_serial"])
    code = agency.index_code or agency.code.upper()
    try:
        return agency.index_pattern.format(
            code=code, year=on.year, month=on.month, serial=series.last_serial
        )
    except (KeyError, IndexError, ValueError):
        return f"{code}/{on.year}-{series.last_serial:05d}"


def is_late(formed_on: dt.date, published_on: dt.date) -> bool:
    """Art. 26: published more than 20 working days after the information was formed."""
    if published_on <= formed_on:
        return False
    return work_calendar().workdays_between(formed_on, published_on) > PUBLISH_WITHIN_WORKDAYS


# ------------------------------------------------------------------ the workflow


@transaction.atomic
def create_draft(agency: Agency, *, data: ItemInput, actor: User) -> Item:
    _require(actor, agency.pk, Membership.Role.EDITOR, "信息编辑")
    if data.column_id is None:
        raise ActionRefused("请选择栏目")
    item = Item(agency=agency, created_by=actor, formed_on=data.formed_on)
    _apply(item, data)
    item.full_clean(exclude=["index_number", "column"])
    item.save()
    item.interprets.set(Item.objects.filter(pk__in=data.interprets, agency=agency))
    _snapshot(item, 1, ItemVersion.State.DRAFT, actor)
    _event(item, ItemEvent.Kind.DRAFTED, actor)
    return item


@transaction.atomic
def edit_draft(item: Item, *, data: ItemInput, actor: User) -> Item:
    item = _lock(item)
    _require(actor, item.agency_id, Membership.Role.EDITOR, "信息编辑")
    if item.status != Item.Status.DRAFT:
        raise ActionRefused("只有草稿可以直接修改；已发布的信息请用“修订”")
    _apply(item, data)
    item.save()
    item.interprets.set(Item.objects.filter(pk__in=data.interprets, agency_id=item.agency_id))
    _snapshot(item, item.version, ItemVersion.State.DRAFT, actor)
    _event(item, ItemEvent.Kind.EDITED, actor)
    return item


@transaction.atomic
def submit_for_review(item: Item, *, actor: User) -> Item:
    item = _lock(item)
    _require(actor, item.agency_id, Membership.Role.EDITOR, "信息编辑")
    if item.status != Item.Status.DRAFT:
        raise ActionRefused(f"该信息当前状态为“{item.get_status_display()}”，不能提交审查")
    item.status = Item.Status.IN_REVIEW
    item.save(update_fields=["status", "updated_at"])
    _snapshot(item, item.version, ItemVersion.State.PENDING, actor)
    _event(item, ItemEvent.Kind.SUBMITTED, actor, version=item.version)
    return item


@transaction.atomic
def revise(item: Item, *, data: ItemInput, reason: str, actor: User) -> ItemVersion:
    """A new version of a published item: it waits for review while the published one stays."""
    item = _lock(item)
    _require(actor, item.agency_id, Membership.Role.EDITOR, "信息编辑")
    if item.status != Item.Status.PUBLISHED:
        raise ActionRefused("只有已发布的信息可以修订")
    if item.versions.filter(state=ItemVersion.State.PENDING).exists():
        raise ActionRefused("该信息已有待审查的修订版本")
    draft = Item(
        pk=item.pk, agency_id=item.agency_id, column_id=item.column_id, formed_on=item.formed_on
    )
    _apply(draft, data)
    version = _snapshot(
        draft, item.version + 1, ItemVersion.State.PENDING, actor, interprets=data.interprets
    )
    _event(item, ItemEvent.Kind.REVISED, actor, reason, version=version.number)
    return version


def _pending(item: Item, opinion: str, actor: User) -> ItemVersion:
    """The version awaiting 保密审查, if `actor` may review it now."""
    _require(actor, item.agency_id, Membership.Role.REVIEWER, "保密审查")
    if not opinion.strip():
        raise ActionRefused("请填写审查意见")
    pending = item.versions.filter(state=ItemVersion.State.PENDING).order_by("-number").first()
    if pending is None:
        raise ActionRefused("没有待审查的版本")
    if pending.created_by_id == actor.pk:
        raise ActionRefused("审查人不能审查自己起草或修订的内容")
    return pending


def _review(item: Item, version: ItemVersion, decision: str, opinion: str, actor, on) -> Review:
    return Review.objects.create(
        item=item,
        version=version.number,
        reviewer=actor,
        decision=decision,
        opinion=opinion,
        reviewed_on=on or timezone.localdate(),
    )


@transaction.atomic
def approve(item: Item, *, opinion: str, actor: User, on: dt.date | None = None) -> Review:
    """保密审查 passed (art. 17): the pending version is published — a new item gets its 索引号
    and publication date; a revision replaces every field of the published content."""
    item = _lock(item)
    pending = _pending(item, opinion, actor)
    record = _review(item, pending, Review.Decision.APPROVED, opinion, actor, on)
    _event(item, ItemEvent.Kind.APPROVED, actor, opinion, version=pending.number)
    if item.status == Item.Status.PUBLISHED:
        _restore(item, pending)
    else:
        item.status = Item.Status.PUBLISHED
        item.published_on = record.reviewed_on
        item.index_number = item.index_number or next_index_number(item.agency, item.published_on)
        item.late = is_late(item.formed_on, item.published_on)
        item.save()
    pending.state = ItemVersion.State.PUBLISHED
    pending.save(update_fields=["state"])
    _event(item, ItemEvent.Kind.PUBLISHED, actor, version=item.version, late=item.late)
    search.index_item(item)
    return record


@transaction.atomic
def reject(item: Item, *, opinion: str, actor: User, on: dt.date | None = None) -> Review:
    """保密审查 returned the pending version for changes: a draft goes back to its editor; a
    revision is set aside and the published version stays."""
    item = _lock(item)
    pending = _pending(item, opinion, actor)
    record = _review(item, pending, Review.Decision.RETURNED, opinion, actor, on)
    pending.state = ItemVersion.State.RETURNED
    pending.save(update_fields=["state"])
    if item.status == Item.Status.IN_REVIEW:
        item.status = Item.Status.DRAFT
        item.save(update_fields=["status", "updated_at"])
    _event(item, ItemEvent.Kind.RETURNED, actor, opinion, version=pending.number)
    return record


@transaction.atomic
def withdraw(item: Item, *, reason: str, actor: User) -> Item:
    item = _lock(item)
    _require(actor, item.agency_id, Membership.Role.EDITOR, "信息编辑")
    if item.status != Item.Status.PUBLISHED:
        raise ActionRefused("只有已发布的信息可以撤回")
    if not reason.strip():
        raise ActionRefused("请写明撤回理由")
    item.status = Item.Status.WITHDRAWN
    item.save(update_fields=["status", "updated_at"])
    _event(item, ItemEvent.Kind.WITHDRAWN, actor, reason)
    search.index_item(item)
    return item


@transaction.atomic
def set_validity(
    item: Item,
    *,
    validity: str,
    on: dt.date,
    actor: User,
    replaced_by: Item | None = None,
    reason: str = "",
) -> Item:
    """有效性 of a rule or normative document: 有效 / 已修改 / 废止 / 失效, linked to its successor."""
    item = _lock(item)
    _require(actor, item.agency_id, Membership.Role.EDITOR, "信息编辑")
    if validity not in Item.Validity.values:
        raise ActionRefused("有效性应为有效、已修改、废止或失效")
    if replaced_by is not None and replaced_by.pk == item.pk:
        raise ActionRefused("不能以自身作为替代文件")
    before = item.validity
    item.validity = validity
    item.replaced_by = replaced_by
    item.repealed_on = on if validity in (Item.Validity.REPEALED, Item.Validity.EXPIRED) else None
    item.save()
    _event(
        item,
        ItemEvent.Kind.VALIDITY_CHANGED,
        actor,
        reason,
        before=before,
        after=validity,
        on=str(on),
    )
    return item

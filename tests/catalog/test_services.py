"""Catalog workflow: nothing public without review; versions kept; search follows the state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tests.applications import factories
from xxgk.catalog import search, services
from xxgk.catalog.models import Column, Item, ItemVersion, Section, Topic

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def desk():
    agency = factories.agency(
        code="sthjj", name="示范市生态环境局", index_code="11210400MB0000000X"
    )
    section = Section.objects.create(agency=agency, name="法定主动公开内容", slug="fdzdgknr")
    column = Column.objects.create(agency=agency, section=section, name="政策文件", slug="zcwj")
    editor = factories.user(agency, role="editor")
    reviewer = factories.user(agency, role="reviewer")
    return agency, column, editor, reviewer


def draft(agency, column, editor, **kw):
    data = dict(
        title="关于加强生态环境保护的通知",
        formed_on=D(2024, 3, 1),
        column_id=column.pk,
        body="<p>为加强环保工作，现通知如下。</p>",
    )
    data.update(kw)
    return services.create_draft(agency, data=services.ItemInput(**data), actor=editor)


def published_ids(q):
    return list(
        search.matching(Item.objects.filter(status="published"), q).values_list("pk", flat=True)
    )


def test_draft_review_publish_and_search(desk):
    agency, column, editor, reviewer = desk
    item = draft(agency, column, editor)
    assert not item.is_public and published_ids("环保") == []
    services.submit_for_review(item, actor=editor)
    services.approve(item, opinion="不涉密，同意发布", actor=reviewer, on=D(2024, 3, 5))
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED and item.published_on == D(2024, 3, 5)
    assert item.index_number == "11210400MB0000000X/2024-00001"
    assert not item.late
    assert published_ids("环保") == [item.pk]  # two characters inside 环保工作
    assert published_ids("生态环境") == [item.pk]
    services.withdraw(item, reason="内容调整", actor=editor)
    assert published_ids("环保") == []


def test_the_reviewer_cannot_review_their_own_text_and_editors_cannot_review(desk):
    agency, column, editor, reviewer = desk
    item = draft(agency, column, editor)
    services.submit_for_review(item, actor=editor)
    with pytest.raises(PermissionDenied):
        services.approve(item, opinion="ok", actor=editor)


def test_returned_goes_back_to_draft(desk):
    agency, column, editor, reviewer = desk
    item = draft(agency, column, editor)
    services.submit_for_review(item, actor=editor)
    services.reject(item, opinion="附件含个人信息，请删除", actor=reviewer)
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT and not item.is_public


def test_a_revision_waits_for_review_and_the_published_version_stays(desk):
    agency, column, editor, reviewer = desk
    item = draft(agency, column, editor)
    services.submit_for_review(item, actor=editor)
    services.approve(item, opinion="同意", actor=reviewer, on=D(2024, 3, 5))
    services.revise(
        item,
        data=services.ItemInput(
            title="关于加强生态环境保护的通知（修订）",
            formed_on=D(2024, 3, 1),
            body="<p>修订后的正文。</p>",
        ),
        reason="更正错字",
        actor=editor,
    )
    item.refresh_from_db()
    assert item.title == "关于加强生态环境保护的通知" and item.is_public
    services.approve(item, opinion="同意", actor=reviewer, on=D(2024, 3, 8))
    item.refresh_from_db()
    assert item.title.endswith("（修订）") and item.version == 2
    assert list(item.versions.values_list("number", "state")) == [
        (1, ItemVersion.State.PUBLISHED),
        (2, ItemVersion.State.PUBLISHED),
    ]
    assert published_ids("修订") == [item.pk] and published_ids("环保") == []


def test_an_approved_revision_publishes_every_field_it_changes(desk):
    """Regression: approving a revision used to drop a change of column, issuer or effective
    date (three hand-written field lists had drifted apart)."""
    agency, column, editor, reviewer = desk
    other_column = Column.objects.create(
        agency=agency, section=column.section, name="通知公告", slug="tzgg"
    )
    topic = Topic.objects.create(name="环境监测、保护与治理")
    basis = draft(agency, column, editor, title="示范市生态环境保护条例实施办法")
    services.submit_for_review(basis, actor=editor)
    services.approve(basis, opinion="同意", actor=reviewer, on=D(2024, 3, 2))
    item = draft(agency, column, editor, genre=Item.Genre.NORMATIVE, issuer="办公室")
    services.submit_for_review(item, actor=editor)
    services.approve(item, opinion="同意", actor=reviewer, on=D(2024, 3, 5))
    revised = services.ItemInput(
        title="关于加强生态环境保护的通知（修订）",
        formed_on=D(2024, 3, 4),
        body="<p>修订后的正文。</p>",
        column_id=other_column.pk,
        document_number="示环发〔2024〕9号",
        issuer="示范市生态环境局",
        topic_id=topic.pk,
        genre=Item.Genre.INTERPRETATION,
        content_kind=Item.ContentKind.NEWS,
        summary="修订后的概述",
        validity=Item.Validity.AMENDED,
        effective_on=D(2024, 4, 1),
        interprets=[basis.pk],
        clarifies_id=basis.pk,
    )
    services.revise(item, data=revised, reason="调整栏目、发布机构和施行日期", actor=editor)
    before = Item.objects.get(pk=item.pk)
    assert (before.column_id, before.issuer, before.effective_on) == (column.pk, "办公室", None)
    services.approve(item, opinion="同意", actor=reviewer, on=D(2024, 3, 8))
    item = Item.objects.get(pk=item.pk)
    expected = {name: getattr(revised, name) for name in services.VERSIONED_FIELDS}
    assert {name: getattr(item, name) for name in services.VERSIONED_FIELDS} == expected
    assert (item.title, item.body) == (revised.title, revised.body)
    assert list(item.interprets.values_list("pk", flat=True)) == [basis.pk]
    assert item.version == 2 and item.published_on == D(2024, 3, 5)
    # the three the old field lists dropped, named for whoever reads a failure
    assert (item.column_id, item.issuer, item.effective_on) == (
        other_column.pk,
        "示范市生态环境局",
        D(2024, 4, 1),
    )


def test_a_returned_revision_changes_nothing_published(desk):
    agency, column, editor, reviewer = desk
    item = draft(agency, column, editor)
    services.submit_for_review(item, actor=editor)
    services.approve(item, opinion="同意", actor=reviewer, on=D(2024, 3, 5))
    services.revise(
        item,
        data=services.ItemInput(title="改过的标题", formed_on=D(2024, 3, 1), issuer="别处"),
        reason="试改",
        actor=editor,
    )
    services.reject(item, opinion="不宜修改", actor=reviewer, on=D(2024, 3, 6))
    item.refresh_from_db()
    assert (item.title, item.issuer, item.version, item.status) == (
        "关于加强生态环境保护的通知",
        "",
        1,
        Item.Status.PUBLISHED,
    )
    assert item.versions.get(number=2).state == ItemVersion.State.RETURNED


def test_script_is_removed_from_rich_text(desk):
    agency, column, editor, _ = desk
    item = draft(
        agency,
        column,
        editor,
        body='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>',
    )
    assert (
        "<script" not in item.body and "onclick" not in item.body and "javascript:" not in item.body
    )
    assert "正文" in item.body


def test_late_publication_is_flagged(desk):
    agency, column, editor, reviewer = desk
    item = draft(agency, column, editor, formed_on=D(2024, 1, 2))
    services.submit_for_review(item, actor=editor)
    services.approve(item, opinion="同意", actor=reviewer, on=D(2024, 3, 1))
    item.refresh_from_db()
    assert item.late


def test_index_numbers_are_never_reused(desk):
    agency, column, editor, reviewer = desk
    numbers = []
    for i in range(3):
        item = draft(agency, column, editor, title=f"通知{i}")
        services.submit_for_review(item, actor=editor)
        services.approve(item, opinion="同意", actor=reviewer, on=D(2024, 3, 5))
        item.refresh_from_db()
        numbers.append(item.index_number)
        services.withdraw(item, reason="x", actor=editor)
    assert numbers == [f"11210400MB0000000X/2024-0000{i}" for i in (1, 2, 3)]


def test_not_proactive_needs_a_reason(desk):
    agency, column, editor, _ = desk
    with pytest.raises(services.ActionRefused, match="理由"):
        draft(agency, column, editor, mode=Item.Mode.NOT_DISCLOSED)


@pytest.mark.parametrize("q", ["", "，。！", "x" * 10000, "'\" OR 1=1 --", "AND OR NOT * ( )"])
def test_odd_queries_are_safe(desk, q):
    assert published_ids(q) == []

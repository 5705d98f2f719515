"""Table 二 from the catalog and the entered figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.applications import factories
from xxgk.catalog import services
from xxgk.catalog.models import AnnualFigures, Column, Item, Section
from xxgk.catalog.queries import published_counts, table2_counts

pytestmark = pytest.mark.django_db
D = dt.date


def publish(
    agency,
    column,
    editor,
    reviewer,
    *,
    genre,
    formed_on,
    published_on,
    kind=Item.ContentKind.CATALOG,
):
    item = services.create_draft(
        agency,
        data=services.ItemInput(
            title=f"{genre}{formed_on}",
            formed_on=formed_on,
            column_id=column.pk,
            genre=genre,
            content_kind=kind,
        ),
        actor=editor,
    )
    services.submit_for_review(item, actor=editor)
    services.approve(item, opinion="同意", actor=reviewer, on=published_on)
    item.refresh_from_db()
    return item


def test_table_two_counts_issued_repealed_and_in_force():
    agency = factories.agency()
    section = Section.objects.create(agency=agency, name="法定主动公开内容", slug="f")
    column = Column.objects.create(agency=agency, section=section, name="规范性文件", slug="g")
    editor, reviewer = (
        factories.user(agency, role="editor"),
        factories.user(agency, role="reviewer"),
    )
    old = publish(
        agency,
        column,
        editor,
        reviewer,
        genre=Item.Genre.NORMATIVE,
        formed_on=D(2023, 5, 1),
        published_on=D(2023, 5, 8),
    )
    publish(
        agency,
        column,
        editor,
        reviewer,
        genre=Item.Genre.NORMATIVE,
        formed_on=D(2024, 2, 1),
        published_on=D(2024, 2, 5),
    )
    publish(
        agency,
        column,
        editor,
        reviewer,
        genre=Item.Genre.RULE,
        formed_on=D(2024, 6, 1),
        published_on=D(2024, 6, 3),
        kind=Item.ContentKind.OVERVIEW,
    )
    services.set_validity(old, validity=Item.Validity.REPEALED, on=D(2024, 9, 1), actor=editor)
    AnnualFigures.objects.create(
        agency=agency, year=2024, licensing_decisions=188, fee_amount=Decimal("1.25")
    )
    t2 = table2_counts([agency.pk], 2024)
    assert t2["art20_1.normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 1}
    assert t2["art20_1.regulations"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert t2["art20_5.admin_licensing"]["decisions"] == 188
    assert t2["art20_6.admin_penalty"]["decisions"] is None
    assert t2["art20_8.admin_fees"]["fee_amount"] == Decimal("1.25")
    t2_2023 = table2_counts([agency.pk], 2023)
    assert t2_2023["art20_1.normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 1}
    v19 = table2_counts([agency.pk], 2024, "v2019")
    assert v19["art20_1.normative_documents"] == {
        "newly_made": 1,
        "newly_published": 1,
        "total_published": 2,
    }
    counts = published_counts([agency.pk], 2024)
    assert counts["total"]["all"] == 2 and counts["by_kind"] == {"catalog": 1, "overview": 1}

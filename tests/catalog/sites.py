"""A small cluster for the catalog's page tests: a city government, two of its bureaus, a
disclosure section with columns, two topics, editors and reviewers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.applications import factories
from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.catalog import services
from xxgk.catalog.models import Column, Item, Section, Topic

D = dt.date
PUBLISHED_ON = D(2025, 3, 10)


@dataclass
class Site:
    government: Agency
    bureau: Agency
    other: Agency
    documents: Column
    interpretations: Column
    rules: Column
    other_column: Column
    environment: Topic
    openness: Topic
    editor: User
    reviewer: User
    other_editor: User
    other_reviewer: User


@pytest.fixture
def site(db) -> Site:
    government = factories.agency(
        code="sfs", name="示范市人民政府", kind=Agency.Kind.GOVERNMENT, short_name="示范市政府"
    )
    bureau = factories.agency(
        code="sthjj",
        name="示范市生态环境局",
        parent=government,
        index_code="11210400MB0000000X",
        office_name="示范市生态环境局办公室",
        office_address="示范市人民路1号",
        office_postcode="100001",
        office_hours="工作日 9:00—17:00",
        office_phone="010-12345678",
        office_fax="010-12345679",
        office_email="gk@sthjj.example.gov.cn",
        review_body="示范市人民政府",
    )
    other = factories.agency(code="sfj", name="示范市司法局", parent=government)
    section = Section.objects.create(agency=bureau, name="法定主动公开内容", slug="fdzdgknr")
    system = Section.objects.create(agency=bureau, name="公开制度", slug="zd", order=1)
    documents = Column.objects.create(
        agency=bureau, section=section, name="政策文件", slug="zcwj", description="规章和规范性文件"
    )
    interpretations = Column.objects.create(
        agency=bureau, section=section, name="政策解读", slug="zcjd", order=1
    )
    rules = Column.objects.create(
        agency=bureau, section=system, name="政府信息公开制度", slug="gkzd"
    )
    other_section = Section.objects.create(agency=other, name="法定主动公开内容", slug="fd")
    other_column = Column.objects.create(
        agency=other, section=other_section, name="通知公告", slug="tzgg"
    )
    top = Topic.objects.create(name="城乡建设、环境保护")
    environment = Topic.objects.create(name="环境监测、保护与治理", parent=top)
    general = Topic.objects.create(name="综合政务", order=1)
    openness = Topic.objects.create(name="政务公开", parent=general)
    return Site(
        government=government,
        bureau=bureau,
        other=other,
        documents=documents,
        interpretations=interpretations,
        rules=rules,
        other_column=other_column,
        environment=environment,
        openness=openness,
        editor=factories.user(bureau, role="editor", username="editor"),
        reviewer=factories.user(bureau, role="reviewer", username="reviewer"),
        other_editor=factories.user(other, role="editor", username="other-editor"),
        other_reviewer=factories.user(other, role="reviewer", username="other-reviewer"),
    )


def draft(site: Site, *, agency=None, column=None, editor=None, **kw) -> Item:
    data = dict(
        title="关于加强大气污染防治工作的通知",
        formed_on=D(2025, 3, 3),
        column_id=(column or site.documents).pk,
        body="<p>为改善空气质量，现就<strong>扬尘治理</strong>有关事项通知如下。</p>",
    )
    data.update(kw)
    return services.create_draft(
        agency or site.bureau, data=services.ItemInput(**data), actor=editor or site.editor
    )


def publish(site: Site, *, on=PUBLISHED_ON, agency=None, editor=None, reviewer=None, **kw):
    item = draft(site, agency=agency, editor=editor, **kw)
    services.submit_for_review(item, actor=editor or site.editor)
    services.approve(item, opinion="不涉密，同意发布", actor=reviewer or site.reviewer, on=on)
    item.refresh_from_db()
    return item

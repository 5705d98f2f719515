"""A small published world for the API: the catalog's test cluster with public items, and a
published annual report with a correction (two versions) whose tables carry an error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.applications import factories
from tests.catalog.sites import Site, publish, site  # noqa: F401  (the fixture)
from xxgk.catalog.models import Item
from xxgk.reports import services as reports
from xxgk.reports.models import AnnualReport


@dataclass
class World:
    site: Site
    items: list[Item]
    report: AnnualReport


@pytest.fixture
def world(site: Site) -> World:  # noqa: F811
    items = [
        publish(site, title=f"第{i}号通知", on=dt.date(2025, 1, 1) + dt.timedelta(days=i))
        for i in range(7)
    ]
    items.append(
        publish(site, title="环境监测年报", topic_id=site.environment.pk, on=dt.date(2024, 5, 6))
    )
    head = factories.user(site.bureau, role="head", username="head")
    handler = factories.user(site.bureau, role="handler", username="handler")
    report = reports.create_draft(site.bureau, year=2024, actor=handler)
    data = dict(report.data)
    t3 = {k: dict(v) for k, v in data["t3"].items()}
    t3["new_received"]["natural_person"] = 5  # the row total stays 0: an error on purpose
    data["t3"] = t3
    report.data = data
    report.save(update_fields=["data"])
    reports.approve(report, actor=head)
    reports.publish(report, actor=head, override_reason="按原件发布")
    report = reports.reopen_for_correction(report, note="更正表三", actor=head)
    reports.approve(report, actor=head)
    reports.publish(report, actor=head, override_reason="按原件发布")
    report.refresh_from_db()
    return World(site, items, report)

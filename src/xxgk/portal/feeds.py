"""Atom feed per column: its latest published items (Django syndication)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from xxgk.catalog import search
from xxgk.catalog.models import Column, Item

FEED_ITEMS = 20


class ColumnFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, agency_code: str, column_slug: str) -> Column:
        return get_object_or_404(
            Column.objects.select_related("agency"), agency__code=agency_code, slug=column_slug
        )

    def title(self, obj: Column) -> str:
        return f"{obj.agency.name} · {obj.name}"

    def subtitle(self, obj: Column) -> str:
        return obj.description or _("%(agency)s政府信息公开 · %(column)s") % {
            "agency": obj.agency.name,
            "column": obj.name,
        }

    def link(self, obj: Column) -> str:
        return reverse("portal:column", args=[obj.agency.code, obj.slug])

    def items(self, obj: Column):
        return (
            Item.objects.public()
            .filter(column=obj)
            .select_related("agency")
            .order_by("-published_on", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        # Atom's <summary type="html"> is HTML: the text, whose entities plain_text decoded
        # (&lt;img …&gt; became <img …>), is escaped again so a reader shows it as text
        return escape(item.summary or search.plain_text(item.body)[:200])

    def item_link(self, item: Item) -> str:
        return reverse("portal:item", args=[item.agency.code, item.pk])

    def item_pubdate(self, item: Item) -> dt.datetime | None:
        if item.published_on is None:
            return None
        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time()))

    def item_updateddate(self, item: Item) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Item) -> str:
        return item.issuer or item.agency.name

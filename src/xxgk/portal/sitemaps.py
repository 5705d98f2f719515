"""sitemap.xml: every agency's disclosure home, its columns and its published items."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from xxgk.agencies.models import Agency
from xxgk.catalog.models import Column, Item


class AgencySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Agency.objects.order_by("code")

    def location(self, obj: Agency) -> str:
        return reverse("portal:agency", args=[obj.code])


class ColumnSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Column.objects.select_related("agency").order_by("agency__code", "pk")

    def location(self, obj: Column) -> str:
        return reverse("portal:column", args=[obj.agency.code, obj.slug])


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Item.objects.public().select_related("agency").order_by("pk")

    def location(self, obj: Item) -> str:
        return reverse("portal:item", args=[obj.agency.code, obj.pk])

    def lastmod(self, obj: Item):
        return obj.updated_at


SITEMAPS = {"agencies": AgencySitemap, "columns": ColumnSitemap, "items": ItemSitemap}

"""URLs of 主动公开: staff pages (namespace `catalog`, under /staff/) and the public portal
(namespace `portal`: /gk/…, /search/, /sitemap.xml). The site's home is `portal_views.home`."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import public_views, views
from .feeds import ColumnFeed
from .sitemaps import SITEMAPS

app_name = "catalog"

urlpatterns = [
    path("items/", views.item_list, name="items"),
    path("items/new/", views.item_new, name="item_new"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/revise/", views.item_revise, name="item_revise"),
    path(
        "items/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_file,
        name="attachment",
    ),
    # one URL per action (views.ACTIONS), each calling one service
    path("items/<int:pk>/<slug:action>/", views.act, name="action"),
    path("figures/", views.figures_index, name="figures_index"),
    path("figures/import/", views.figures_import, name="figures_import"),
    path("figures/<int:year>/", views.figures_year, name="figures"),
]

# Fixed paths first: a column cannot be called "guide", "annual-reports" or "items".
public_urlpatterns = (
    [
        path("gk/<slug:agency_code>/", public_views.agency_home, name="agency"),
        path("gk/<slug:agency_code>/guide/", public_views.guide, name="guide"),
        path(
            "gk/<slug:agency_code>/annual-reports/",
            public_views.annual_reports,
            name="reports",
        ),
        path("gk/<slug:agency_code>/items/<int:pk>/", public_views.item, name="item"),
        path(
            "gk/<slug:agency_code>/items/<int:pk>/attachments/<int:attachment_pk>/",
            public_views.attachment,
            name="attachment",
        ),
        path("gk/<slug:agency_code>/<slug:column_slug>/", public_views.column, name="column"),
        path(
            "gk/<slug:agency_code>/<slug:column_slug>/feed.atom",
            ColumnFeed(),
            name="column_feed",
        ),
        path("search/", public_views.search_view, name="search"),
        path(
            "sitemap.xml",
            sitemap_views.sitemap,
            {"sitemaps": SITEMAPS, "template_name": "catalog/sitemap.xml"},
            name="sitemap",
        ),
    ],
    "portal",
)

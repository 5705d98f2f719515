"""Every public page, under the namespaces the templates name: `applications_public` (/apply/,
/track/), `reports_public` (published annual reports), `portal` (/gk/…, /search/, feeds,
/sitemap.xml) and `complaints` (/complaints/). The site's home is `views.home` (name `home`)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import apply, complaints, reports, searching, site, views
from .feeds import ColumnFeed
from .sitemaps import SITEMAPS

apply_patterns = (
    [
        path("apply/", apply.index, name="index"),
        path("apply/<slug:agency_code>/", apply.apply, name="apply"),
        path("apply/<slug:agency_code>/submitted/", apply.submitted, name="submitted"),
        path("track/", apply.track, name="track"),
        path("track/<str:code>/", apply.track_code, name="track_code"),
    ],
    "applications_public",
)

report_patterns = (
    [
        path(
            "gk/<slug:agency_code>/annual-reports/<int:year>/",
            reports.public_report,
            name="report",
        ),
        path(
            "gk/<slug:agency_code>/annual-reports/<int:year>/report.<str:fmt>",
            reports.public_download,
            name="download",
        ),
    ],
    "reports_public",
)

# Fixed paths first: a column cannot be called "guide", "annual-reports" or "items".
portal_patterns = (
    [
        path("gk/<slug:agency_code>/", views.agency_home, name="agency"),
        path("gk/<slug:agency_code>/guide/", views.guide, name="guide"),
        path("gk/<slug:agency_code>/annual-reports/", reports.annual_reports, name="reports"),
        path("gk/<slug:agency_code>/items/<int:pk>/", views.item, name="item"),
        path(
            "gk/<slug:agency_code>/items/<int:pk>/attachments/<int:attachment_pk>/",
            views.attachment,
            name="attachment",
        ),
        path("gk/<slug:agency_code>/<slug:column_slug>/", views.column, name="column"),
        path(
            "gk/<slug:agency_code>/<slug:column_slug>/feed.atom",
            ColumnFeed(),
            name="column_feed",
        ),
        path("search/", searching.search_view, name="search"),
        path("site-map/", site.site_map, name="site_map"),
        path("contact/", site.contact, name="contact"),
        path("error-report/", site.error_report, name="error_report"),
        path("mode/<slug:mode>/", site.reading_mode, name="reading_mode"),
        path(
            "sitemap.xml",
            sitemap_views.sitemap,
            {"sitemaps": SITEMAPS, "template_name": "portal/sitemap.xml"},
            name="sitemap",
        ),
    ],
    "portal",
)

complaint_patterns = (
    [
        path("new/", complaints.complaint_new, name="new"),
        path("filed/", complaints.complaint_filed, name="filed"),
        path("<str:code>/", complaints.complaint_status, name="status"),
    ],
    "complaints",
)

urlpatterns = [
    path("", include(apply_patterns)),
    path("", include(report_patterns)),
    path("", include(portal_patterns)),
    path("complaints/", include(complaint_patterns)),
]

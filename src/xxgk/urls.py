"""Top-level URLs: each app's staff pages under /staff/…, the supervising office's under
/supervision/, and every public page from `xxgk.portal`.

`/healthz` is answered by xxgk.health.HealthCheckMiddleware before URL resolution.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from xxgk.accounts import views as account_views
from xxgk.accounts.landing import landing
from xxgk.api.main import api
from xxgk.portal import views as portal_views

admin.site.site_header = _("xxgk 政府信息公开平台管理")
admin.site.site_title = _("xxgk 管理")
admin.site.index_title = _("管理首页")

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/landing/", landing, name="landing"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/applications/", include("xxgk.applications.urls")),
    path("staff/reports/", include("xxgk.reports.urls")),
    path("staff/disputes/", include("xxgk.disputes.urls")),
    path("staff/api-tokens/", include("xxgk.api.staff_urls")),
    path("staff/", include("xxgk.catalog.urls")),
    path("supervision/", include("xxgk.supervision.urls")),
    path("api/v1/", api.urls),
    path("data/", include("xxgk.api.urls")),
    path("", include("xxgk.portal.urls")),
]
# Stored files (letters, attachments, imported reports, templates) are never served as plain
# /media/ files, not even in laptop mode: only through the views that check who may see them
# (applications.views.letter_file, portal.views.attachment, …). Issue 12, item 7.

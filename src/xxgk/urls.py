"""Top-level URLs. Each domain app will be included here under its own namespace.

`/healthz` is answered by xxgk.health.HealthCheckMiddleware before URL resolution.
"""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from xxgk.accounts import views as account_views
from xxgk.applications.urls import public_urlpatterns
from xxgk.catalog import public_views as portal_views
from xxgk.catalog.urls import public_urlpatterns as portal_urlpatterns
from xxgk.reports.supervision_urls import complaint_urlpatterns
from xxgk.reports.urls import public_urlpatterns as report_urlpatterns

admin.site.site_header = _("xxgk 政府信息公开平台管理")
admin.site.site_title = _("xxgk 管理")
admin.site.index_title = _("管理首页")

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/applications/", include("xxgk.applications.urls")),
    path("staff/reports/", include("xxgk.reports.urls")),
    path("staff/disputes/", include("xxgk.disputes.urls")),
    path("staff/", include("xxgk.catalog.urls")),
    path("supervision/", include("xxgk.reports.supervision_urls")),
    path("complaints/", include(complaint_urlpatterns)),
    path("", include(public_urlpatterns)),
    path("", include(report_urlpatterns)),
    path("", include(portal_urlpatterns)),
]

if settings.DEBUG:
    # Uploaded files in development only; in production they are never served as plain
    # files by the app (docs/deploy.md).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

"""URLs of the annual reports: the staff workspace (namespace `reports`, under /staff/reports/)
and the published reports on the portal (namespace `reports_public`, under /gk/<agency>/)."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.workspace, name="workspace"),
    path("<int:pk>/report.<str:fmt>", views.download, name="download"),
    # one URL per action (views.ACTIONS), each calling one service
    path("<int:pk>/<slug:action>/", views.act, name="action"),
]

public_urlpatterns = (
    [
        path(
            "gk/<slug:agency_code>/annual-reports/<int:year>/",
            views.public_report,
            name="report",
        ),
        path(
            "gk/<slug:agency_code>/annual-reports/<int:year>/report.<str:fmt>",
            views.public_download,
            name="download",
        ),
    ],
    "reports_public",
)

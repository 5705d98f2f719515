"""URLs of the annual report workspace (namespace `reports`, under /staff/reports/). The
published reports are the portal's (/gk/<agency>/annual-reports/)."""

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

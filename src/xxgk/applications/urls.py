"""URLs of 依申请公开's staff pages (namespace `applications`, under /staff/applications/). The
public pages (/apply/, /track/) are the portal's."""

from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("new/", views.new, name="new"),
    path("ledger.xlsx", views.ledger, name="ledger"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/archive.zip", views.archive_file, name="archive_zip"),
    path("<int:pk>/letters/<int:letter_pk>/", views.letter_file, name="letter"),
    # one URL per action (views.ACTIONS), each calling one service
    path("<int:pk>/<slug:action>/", views.act, name="action"),
]

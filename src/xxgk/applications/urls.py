"""URLs of 依申请公开: staff pages (namespace `applications`, under /staff/applications/) and
the public pages (namespace `applications_public`: /apply/, /track/)."""

from django.urls import path

from . import public_views, views

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

public_urlpatterns = (
    [
        path("apply/", public_views.index, name="index"),
        path("apply/<slug:agency_code>/", public_views.apply, name="apply"),
        path("apply/<slug:agency_code>/submitted/", public_views.submitted, name="submitted"),
        path("track/", public_views.track, name="track"),
        path("track/<str:code>/", public_views.track_code, name="track_code"),
    ],
    "applications_public",
)

"""The supervising office's pages, mounted at /supervision/ (namespace `supervision`)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.index, name="index"),
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
    path("import/", views.import_upload, name="import"),
    path("import/jobs/<int:pk>/", views.import_job, name="import_job"),
    path("<int:year>/", views.overview, name="overview"),
    path("<int:year>/similarity/", views.similarity, name="similarity"),
    path(
        "<int:year>/similarity/<slug:a_code>/<slug:b_code>/<int:year_b>/",
        views.similarity_detail,
        name="similarity_detail",
    ),
]

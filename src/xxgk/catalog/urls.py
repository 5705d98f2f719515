"""URLs of 主动公开's staff pages (namespace `catalog`, under /staff/). The public pages are the
portal's (`xxgk.portal.urls`)."""

from django.urls import path

from . import views

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

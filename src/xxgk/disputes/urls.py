"""Staff pages of the review and litigation register (namespace `disputes`, under
/staff/disputes/)."""

from django.urls import path

from . import views

app_name = "disputes"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
]

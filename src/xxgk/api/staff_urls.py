from django.urls import path

from . import staff

app_name = "apitokens"
urlpatterns = [
    path("", staff.tokens, name="list"),
    path("<int:pk>/revoke/", staff.revoke, name="revoke"),
]

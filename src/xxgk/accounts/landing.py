"""Where each person lands after signing in: where their work is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .permissions import CATALOG_ROLES, HANDLING_ROLES, Role


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    held = set(request.user.memberships.values_list("role", flat=True))
    if held & set(HANDLING_ROLES):  # heads find the replies awaiting approval there too
        return redirect("applications:worklist")
    if Role.SUPERVISOR in held:
        return redirect("supervision:index")
    if held & set(CATALOG_ROLES):
        return redirect("catalog:items")
    if request.user.is_staff and not held:
        return redirect("admin:index")
    return redirect("applications:worklist")  # says the person has no role yet

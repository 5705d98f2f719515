"""What the header offers a signed-in person: only the rooms their roles open."""

from __future__ import annotations

from django.http import HttpRequest

from .permissions import CATALOG_ROLES, FIGURE_ROLES, HANDLING_ROLES, REPORT_ROLES, Role, signed_in


def staff_menu(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if not signed_in(user):
        return {"staff_menu": None}
    held = set(user.memberships.values_list("role", flat=True))
    return {
        "staff_menu": {
            "catalog": bool(held & {*CATALOG_ROLES, *FIGURE_ROLES}),
            "applications": bool(held & set(HANDLING_ROLES)),
            "disputes": bool(held & set(HANDLING_ROLES)),
            "reports": bool(held & set(REPORT_ROLES)),
            "supervision": Role.SUPERVISOR in held,
            "api_tokens": Role.HEAD in held,  # the write API's tokens are the head's to issue
            "admin": bool(user.is_staff),
            "superuser": bool(user.is_superuser),
            "no_roles": not held,
        }
    }

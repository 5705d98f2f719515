"""Response headers for pages that hold personal data or a person's work (issue 12, item 11)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# pages about a case or someone's work, even when asked anonymously (the tracking page shows
# a case's progress to whoever has its code)
PRIVATE_PREFIXES = ("/staff/", "/supervision/", "/admin/", "/accounts/", "/track/")


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` for every response to a signed-in person and every
    staff, supervision, admin, sign-in and tracking page: no browser or proxy keeps a copy of
    an applicant's details (a shared computer, a back button after sign-out)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or request.path.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        return response

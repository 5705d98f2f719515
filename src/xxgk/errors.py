"""The one refusal every service raises, and what views catch to show it on the form.

A service refuses with `ActionRefused("…")`, the message written for the user (Chinese, with the
article where the law is the reason). Views catch `REFUSALS` — a refusal, a permission refused,
a model's validation error — and show the message on the form that asked (`web.refuse`), never a
500. Upload and import checks refuse with subclasses that say which check it was.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError


class ActionRefused(Exception):
    """The action is not allowed now; `str(e)` says why, for the user."""


REFUSALS: tuple[type[Exception], ...] = (ActionRefused, PermissionDenied, ValidationError)

"""View helpers the staff apps share: a form whose POST calls one service, and a refusal
(`ActionRefused`, `PermissionDenied`, `ValidationError`, …) shown on the form instead of a 500."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def refusal_texts(e: Exception) -> list[str]:
    """What to show of a refusal: every message of a ValidationError, else its first argument."""
    if isinstance(e, ValidationError):
        return [str(m) for m in e.messages]
    return [str(e.args[0]) if e.args else str(e)]


def refuse(form: forms.BaseForm, e: Exception) -> None:
    for text in refusal_texts(e):
        form.add_error(None, text)


def run_form(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[], str],
    refusals: tuple[type[Exception], ...],
) -> bool:
    """Validate the form and call `run`; True once it succeeded and its message is flashed.

    False leaves the errors (a refusal as a non-field error) on the form for the page to show.
    """
    if not form.is_valid():
        return False
    try:
        message = run()
    except refusals as e:
        refuse(form, e)
        return False
    messages.success(request, message)
    return True


def refused_notice(title: str, form: forms.BaseForm) -> dict:
    """The notice atop a page whose action form came back: the action and (label, error) pairs."""
    return {
        "title": title,
        "errors": [
            (str(form.fields[name].label or "") if name in form.fields else "", e)
            for name, errs in form.errors.items()
            for e in errs
        ],
    }


class ExpectedRefusalFilter(logging.Filter):
    """Keeps a 403 or 404 in the log as one line: the refusal is the app's answer, not a
    fault, and its traceback would bury the real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
        return True

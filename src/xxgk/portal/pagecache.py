"""Whole portal pages cached for anonymous readers.

Rendering a list or an item page costs some 20 ms of Python; read from the cache it costs
well under one. The key holds the catalog's generation, which every change that readers can
see replaces (publishing, withdrawing, validity, attachments, and saving agencies, sections,
columns or topics), so a cached page is never older than the catalog it shows;
XXGK_PORTAL_PAGE_SECONDS (0 switches the cache off) bounds the rest (the date in the footer).
Signed-in staff, requests with a message to show and anything but a 200 bypass it. The
language switcher's CSRF token is not cached: each reader gets their own.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from xxgk.siteinfo import reading_mode

GENERATION_KEY = "catalog:generation"
CSRF_SLOT = "\x00csrf\x00"
_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:  # new, or evicted: a value never used before, so no old page matches
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def catalog_changed() -> None:
    """Every cached page is out of date: now, and again once the change is committed (a
    reader in between may have cached a page of the old catalog)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


def _key(request: HttpRequest) -> str:
    # the reading mode changes the page (its class and switch link), like the language
    mode = reading_mode(request)
    path = f"{generation()}|{request.LANGUAGE_CODE}|{mode}|{request.get_full_path()}"
    return "portal-page:" + hashlib.sha256(path.encode()).hexdigest()


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.XXGK_PORTAL_PAGE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
    )


def cached_page(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content_type, body = hit
            return HttpResponse(body.replace(CSRF_SLOT, get_token(request)), content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = response.content.decode(response.charset)
            if "nonce=" not in body:  # a CSP nonce belongs to one response
                stored = _CSRF_INPUT.sub(lambda m: m.group(1) + CSRF_SLOT + m.group(2), body)
                cache.set(
                    key, (response["Content-Type"], stored), settings.XXGK_PORTAL_PAGE_SECONDS
                )
        return response

    return wrapped

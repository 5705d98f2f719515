"""Stored files are never plain /media/ files (issue 12, item 7): anonymous GET of a letter's or
an attachment's storage path is not 200, with DEBUG on or off; the permission views serve them."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

from tests.applications import factories
from xxgk import urls
from xxgk.applications import letters
from xxgk.applications.models import Letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    agency = factories.agency()
    handler = factories.user(agency)
    app = factories.received(agency, handler, dt.date(2026, 11, 2))
    letter = letters.issue_letter(app, Letter.Kind.RECEIPT, actor=handler)
    return app, handler, letter


@pytest.mark.parametrize("debug", [True, False])
def test_no_stored_file_is_served_from_media(stored, debug):
    app, handler, letter = stored
    with override_settings(DEBUG=debug):
        importlib.reload(urls)
        clear_url_caches()
        try:
            path = f"/media/{letter.file.name}"
            assert Client().get(path).status_code != 200
            signed_in = Client()
            signed_in.force_login(handler)
            assert signed_in.get(path).status_code != 200
            assert app.tracking_code not in letter.file.name
            # through the view that checks who asks
            view = f"/staff/applications/{app.pk}/letters/{letter.pk}/"
            assert signed_in.get(view).status_code == 200
            assert Client().get(view).status_code == 302  # to the login
            stranger = Client()
            stranger.force_login(factories.user(factories.agency()))
            assert stranger.get(view).status_code in (403, 404)
        finally:
            importlib.reload(urls)
            clear_url_caches()

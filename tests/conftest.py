"""Shared pytest set-up.

Every test that touches the database gets the `db` marker, so that scripts/test.sh can run
them a second time on PostgreSQL with `pytest -m db` (the whole suite runs on SQLite).
"""

from __future__ import annotations

import pytest

# Fixtures that open the database, directly or through pytest-django's test set-up.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "client",
        "async_client",
        "admin_client",
        "admin_user",
        "django_user_model",
        "live_server",
    }
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & DATABASE_FIXTURES:
            item.add_marker(pytest.mark.db)


@pytest.fixture(autouse=True)
def _empty_cache(request: pytest.FixtureRequest):
    """Each database test starts with an empty cache: cached counts or throttle state keyed by
    ids would otherwise outlive the rolled-back rows of the test before."""
    if "db" not in request.keywords:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test ends in the default language: a request with Accept-Language: en leaves English
    active in the thread (LocaleMiddleware does not switch back), and the messages of a plain
    service call in the next test would come out in English."""
    yield
    from django.utils import translation

    translation.deactivate()

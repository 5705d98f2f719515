"""A hung database does not stall the site (issue 12, item 5): connect and statement timeouts
from settings, /healthz answers 503 within a second, a database error is a 503 page."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path

from tests.web.helpers import clean_env, read_settings
from xxgk import health
from xxgk.urls import urlpatterns as site_patterns


def unavailable(request):
    raise OperationalError("connection timeout expired")


urlpatterns = [path("down/", unavailable), *site_patterns]


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word (the probe's hung database)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(2)
    for s in held:
        s.close()
    listener.close()


def test_postgresql_settings_carry_both_timeouts(tmp_path, silent_server):
    env = clean_env(
        tmp_path,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent_server}/xxgk",
        XXGK_DB_CONNECT_TIMEOUT="2",
        XXGK_DB_STATEMENT_TIMEOUT_MS="15000",
    )
    options = read_settings(env, "DATABASES")["DATABASES"]["default"]["OPTIONS"]
    assert options["connect_timeout"] == 2
    assert "statement_timeout=15000" in options["options"]


def test_a_connection_to_a_silent_server_gives_up_in_time(silent_server):
    psycopg = pytest.importorskip("psycopg")
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(
            host="127.0.0.1", port=silent_server, user="x", dbname="x", connect_timeout=2
        )
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_healthz_answers_503_within_a_second_when_the_database_hangs(monkeypatch):
    monkeypatch.setattr(health, "database_answers", lambda: time.sleep(5) or True)
    started = time.monotonic()
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert time.monotonic() - started < 1.5
    # while that probe still hangs, the next answers at once without another thread
    started = time.monotonic()
    assert Client().get("/healthz").status_code == 503
    assert time.monotonic() - started < 0.5


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers():
    if health._probe is not None:
        health._probe.join(6)
    assert Client().get("/healthz").status_code == 200


@override_settings(ROOT_URLCONF=__name__)
def test_a_database_error_is_a_503_page_not_a_500():
    response = Client(raise_request_exception=False).get("/down/")
    assert response.status_code == 503
    assert "系统繁忙" in response.content.decode() and response["Retry-After"] == "30"

"""/healthz answers load balancers: 200 "ok" after a database query, 503 without a database."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from xxgk import health

pytestmark = pytest.mark.django_db


def test_healthz_says_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_a_probe_by_ip_address(client):
    # Load balancers probe each server by its address, which is not in ALLOWED_HOSTS.
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200


def test_healthz_reports_a_missing_database_with_503(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"


def test_healthz_accepts_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405

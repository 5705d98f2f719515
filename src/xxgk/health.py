"""`/healthz` for load balancers: 200 "ok" once the database answers a query, else 503.

A middleware rather than a view, placed first: a load balancer probes each app server by its
address over plain HTTP, so the answer must not depend on ALLOWED_HOSTS, the HTTPS redirect
or sessions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


ANSWER_WITHIN = 1.0  # seconds: a load balancer's probe must not hang with the database
_probe_lock = threading.Lock()
_probe: threading.Thread | None = None


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("health check: the database did not answer")
        return False


def database_answers_in_time(within: float = ANSWER_WITHIN) -> bool:
    """`database_answers` in a thread of its own, waited for at most `within` seconds: a hung
    database makes /healthz answer 503 at once. While an earlier probe still hangs, no new one
    is started (one stuck thread at most)."""
    global _probe
    result: list[bool] = []

    def run() -> None:
        try:
            result.append(database_answers())
        finally:
            connection.close()  # this thread's own connection

    with _probe_lock:
        if _probe is not None and _probe.is_alive():
            return False
        _probe = threading.Thread(target=run, name="xxgk-healthz", daemon=True)
        _probe.start()
        probe = _probe
    probe.join(within)
    return bool(result and result[0])


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached or times out is a 503 "try again" page, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("database unavailable: %s", exception)
            response = HttpResponse(
                render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8"
            )
            response["Retry-After"] = "30"
            response["Cache-Control"] = "no-store"
            return response
        return None


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        ok = database_answers_in_time()
        response = HttpResponse(
            "ok" if ok else "database unavailable",
            status=200 if ok else 503,
            content_type="text/plain; charset=utf-8",
        )
        response["Cache-Control"] = "no-store"
        return response
